import { DurableObject } from "cloudflare:workers";
import {
  type BeginDecision,
  decideBegin,
  decideGiveUp,
  decideResend,
  type GateState,
  type GiveUpDecision,
  INITIAL_GATE_STATE,
  type ProviderAnswer,
  type ResendDecision,
  recordFailed,
  recordSent,
  releaseLease,
} from "../core/send-policy";

const STATE_KEY = "state";
/** A webhook POST that has not finished within this (its consumer died) can be taken over. */
const WEBHOOK_LEASE_MS = 60_000;

interface WebhookClaim {
  lease: string | null;
  until: number;
  delivered: boolean;
}

/** A webhook's body as one claimant rendered it (its id is the event's public id, the same for every endpoint). */
export interface WebhookBody {
  webhookId: string;
  payload: string;
}

/** A claim's answer: whether this caller posts now, and if so the bytes it posts. */
export type WebhookClaimAnswer =
  | { claim: "claimed"; payload: string }
  | { claim: "in_flight" }
  | { claim: "delivered" };

/**
 * One per invitation (named by its token): the only place that says yes to a send. Each method reads and
 * writes synchronous SQLite-backed storage without awaiting, so it runs atomically: concurrent callers are
 * served one after another and see each other's decisions.
 */
export class SendGate extends DurableObject<Env> {
  #read(): GateState {
    return this.ctx.storage.kv.get<GateState>(STATE_KEY) ?? INITIAL_GATE_STATE;
  }

  #write(state: GateState): GateState {
    this.ctx.storage.kv.put(STATE_KEY, state);
    return state;
  }

  state(): GateState {
    return this.#read();
  }

  reserveResend(now: number): ResendDecision {
    const decision = decideResend(this.#read(), now);
    if (decision.ok) this.#write(decision.state);
    return decision;
  }

  /** Undoes a reservation whose resend could not go ahead (the invitation changed meanwhile). */
  cancelReservation(attempt: number, now: number): GateState {
    return this.#write(recordFailed(this.#read(), attempt, null, now));
  }

  beginSend(attempt: number, lease: string, now: number): BeginDecision {
    const decision = decideBegin(this.#read(), attempt, lease, now);
    if (decision.ok) this.#write(decision.state);
    return decision;
  }

  /** The provider accepted `attempt`: the send is counted, with the provider's answer when it is known. */
  recordSent(attempt: number, now: number, answer?: ProviderAnswer): GateState {
    return this.#write(recordSent(this.#read(), attempt, now, answer));
  }

  /** A permanent failure of the send that `lease` holds; another copy's live lease stays untouched. */
  recordFailed(attempt: number, lease: string, now: number): GateState {
    return this.#write(recordFailed(this.#read(), attempt, lease, now));
  }

  /** Ends `attempt` for a caller without a lease, in one step: sent, still in flight elsewhere, or failed. */
  giveUp(attempt: number, now: number): GiveUpDecision {
    const decision = decideGiveUp(this.#read(), attempt, now);
    if (decision.outcome === "failed") this.#write(decision.state);
    return decision;
  }

  releaseLease(attempt: number, lease: string, now: number): GateState {
    return this.#write(releaseLease(this.#read(), attempt, lease, now));
  }

  /**
   * Customer webhooks about this invitation: one POST per (webhook, endpoint) in flight at a time and none
   * after one succeeded, so copies of a queue message that arrive together post once. A claim offers the
   * webhook's body as the claimant rendered it; the first body offered for a webhook id is kept, and every
   * claim of it (each endpoint, each retry) gets those bytes back to post.
   */
  claimWebhook(key: string, lease: string, now: number, offer: WebhookBody): WebhookClaimAnswer {
    const claim = this.ctx.storage.kv.get<WebhookClaim>(`webhook:${key}`);
    if (claim?.delivered) return { claim: "delivered" };
    if (claim && claim.until > now) return { claim: "in_flight" };
    const bodyKey = `webhook-body:${offer.webhookId}`;
    let payload = this.ctx.storage.kv.get<string>(bodyKey);
    if (payload === undefined) {
      payload = offer.payload;
      this.ctx.storage.kv.put(bodyKey, payload);
    }
    this.ctx.storage.kv.put(`webhook:${key}`, { lease, until: now + WEBHOOK_LEASE_MS, delivered: false });
    return { claim: "claimed", payload };
  }

  finishWebhook(key: string, lease: string, delivered: boolean): void {
    const claim = this.ctx.storage.kv.get<WebhookClaim>(`webhook:${key}`);
    if (claim?.lease !== lease) return;
    if (delivered) this.ctx.storage.kv.put(`webhook:${key}`, { lease: null, until: 0, delivered: true });
    else this.ctx.storage.kv.delete(`webhook:${key}`);
  }

  /**
   * The test clock (development and test environments, test-mode invitations only; see src/dev/clock.ts):
   * the last send moves `ms` into the past, so a resend can be tried without waiting out the cooldown.
   */
  rewind(ms: number): GateState {
    const state = this.#read();
    if (state.lastSentAt === null) return state;
    return this.#write({ ...state, lastSentAt: state.lastSentAt - ms });
  }
}

/** The gate of one invitation. */
export function sendGate(env: Env, invitationToken: string): DurableObjectStub<SendGate> {
  return env.SEND_GATE.get(env.SEND_GATE.idFromName(invitationToken));
}
