import type { Context } from "hono";
import { z } from "zod";
import { rewindSentAt } from "../db/invitations-repo";
import { sendGate } from "../durable-objects/send-gate";
import type { AppEnv } from "../env";
import { ApiError, fieldError, validationError } from "../http/errors";

const RewindBody = z.object({ seconds: z.number().int().min(1).max(86_400) });

/**
 * `POST /dev/invitations/:token/rewind {"seconds": n}` (operator token, see devRouter): a test clock in the spirit of
 * Stripe's. A test-mode invitation's last send moves n seconds into the past (in the SendGate and in D1), so
 * a resend or reinvite can be tried locally without waiting 3 minutes. Never for live invitations.
 */
export async function rewindInvitation(c: Context<AppEnv>): Promise<Response> {
  const parsed = RewindBody.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) throw validationError([fieldError("seconds", "must be an integer from 1 to 86400")]);
  const token = c.req.param("token") ?? "";
  const ms = parsed.data.seconds * 1000;
  if (!(await rewindSentAt(c.var.db, token, ms))) {
    throw new ApiError("not_found", `No test-mode invitation "${token}" has been sent.`);
  }
  const state = await sendGate(c.env, token).rewind(ms);
  return c.json({ token, lastSentAt: state.lastSentAt ? new Date(state.lastSentAt).toISOString() : null });
}
