import { env, exports } from "cloudflare:workers";
import { type MockInstance, vi } from "vitest";
import { createDb } from "../../src/db/client";
import { FLUSH_DELAY_MS } from "../../src/links/visit-buffer";
import { flushVisitBuffer } from "../../src/links/visit-flush";
import { createBody, type VortexTenant, vortex } from "./vortex";
import { waitFor } from "./wait-for";

export const SHORT = "https://link.auto-doc.test";
export const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
export const SLACKBOT = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

/** A request to a link as a browser (or, with `userAgent`, a bot) makes it; redirects are not followed. */
export function visit(url: string, init: { method?: string; userAgent?: string; language?: string } = {}) {
  const headers: Record<string, string> = { "User-Agent": init.userAgent ?? CHROME };
  if (init.language) headers["Accept-Language"] = init.language;
  return exports.default.fetch(url, { method: init.method ?? "GET", headers, redirect: "manual" });
}

/** A Vortex invitation the customer sends itself (a phone target: nothing is delivered by us). */
export async function shortLinkInvitation(tenant: VortexTenant, extra: Record<string, unknown> = {}) {
  const created = await vortex(
    tenant.vortexTest,
    "POST",
    "/invitations",
    createBody(tenant.widgetId, { type: "phone", value: "+14155550123" }, extra),
  );
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const shortLink = String(created.body.shortLink);
  return { id: String(created.body.id), shortLink, code: shortLink.split("/").pop() ?? "" };
}

/** The invitation as a Vortex client sees it. */
export async function vortexView(tenant: VortexTenant, id: string) {
  return (await vortex(tenant.vortexTest, "GET", `/invitations/${id}`)).body;
}

/** The invitation's short-link counts, straight from D1. */
export async function storedCounts(token: string) {
  const row = await env.DB.prepare(
    "SELECT views, click_throughs AS clickThroughs FROM invitations WHERE token = ?",
  )
    .bind(token)
    .first<{ views: number; clickThroughs: number }>();
  return row ?? { views: Number.NaN, clickThroughs: Number.NaN };
}

/**
 * Runs the visit buffer's flush now — the one short-link.ts runs FLUSH_DELAY_MS after a buffered visit —
 * instead of waiting out the delay, then waits until D1 holds these counts (a probe of D1, never the API).
 */
export async function flushVisits(token: string, counts: { views?: number; clickThroughs?: number }) {
  await flushVisitBuffer({ env, db: createDb(env.DB) });
  return waitFor(`${token} to count ${JSON.stringify(counts)}`, async () => {
    const stored = await storedCounts(token);
    return Object.entries(counts).every(([key, value]) => Reflect.get(stored, key) === value) && stored;
  });
}

// The platform's timer, taken before any test stubs it.
const platformWait = scheduler.wait.bind(scheduler);
/** Long enough that no flush a visit schedules fires while the tier runs. */
const PARKED_MS = 30 * 60_000;
let flushDelay: MockInstance<typeof scheduler.wait> | undefined;

/**
 * The visit buffer's flush delay, stubbed at the platform's timer (`scheduler.wait`, which fake timers do
 * not move; nothing else of ours waits on it): a flush a visit schedules fires after `ms` instead of
 * FLUSH_DELAY_MS. By default it is parked, so that a flush one test scheduled cannot fire inside the next
 * one and take its counts; tests then run the flush themselves (`flushVisits`). Answers the stub, whose
 * calls say which delays were asked for. Undo with `restoreFlushDelay()` in `afterEach`.
 */
export function stubFlushDelay(ms = PARKED_MS): MockInstance<typeof scheduler.wait> {
  flushDelay ??= vi.spyOn(scheduler, "wait");
  flushDelay.mockImplementation((asked, options) =>
    platformWait(asked === FLUSH_DELAY_MS ? ms : asked, options),
  );
  return flushDelay;
}

/**
 * Puts the platform's timer back and writes what the test left in the buffer, so that the next file's
 * first buffered visit finds it empty and schedules a flush of its own.
 */
export async function restoreFlushDelay(): Promise<void> {
  flushDelay?.mockRestore();
  flushDelay = undefined;
  const db = createDb(env.DB);
  let more = true;
  for (let flushes = 0; more && flushes < 10; flushes += 1) more = await flushVisitBuffer({ env, db });
}

/** The invitation's timeline rows, oldest first, straight from D1. */
export async function timeline(token: string) {
  const rows = await env.DB.prepare(
    "SELECT type, webhook_type AS webhookType FROM invitation_events WHERE invitation_token = ? ORDER BY id",
  )
    .bind(token)
    .all<{ type: string; webhookType: string | null }>();
  return rows.results;
}
