import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import worker from "../../src/index";
import { clickLink, linkRequest, recordVisits } from "../helpers/link-visits";
import { shortLinkInvitation, storedCounts } from "../helpers/short-links";
import { createVortexTenant } from "../helpers/vortex";

/** A link-visits binding that keeps each send apart, so the test sees how the visits were grouped. */
function sendsKept() {
  const sends: unknown[][] = [];
  const queue: Queue = {
    async send(body) {
      sends.push([body]);
      return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
    },
    async sendBatch(messages) {
      sends.push([...messages].map((message) => message.body));
      return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
    },
    metrics: async () => ({ backlogCount: 0, backlogBytes: 0 }),
  };
  return { queue, sends };
}

describe("a short link's repeat visits, answered from memory, are sent together", () => {
  it("sends the repeats of one window in one batch, and each is counted once recorded", async ({
    expect,
  }) => {
    const invitation = await shortLinkInvitation(await createVortexTenant());
    const first = await clickLink(invitation.shortLink);
    await recordVisits(first.visits);
    const kept = sendsKept();
    // One past the queue's 100 messages per sendBatch.
    const repeats = 101;
    const contexts = Array.from({ length: repeats }, () => createExecutionContext());
    const answers = await Promise.all(
      contexts.map((ctx) =>
        worker.fetch(linkRequest(invitation.shortLink), { ...env, LINK_VISITS: kept.queue }, ctx),
      ),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(repeats).fill(302));
    await Promise.all(contexts.map((ctx) => waitOnExecutionContext(ctx)));
    // One window, split by the producer at the queue's 100 messages per batch.
    expect(kept.sends.map((batch) => batch.length)).toEqual([100, 1]);
    await recordVisits(kept.sends.flat());
    expect(await storedCounts(invitation.id)).toEqual({ views: 0, clickThroughs: 1 + repeats });
  });
});
