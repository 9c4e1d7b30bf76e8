import { describe, it } from "vitest";
import {
  answerOfLastSend,
  decideBegin,
  decideGiveUp,
  decideResend,
  type GateState,
  INITIAL_GATE_STATE,
  LEASE_TIMEOUT_MS,
  RESERVATION_TIMEOUT_MS,
  recordFailed,
  recordSent,
  releaseLease,
  whyNeverSent,
} from "../../src/core/send-policy";

const T = 1_800_000_000_000;

describe("SendGate policy", () => {
  it("lets the first send through without a reservation, once", ({ expect }) => {
    const begun = decideBegin(INITIAL_GATE_STATE, 1, "a", T);
    expect(begun.ok).toBe(true);
    const state = begun.ok ? begun.state : INITIAL_GATE_STATE;
    expect(decideBegin(state, 1, "b", T + 1)).toEqual({ ok: false, reason: "in_flight" });
    const sent = recordSent(state, 1, T + 2);
    expect(sent).toEqual({ attempts: 1, lastSentAt: T + 2, inFlight: null });
    expect(decideBegin(sent, 1, "c", T + 3)).toEqual({ ok: false, reason: "already_sent" });
    expect(recordSent(sent, 1, T + 4)).toBe(sent);
  });

  it("hands a send over when its holder has gone quiet past the lease timeout", ({ expect }) => {
    const begun = decideBegin(INITIAL_GATE_STATE, 1, "a", T);
    const state = begun.ok ? begun.state : INITIAL_GATE_STATE;
    expect(decideBegin(state, 1, "b", T + LEASE_TIMEOUT_MS - 1).ok).toBe(false);
    expect(decideBegin(state, 1, "b", T + LEASE_TIMEOUT_MS).ok).toBe(true);
  });

  it("requires a reservation for every later attempt", ({ expect }) => {
    const sent = recordSent(INITIAL_GATE_STATE, 1, T);
    expect(decideBegin(sent, 2, "a", T + 200_000)).toEqual({ ok: false, reason: "not_reserved" });
    expect(decideBegin(sent, 3, "a", T + 200_000)).toEqual({ ok: false, reason: "not_reserved" });
    const reserved = decideResend(sent, T + 200_000);
    expect(reserved).toMatchObject({ ok: true, attempt: 2 });
    const state = reserved.ok ? reserved.state : sent;
    expect(decideResend(state, T + 200_001)).toEqual({ ok: false, reason: "in_flight" });
    expect(decideBegin(state, 2, "a", T + 200_002).ok).toBe(true);
  });

  it("frees a reservation that was never picked up", ({ expect }) => {
    const sent = recordSent(INITIAL_GATE_STATE, 1, T);
    const reserved = decideResend(sent, T + 200_000);
    const state = reserved.ok ? reserved.state : sent;
    expect(decideResend(state, T + 200_000 + RESERVATION_TIMEOUT_MS - 1).ok).toBe(false);
    expect(decideResend(state, T + 200_000 + RESERVATION_TIMEOUT_MS)).toMatchObject({ ok: true, attempt: 2 });
  });

  it("keeps a transiently failed send reserved for the retry, and frees a permanently failed one", ({
    expect,
  }) => {
    const begun = decideBegin(INITIAL_GATE_STATE, 1, "a", T);
    const holding = begun.ok ? begun.state : INITIAL_GATE_STATE;
    const released = releaseLease(holding, 1, "a", T + 10);
    expect(released.inFlight).toEqual({ attempt: 1, lease: null, since: T + 10, calls: 1 });
    expect(releaseLease(holding, 1, "someone-else", T + 10)).toBe(holding);
    expect(decideBegin(released, 1, "b", T + 20).ok).toBe(true);
    expect(recordFailed(holding, 1, "a", T + 10)).toEqual({ attempts: 0, lastSentAt: null, inFlight: null });
    expect(recordFailed(holding, 2, "a", T + 10)).toBe(holding);
  });

  it("keeps the provider-call record: a begin counts the call, a recorded send keeps the provider's answer", ({
    expect,
  }) => {
    const begun = decideBegin(INITIAL_GATE_STATE, 1, "a", T);
    expect(begun).toMatchObject({ ok: true, resumed: false, state: { inFlight: { calls: 1 } } });
    const holding = begun.ok ? begun.state : INITIAL_GATE_STATE;
    const answer = { provider: "twilio", providerMessageId: "SM1" };
    const sent = recordSent(holding, 1, T + 5, answer);
    expect(sent).toEqual({
      attempts: 1,
      lastSentAt: T + 5,
      inFlight: null,
      lastAnswer: { attempt: 1, calledAt: T, ...answer },
    });
    expect(answerOfLastSend(sent)).toEqual({ ...answer, calledAt: T });
    // A recorded send is recorded once: a later answer for it changes nothing.
    expect(recordSent(sent, 1, T + 9, { provider: "twilio", providerMessageId: "SM2" })).toBe(sent);
    // Without an answer (a caller that does not know it), nothing is claimed about the provider.
    expect(answerOfLastSend(recordSent(holding, 1, T + 5))).toBeNull();
    // An answer belongs to its attempt: after a resend's send recorded without one, it is not the last send's.
    const reserved = decideResend(sent, T + 200_000);
    const resend = decideBegin(reserved.ok ? reserved.state : sent, 2, "b", T + 200_001);
    expect(resend).toMatchObject({ ok: true, resumed: false });
    const second = recordSent(resend.ok ? resend.state : sent, 2, T + 200_002);
    expect(answerOfLastSend(second)).toBeNull();
  });

  it("says a begin resumes an attempt begun before, whose call may have reached the provider", ({
    expect,
  }) => {
    const begun = decideBegin(INITIAL_GATE_STATE, 1, "a", T);
    const holding = begun.ok ? begun.state : INITIAL_GATE_STATE;
    // Released after a failure, then begun again: the second call's caller looks for the first's answer.
    const retried = decideBegin(releaseLease(holding, 1, "a", T + 10), 1, "b", T + 20);
    expect(retried).toMatchObject({ ok: true, resumed: true, state: { inFlight: { calls: 2 } } });
    // Taken over from a holder that went quiet.
    expect(decideBegin(holding, 1, "c", T + LEASE_TIMEOUT_MS)).toMatchObject({ ok: true, resumed: true });
    // A resend's reservation was never called: its first begin is not a resume.
    const sent = recordSent(holding, 1, T + 5);
    const reserved = decideResend(sent, T + 200_000);
    expect(reserved).toMatchObject({ ok: true, state: { inFlight: { attempt: 2, calls: 0 } } });
    const first = decideBegin(reserved.ok ? reserved.state : sent, 2, "d", T + 200_001);
    expect(first).toMatchObject({ ok: true, resumed: false });
    // A lease stored before the gate counted calls may hide one: it counts as begun.
    const stored: GateState = {
      attempts: 0,
      lastSentAt: null,
      inFlight: { attempt: 1, lease: null, since: T },
    };
    expect(decideBegin(stored, 1, "e", T + 1)).toMatchObject({ ok: true, resumed: true });
  });

  it("computes the remaining cooldown in whole seconds, rounding up", ({ expect }) => {
    const sent = recordSent(INITIAL_GATE_STATE, 1, T);
    expect(decideResend(sent, T + 179_001)).toEqual({ ok: false, reason: "cooldown", remainingSeconds: 1 });
    expect(decideResend(sent, T)).toEqual({ ok: false, reason: "cooldown", remainingSeconds: 180 });
    expect(decideResend(sent, T + 180_000).ok).toBe(true);
  });

  it("lets only the holder free a send it holds; a reservation or a lapsed lease anyone may", ({
    expect,
  }) => {
    const begun = decideBegin(INITIAL_GATE_STATE, 1, "a", T);
    const holding = begun.ok ? begun.state : INITIAL_GATE_STATE;
    const free: GateState = { ...holding, inFlight: null };
    expect(recordFailed(holding, 1, "b", T + 10)).toBe(holding);
    expect(recordFailed(holding, 1, null, T + LEASE_TIMEOUT_MS - 1)).toBe(holding);
    expect(recordFailed(holding, 1, null, T + LEASE_TIMEOUT_MS)).toEqual(free);
    expect(recordFailed(holding, 1, "a", T + 10)).toEqual(free);
    const reserved = releaseLease(holding, 1, "a", T + 10);
    expect(recordFailed(reserved, 1, null, T + 20)).toEqual(free);
  });

  it("gives a send up only when the gate neither recorded it nor sees a live holder", ({ expect }) => {
    const begun = decideBegin(INITIAL_GATE_STATE, 1, "a", T);
    const holding = begun.ok ? begun.state : INITIAL_GATE_STATE;
    const sent = recordSent(holding, 1, T + 5);
    expect(decideGiveUp(sent, 1, T + 10)).toEqual({ outcome: "sent", state: sent });
    expect(decideGiveUp(holding, 1, T + LEASE_TIMEOUT_MS - 1)).toEqual({ outcome: "in_flight" });
    const free = { outcome: "failed", state: { ...holding, inFlight: null } };
    expect(decideGiveUp(holding, 1, T + LEASE_TIMEOUT_MS)).toEqual(free);
    expect(decideGiveUp(releaseLease(holding, 1, "a", T + 10), 1, T + 20)).toEqual(free);
    expect(decideGiveUp(INITIAL_GATE_STATE, 1, T)).toEqual({ outcome: "failed", state: INITIAL_GATE_STATE });
    // A resend's reservation (attempt 2) that nobody picked up is freed; the recorded first send stays.
    const reserved = decideResend(sent, T + 200_000);
    const waiting = reserved.ok ? reserved.state : sent;
    expect(decideGiveUp(waiting, 2, T + 200_001)).toEqual({ outcome: "failed", state: sent });
  });

  it("never sends a pending invitation once revoked, or from the instant it expires", ({ expect }) => {
    const expiresAt = new Date(T);
    expect(whyNeverSent({ deactivated: false, expiresAt }, new Date(T - 1))).toBeNull();
    expect(whyNeverSent({ deactivated: false, expiresAt }, new Date(T))).toBe("expired");
    expect(whyNeverSent({ deactivated: true, expiresAt }, new Date(T - 1))).toBe("revoked");
    expect(whyNeverSent({ deactivated: true, expiresAt }, new Date(T))).toBe("revoked");
  });
});
