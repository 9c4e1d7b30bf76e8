import type { InvitationStatus } from "../core/invitation-status";

/**
 * Why a use case says no, in the core's terms: each dialect turns a refusal into its own error words and
 * status (src/dialects/*\/refusal-error.ts). Nothing was written when a use case refuses.
 */
export type Refusal =
  | { kind: "not_found"; subject: "invitation" | "workflow" | "widget_configuration"; id: string }
  /** `id` names the invitation among several a request named (accept); absent for the one in the path. */
  | { kind: "revoked"; id?: string }
  | { kind: "expired"; id?: string }
  | { kind: "already_accepted"; id?: string }
  | { kind: "domain_not_admitted"; id: string }
  | { kind: "not_sent_by_us" }
  /** `stage`: the delivery has not settled (status), or the SendGate holds a send in flight. */
  | { kind: "delivery_in_flight"; stage: "delivery" | "send" }
  | { kind: "recipient_engaged"; status: InvitationStatus }
  | { kind: "delivery_failed" }
  | { kind: "max_attempts" }
  | { kind: "cooldown"; remainingSeconds: number }
  | { kind: "rate_limited"; budget: "resends" | "creations"; limit: number; retryAfterSeconds: number }
  | { kind: "changed_meanwhile" };

/** What a use case answers: its result, or why not. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const accepted = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refused = <T>(refusal: Refusal): Outcome<T> => ({ ok: false, refusal });
