import type { Context } from "hono";
import { z } from "zod";
import { rewindInvitationClock } from "../db/invitations-repo";
import { sendGate } from "../durable-objects/send-gate";
import type { AppEnv } from "../env";
import { ApiError, fieldError, validationError } from "../http/errors";

/** A year and a day: past any invitation's lifetime (30 days for AutoDoc, the widget's for Vortex). */
const MAX_REWIND_SECONDS = 366 * 24 * 60 * 60;
const RewindBody = z.object({ seconds: z.number().int().min(1).max(MAX_REWIND_SECONDS) });

/**
 * `POST /dev/invitations/:token/rewind {"seconds": n}` (operator token, see devRouter): a test clock in the spirit of
 * Stripe's. A test-mode invitation is moved n seconds into the past (its creation, last send and expiry in D1,
 * its last send in the SendGate), so a resend can be tried without waiting out the cooldown, and an expired
 * invitation made without waiting 30 days. Never for live invitations.
 */
export async function rewindInvitation(c: Context<AppEnv>): Promise<Response> {
  const parsed = RewindBody.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) {
    throw validationError([fieldError("seconds", `must be an integer from 1 to ${MAX_REWIND_SECONDS}`)]);
  }
  const token = c.req.param("token") ?? "";
  const ms = parsed.data.seconds * 1000;
  const expiresAt = await rewindInvitationClock(c.var.db, token, ms);
  if (!expiresAt) throw new ApiError("not_found", `No test-mode invitation "${token}".`);
  const state = await sendGate(c.env, token).rewind(ms);
  return c.json({
    token,
    lastSentAt: state.lastSentAt ? new Date(state.lastSentAt).toISOString() : null,
    expiresAt: expiresAt.toISOString(),
    expired: expiresAt.getTime() <= Date.now(),
  });
}
