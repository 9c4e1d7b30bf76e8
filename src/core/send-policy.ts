import { isExpired } from "./invitation-status";

/**
 * What the SendGate decides, as pure functions over its state (AutoDoc's resend reference): at most 10 sends per invitation,
 * 3 minutes between sends, and one send in flight at a time. The Durable Object only stores the state.
 * Also the one rule for a pending send that can never happen (revoked or expired before it was sent).
 */
export const MAX_SEND_ATTEMPTS = 10;
export const RESEND_COOLDOWN_MS = 3 * 60 * 1000;
/** A lease not finished within this time belongs to a consumer that died; another may take the send over. */
export const LEASE_TIMEOUT_MS = 2 * 60 * 1000;
/** A resend reserved but never picked up (its request died before enqueueing) frees the gate after this. */
export const RESERVATION_TIMEOUT_MS = 15 * 60 * 1000;

export interface InFlight {
  attempt: number;
  /** Who is calling the provider right now; null while the send waits in the queue. */
  lease: string | null;
  since: number;
}

export interface GateState {
  /** Sends the provider accepted: the seeds' `deliveryAttempts`. */
  attempts: number;
  lastSentAt: number | null;
  inFlight: InFlight | null;
}

export const INITIAL_GATE_STATE: GateState = { attempts: 0, lastSentAt: null, inFlight: null };

export type ResendDecision =
  | { ok: true; attempt: number; state: GateState }
  | { ok: false; reason: "in_flight" | "max_attempts" }
  | { ok: false; reason: "cooldown"; remainingSeconds: number };

export type BeginDecision =
  | { ok: true; state: GateState }
  | { ok: false; reason: "already_sent" | "in_flight" | "max_attempts" | "not_reserved" };

function activeInFlight(state: GateState, now: number): InFlight | null {
  const flight = state.inFlight;
  if (!flight) return null;
  const timeout = flight.lease === null ? RESERVATION_TIMEOUT_MS : LEASE_TIMEOUT_MS;
  return now - flight.since < timeout ? flight : null;
}

/** A resend request: reserve the next attempt, or say why not. */
export function decideResend(state: GateState, now: number): ResendDecision {
  if (activeInFlight(state, now)) return { ok: false, reason: "in_flight" };
  if (state.attempts >= MAX_SEND_ATTEMPTS) return { ok: false, reason: "max_attempts" };
  if (state.lastSentAt !== null && now - state.lastSentAt < RESEND_COOLDOWN_MS) {
    const remainingSeconds = Math.ceil((RESEND_COOLDOWN_MS - (now - state.lastSentAt)) / 1000);
    return { ok: false, reason: "cooldown", remainingSeconds };
  }
  const attempt = state.attempts + 1;
  return { ok: true, attempt, state: { ...state, inFlight: { attempt, lease: null, since: now } } };
}

/**
 * The consumer is about to call the provider for `attempt`. The first send needs no reservation; later
 * ones must have been reserved by a resend. A redelivered message for a recorded attempt is `already_sent`.
 */
export function decideBegin(state: GateState, attempt: number, lease: string, now: number): BeginDecision {
  if (attempt <= state.attempts) return { ok: false, reason: "already_sent" };
  if (state.attempts >= MAX_SEND_ATTEMPTS) return { ok: false, reason: "max_attempts" };
  if (attempt !== state.attempts + 1) return { ok: false, reason: "not_reserved" };
  const flight = activeInFlight(state, now);
  if (flight?.lease) return { ok: false, reason: "in_flight" };
  if (attempt > 1 && flight?.attempt !== attempt && state.inFlight?.attempt !== attempt) {
    return { ok: false, reason: "not_reserved" };
  }
  return { ok: true, state: { ...state, inFlight: { attempt, lease, since: now } } };
}

/** The provider accepted `attempt`. Idempotent: recording it again changes nothing. */
export function recordSent(state: GateState, attempt: number, now: number): GateState {
  if (attempt <= state.attempts) return state;
  return { attempts: attempt, lastSentAt: now, inFlight: null };
}

/**
 * The send failed for good: the attempt is not counted and the gate is free again. Only the holder of the
 * lease may free it (`lease` null: a caller that holds none, such as the dead-letter consumer or a cancelled
 * resend); a reservation nobody holds, or a lease whose holder went quiet, may be freed by anyone.
 */
export function recordFailed(
  state: GateState,
  attempt: number,
  lease: string | null,
  now: number,
): GateState {
  const flight = state.inFlight;
  if (flight?.attempt !== attempt) return state;
  if (flight.lease !== null && flight.lease !== lease && activeInFlight(state, now)) return state;
  return { ...state, inFlight: null };
}

export type GiveUpDecision =
  /** The gate recorded this attempt as sent (D1 may not have): mirror it, never fail it. */
  | { outcome: "sent"; state: GateState }
  /** Another copy holds a live lease on this attempt: it decides how the send ends. */
  | { outcome: "in_flight" }
  /** Nobody sent it and nobody is sending it: the gate is freed and the invitation may be failed. */
  | { outcome: "failed"; state: GateState };

/**
 * A caller without a lease wants to end `attempt` for good (the queue gave up on it, or it can never be
 * sent). The gate is asked first, because a send it recorded must be mirrored, not reported as failed.
 */
export function decideGiveUp(state: GateState, attempt: number, now: number): GiveUpDecision {
  if (attempt <= state.attempts) return { outcome: "sent", state };
  const flight = activeInFlight(state, now);
  if (flight?.attempt === attempt && flight.lease !== null) return { outcome: "in_flight" };
  return { outcome: "failed", state: recordFailed(state, attempt, null, now) };
}

export type NeverSentCause = "revoked" | "expired";

/**
 * Why a pending invitation will never be sent, or null while it still may be: its link is dead (revoked)
 * or past its expiry. The consumer's skip path and the sweeper both ask this, and give such a send up.
 */
export function whyNeverSent(
  invitation: { deactivated: boolean; expiresAt: Date },
  now: Date,
): NeverSentCause | null {
  if (invitation.deactivated) return "revoked";
  if (isExpired(invitation.expiresAt, now)) return "expired";
  return null;
}

/** A transient failure: the send stays reserved for the queue's retry, but nobody holds it now. */
export function releaseLease(state: GateState, attempt: number, lease: string, now: number): GateState {
  const flight = state.inFlight;
  if (flight?.attempt !== attempt || flight.lease !== lease) return state;
  return { ...state, inFlight: { attempt, lease: null, since: now } };
}
