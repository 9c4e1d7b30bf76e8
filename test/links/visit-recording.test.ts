import { env } from "cloudflare:workers";
import { describe, it, onTestFinished, vi } from "vitest";
import { createInvitation, createTenant } from "../helpers/api";
import { withFailingD1 } from "../helpers/failing-d1";
import { holdDeliveries } from "../helpers/held-deliveries";
import { clickLink, recordVisits } from "../helpers/link-visits";
import { runQueue } from "../helpers/queue";
import { shortLinkInvitation, storedCounts } from "../helpers/short-links";
import { createVortexTenant } from "../helpers/vortex";

/** A test-mode invitation whose delivery is held, so that its status is `pending` until a click moves it. */
async function startInvitation() {
  const deliveries = holdDeliveries();
  onTestFinished(deliveries.restore);
  const tenant = await createTenant();
  return createInvitation(tenant.testKey, {
    workflowToken: tenant.workflowToken,
    channel: "email",
    recipient: "recorded@example.com",
  });
}

/** The invitation's status and how often each event type is on its timeline (by type and by webhook). */
async function recorded(token: string) {
  const row = await env.DB.prepare("SELECT status FROM invitations WHERE token = ?")
    .bind(token)
    .first<{ status: string }>();
  const events = await env.DB.prepare(
    "SELECT type, webhook_type AS webhookType FROM invitation_events WHERE invitation_token = ? AND type LIKE 'link.%'",
  )
    .bind(token)
    .all<{ type: string; webhookType: string | null }>();
  const count = (key: "type" | "webhookType", value: string) =>
    events.results.filter((event) => event[key] === value).length;
  return {
    status: row?.status,
    opened: count("type", "link.opened"),
    invitationOpened: count("webhookType", "invitation.opened"),
    clicked: count("type", "link.clicked"),
    scanned: count("type", "link.scanned"),
  };
}

/** The first write of a link-visit batch (its ledger) fails once, as a D1 that drops the connection would. */
const failingOnce = () =>
  withFailingD1(env, ({ sql }) => /^delete from "link_visits"|^insert into "link_visits"/i.test(sql));

describe("a click's open is recorded after the response, durably and once", () => {
  it("survives a crash between the response and the record: retried, then opened exactly once", async ({
    expect,
  }) => {
    const invitation = await startInvitation();
    const { res, visits } = await clickLink(invitation.url);
    expect(res.status).toBe(302);
    expect(visits).toHaveLength(1);
    // Answered, not yet recorded: the open lives in the queue message only.
    expect(await recorded(invitation.token)).toMatchObject({ status: "pending", opened: 0 });

    const faulty = failingOnce();
    const crashed = await recordVisits(visits, { env: faulty.env });
    expect(faulty.failures()).toBe(1);
    expect(crashed.result.explicitAcks).toEqual([]);
    expect(crashed.retries[0]).toHaveBeenCalledOnce();
    expect(await recorded(invitation.token)).toMatchObject({ status: "pending", opened: 0 });

    const retried = await recordVisits(visits, { attempts: 2 });
    expect(retried.result.explicitAcks).toHaveLength(1);
    expect(await recorded(invitation.token)).toEqual({
      status: "opened",
      opened: 1,
      invitationOpened: 1,
      clicked: 0,
      scanned: 0,
    });
  });

  it("counts a visit delivered twice once: again after its write, or twice in one batch", async ({
    expect,
  }) => {
    const invitation = await startInvitation();
    const { visits } = await clickLink(invitation.url);
    await recordVisits(visits);
    // The queue delivers the same message again (a crash after the write, before the ack).
    const again = await recordVisits(visits, { attempts: 2 });
    expect(again.result.explicitAcks).toHaveLength(1);
    const once = { status: "opened", opened: 1, invitationOpened: 1, clicked: 0, scanned: 0 };
    expect(await recorded(invitation.token)).toEqual(once);

    const short = await shortLinkInvitation(await createVortexTenant());
    const person = await clickLink(short.shortLink);
    const bot = await clickLink(short.shortLink, { userAgent: "Twitterbot/1.0" });
    const both = [...person.visits, ...bot.visits];
    const doubled = await recordVisits([...both, ...both]);
    expect(doubled.result.explicitAcks).toHaveLength(4);
    await recordVisits(both, { attempts: 3 });
    expect(await storedCounts(short.id)).toEqual({ views: 1, clickThroughs: 1 });
    expect(await recorded(short.id)).toMatchObject({ status: "opened", clicked: 1, scanned: 1 });
  });

  it("counts a short-link visit once after a crash and its retry", async ({ expect }) => {
    const short = await shortLinkInvitation(await createVortexTenant());
    const { visits } = await clickLink(short.shortLink);
    const faulty = failingOnce();
    const crashed = await recordVisits(visits, { env: faulty.env });
    expect(crashed.retries[0]).toHaveBeenCalledOnce();
    expect(await storedCounts(short.id)).toEqual({ views: 0, clickThroughs: 0 });
    await recordVisits(visits, { attempts: 2 });
    await recordVisits(visits, { attempts: 3 });
    expect(await storedCounts(short.id)).toEqual({ views: 0, clickThroughs: 1 });
    expect(await recorded(short.id)).toMatchObject({ status: "opened", clicked: 1 });
  });

  it("acks a body that is not a visit, and one visit that cannot be written holds back no other", async ({
    expect,
  }) => {
    const first = await startInvitation();
    const second = await startInvitation();
    const [a, b] = [await clickLink(first.url), await clickLink(second.url)];
    // Every write that opens `second` fails: the batch fails, then `second` alone, twice.
    const faulty = withFailingD1(env, {
      matches: ({ sql, params }) => /^update "invitations"/i.test(sql) && params.includes(second.token),
      times: 2,
    });
    const { result, retries } = await runQueue(
      "link-visits",
      [
        { body: { v: 1, link: "start", token: "adi_x" } },
        ...[...a.visits, ...b.visits].map((body) => ({ body })),
      ],
      faulty.env,
    );
    expect(faulty.failures()).toBe(2);
    expect(result.explicitAcks).toHaveLength(2);
    expect(retries[0]).not.toHaveBeenCalled();
    expect(retries[1]).not.toHaveBeenCalled();
    expect(retries[2]).toHaveBeenCalledOnce();
    expect(await recorded(first.token)).toMatchObject({ status: "opened", opened: 1 });
    expect(await recorded(second.token)).toMatchObject({ status: "pending", opened: 0 });
  });

  it("gives a dead-lettered visit one more write, and logs one that still fails before acking it", async ({
    expect,
  }) => {
    const invitation = await startInvitation();
    const { visits } = await clickLink(invitation.url);
    const faulty = failingOnce();
    const errors = vi.spyOn(console, "error");
    onTestFinished(() => errors.mockRestore());
    const lost = await runQueue(
      "link-visits-dlq",
      visits.map((body) => ({ body })),
      faulty.env,
    );
    expect(lost.result.explicitAcks).toHaveLength(1);
    expect(lost.retries[0]).not.toHaveBeenCalled();
    const lostLine = errors.mock.calls
      .map(([line]) => String(line))
      .find((line) => line.includes("link_visit_lost"));
    expect(JSON.parse(lostLine ?? "{}")).toMatchObject({ event: "link_visit_lost", visit: visits[0] });
    expect(await recorded(invitation.token)).toMatchObject({ status: "pending", opened: 0 });

    const late = await runQueue(
      "link-visits-dlq",
      visits.map((body) => ({ body })),
    );
    expect(late.result.explicitAcks).toHaveLength(1);
    expect(await recorded(invitation.token)).toMatchObject({
      status: "opened",
      opened: 1,
      invitationOpened: 1,
    });
  });

  it("answers a click whose visit the queue refuses all the same, and logs what was lost", async ({
    expect,
  }) => {
    const invitation = await startInvitation();
    const errors = vi.spyOn(console, "error");
    onTestFinished(() => errors.mockRestore());
    const { res, visits } = await clickLink(invitation.url, { refuseVisits: true });
    expect(res.status).toBe(302);
    expect(visits).toEqual([]);
    const line = errors.mock.calls
      .map(([text]) => String(text))
      .find((text) => text.includes("link_visit_not_queued"));
    expect(JSON.parse(line ?? "{}")).toMatchObject({
      event: "link_visit_not_queued",
      visit: { link: "start", token: invitation.token, click: { by: "person" } },
    });
    expect(await recorded(invitation.token)).toMatchObject({ status: "pending", opened: 0 });
  });
});
