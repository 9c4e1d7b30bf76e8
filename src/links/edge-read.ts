import type { Context } from "hono";
import type { Database } from "../db/client";
import { nearestReplica } from "../db/read-session";
import type { AppEnv } from "../env";

/**
 * A link's read at the edge: through a D1 session, which may be served by the nearest read replica, so a
 * found link is answered without a round trip to the primary. A replica that has not seen the row yet
 * (a link clicked seconds after its invitation was created: replicas lag about 0.8 s at p50, 6 s at p99)
 * answers nothing, and the row is read again from the primary before the link is called unknown.
 *
 * What a replica can serve stale, for at most its lag: a revocation or a changed expiry (the link cache
 * already allows 30 s for a revocation), and the status the start link's cache decision reads.
 */
export async function readAtEdge<T>(
  c: Context<AppEnv>,
  find: (db: Database) => Promise<T | null>,
): Promise<T | null> {
  const nearest = await find(nearestReplica(c.env.DB));
  if (nearest !== null) return nearest;
  return find(c.var.db);
}
