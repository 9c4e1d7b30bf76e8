/**
 * The SendGate's rules for customer webhooks about its invitation (pure; the Durable Object stores what they
 * decide): one POST per (webhook, endpoint) in flight at a time and none after one succeeded, so copies of a
 * queue message that arrive together post once; and one body per webhook, the first a claimant rendered,
 * which every endpoint and every retry posts.
 */

/** A POST that has not finished within this (its consumer died) can be taken over. */
export const WEBHOOK_LEASE_MS = 60_000;

/** One (webhook, endpoint)'s claim as the gate stores it. */
export interface WebhookClaim {
  lease: string | null;
  until: number;
  delivered: boolean;
}

/** A claim's answer: whether this caller posts now, and if so the bytes it posts. */
export type WebhookClaimAnswer =
  | { claim: "claimed"; payload: string }
  | { claim: "in_flight" }
  | { claim: "delivered" };

/** What a claim decides: the answer, and for a claimant what the gate stores (the body only when new). */
export interface WebhookClaimDecision {
  answer: WebhookClaimAnswer;
  store: { claim: WebhookClaim; body: string | null } | null;
}

/**
 * A claim of one (webhook, endpoint) by `lease`, offering the body the claimant rendered: refused while it is
 * delivered or another lease is live; otherwise granted for WEBHOOK_LEASE_MS, with the body the gate kept for
 * the webhook, or the offered one, kept from now on.
 */
export function decideWebhookClaim(
  current: WebhookClaim | undefined,
  keptBody: string | undefined,
  claimant: { lease: string; now: number; offered: string },
): WebhookClaimDecision {
  if (current?.delivered) return { answer: { claim: "delivered" }, store: null };
  if (current && current.until > claimant.now) return { answer: { claim: "in_flight" }, store: null };
  const claim = { lease: claimant.lease, until: claimant.now + WEBHOOK_LEASE_MS, delivered: false };
  return {
    answer: { claim: "claimed", payload: keptBody ?? claimant.offered },
    store: { claim, body: keptBody === undefined ? claimant.offered : null },
  };
}

/**
 * The end of `lease`'s POST: delivered for good, or the claim freed for a retry (null). `unchanged` when the
 * claim no longer carries this lease (another copy took it over after it lapsed).
 */
export function finishWebhookClaim(
  current: WebhookClaim | undefined,
  lease: string,
  delivered: boolean,
): WebhookClaim | null | "unchanged" {
  if (current?.lease !== lease) return "unchanged";
  return delivered ? { lease: null, until: 0, delivered: true } : null;
}
