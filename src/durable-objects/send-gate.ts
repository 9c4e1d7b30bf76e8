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
import {
  decideWebhookClaim,
  finishWebhookClaim,
  type WebhookClaim,
  type WebhookClaimAnswer,
} from "../core/webhook-claim";

const STATE_KEY = "state";

/** A webhook's body as one claimant rendered it (its id is the event's public id, the same for every endpoint). */
export interface WebhookBody {
  webhookId: string;
  payload: string;
}

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
   * Customer webhooks about this invitation (core/webhook-claim.ts): one POST per (webhook, endpoint) in
   * flight at a time and none after one succeeded; the first body offered for a webhook id is kept, and every
   * claim of it (each endpoint, each retry) gets those bytes back to post.
   */
  claimWebhook(key: string, lease: string, now: number, offer: WebhookBody): WebhookClaimAnswer {
    const { kv } = this.ctx.storage;
    const bodyKey = `webhook-body:${offer.webhookId}`;
    const decision = decideWebhookClaim(kv.get<WebhookClaim>(`webhook:${key}`), kv.get<string>(bodyKey), {
      lease,
      now,
      offered: offer.payload,
    });
    if (decision.store) {
      kv.put(`webhook:${key}`, decision.store.claim);
      if (decision.store.body !== null) kv.put(bodyKey, decision.store.body);
    }
    return decision.answer;
  }

  finishWebhook(key: string, lease: string, delivered: boolean): void {
    const { kv } = this.ctx.storage;
    const next = finishWebhookClaim(kv.get<WebhookClaim>(`webhook:${key}`), lease, delivered);
    if (next === "unchanged") return;
    if (next === null) kv.delete(`webhook:${key}`);
    else kv.put(`webhook:${key}`, next);
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
