import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createInvitation, createTenant } from "../helpers/api";
import { countedD1 } from "../helpers/counted-d1";
import { deliveryRow } from "../helpers/delivery-state";
import { clickLink, recordVisits } from "../helpers/link-visits";
import { SHORT, shortLinkInvitation, storedCounts } from "../helpers/short-links";
import { createVortexTenant } from "../helpers/vortex";

/** The bindings with D1's primary and session calls counted apart (and, if asked, a replica behind). */
function countedEnv(options: { sessionMisses?: number } = {}) {
  const counted = countedD1(env.DB, options);
  return { env: { ...env, DB: counted.db }, counts: counted.counts };
}

async function startInvitation() {
  const tenant = await createTenant();
  return createInvitation(tenant.testKey, {
    workflowToken: tenant.workflowToken,
    channel: "email",
    recipient: "budget@example.com",
  });
}

describe("the link hot path's D1 budget", () => {
  it("answers a start-link click with one session read and no primary call, and records it in one batch", async ({
    expect,
  }) => {
    const invitation = await startInvitation();
    const counted = countedEnv();
    const { res, visits } = await clickLink(invitation.url, { env: counted.env });
    expect(res.status).toBe(302);
    expect(counted.counts).toEqual({ primary: 0, session: 1, missed: 0 });
    expect(visits).toHaveLength(1);

    const consumer = countedEnv();
    const { result } = await recordVisits(visits, { env: consumer.env });
    expect(result.explicitAcks).toHaveLength(1);
    expect(consumer.counts).toEqual({ primary: 1, session: 0, missed: 0 });
    expect((await deliveryRow(invitation.token))?.status).toBe("opened");
  });

  it("answers a short-link click and a preview with no primary call, and records both in one batch", async ({
    expect,
  }) => {
    const invitation = await shortLinkInvitation(await createVortexTenant());
    const counted = countedEnv();
    const person = await clickLink(invitation.shortLink, { env: counted.env });
    expect(person.res.status).toBe(302);
    // The person's cached redirect is not a bot's answer: its preview is read as well.
    const bot = await clickLink(invitation.shortLink, { env: counted.env, userAgent: "Twitterbot/1.0" });
    expect(bot.res.status).toBe(200);
    expect(counted.counts).toEqual({ primary: 0, session: 2, missed: 0 });

    const consumer = countedEnv();
    await recordVisits([...person.visits, ...bot.visits], { env: consumer.env });
    expect(consumer.counts).toEqual({ primary: 1, session: 0, missed: 0 });
    expect(await storedCounts(invitation.id)).toEqual({ views: 1, clickThroughs: 1 });
  });

  it("still redirects a click on a just-created invitation the replica has not seen, from the primary", async ({
    expect,
  }) => {
    const invitation = await startInvitation();
    const start = countedEnv({ sessionMisses: 1 });
    const first = await clickLink(invitation.url, { env: start.env });
    expect(first.res.status).toBe(302);
    expect(first.res.headers.get("Location")).toContain(`invitation_token=${invitation.token}`);
    expect(start.counts).toEqual({ primary: 1, session: 1, missed: 1 });
    await recordVisits(first.visits);
    expect((await deliveryRow(invitation.token))?.status).toBe("opened");

    const shortLink = await shortLinkInvitation(await createVortexTenant());
    const short = countedEnv({ sessionMisses: 1 });
    const click = await clickLink(shortLink.shortLink, { env: short.env });
    expect(click.res.status).toBe(302);
    expect(click.res.headers.get("Location")).toBe(
      `https://app.example.com/join?invitationId=${shortLink.id}`,
    );
    expect(short.counts).toEqual({ primary: 1, session: 1, missed: 1 });
  });

  it("asks the primary before answering an unknown link 404, and queues nothing", async ({ expect }) => {
    const invitation = await startInvitation();
    const unknown = invitation.url.replace(invitation.token, `adi_${"0".repeat(24)}`);
    for (const url of [unknown, `${SHORT}/i/unknownCode0`]) {
      const counted = countedEnv();
      const { res, visits } = await clickLink(url, { env: counted.env });
      expect(res.status, url).toBe(404);
      expect(counted.counts, url).toEqual({ primary: 1, session: 1, missed: 0 });
      expect(visits, url).toEqual([]);
    }
  });
});
