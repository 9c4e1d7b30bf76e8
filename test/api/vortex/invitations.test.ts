import { describe, it, onTestFinished } from "vitest";
import { deliveryMessage } from "../../../src/delivery/message";
import { call } from "../../helpers/api";
import { holdDeliveries } from "../../helpers/held-deliveries";
import { createBody, createVortexTenant, vortex, waitForVortexStatus } from "../../helpers/vortex";
import { expectStrictInvitation } from "../../helpers/vortex-shape";

describe("Vortex API: create, get, list by target, revoke", () => {
  it("creates an e-mail invitation, answers {id, shortLink, status, createdAt}, and delivers it with the widget's template", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const created = await vortex(
      tenant.vortexTest,
      "POST",
      "/invitations",
      createBody(tenant.widgetId, { type: "email", value: "Jane@Example.com" }),
    );
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(["createdAt", "id", "shortLink", "status"]);
    expect(created.body.status).toBe("queued");
    expect(String(created.body.shortLink)).toMatch(/^https:\/\/link\.auto-doc\.test\/i\/[0-9A-Za-z]{12}$/);
    const id = String(created.body.id);
    // End to end: the real local queue hands the send to the consumer; the wait reads this row in D1.
    const invitation = await waitForVortexStatus(tenant.vortexTest, id, ["sent"]);
    expect(invitation).toMatchObject({
      id,
      status: "sent",
      deliveryCount: 1,
      deliveryTypes: ["email"],
      foreignCreatorId: "user-12345",
      invitationType: "single_use",
      deactivated: false,
      expired: false,
      metadata: { referralCode: "ABC123" },
      target: [{ type: "email", value: "jane@example.com" }],
    });
    expect((invitation.groups as { groupId: string }[])[0]?.groupId).toBe("team-abc123");
    expectStrictInvitation(expect, invitation);
  });

  it("does not send phone and internal targets (the customer sends the short link), and normalizes phones", async ({
    expect,
  }) => {
    const deliveries = holdDeliveries();
    onTestFinished(deliveries.restore);
    const tenant = await createVortexTenant();
    const phone = await vortex(
      tenant.vortexTest,
      "POST",
      "/invitations",
      createBody(tenant.widgetId, { type: "phone", value: "+1 (555) 123-4567" }),
    );
    const internal = await vortex(
      tenant.vortexTest,
      "POST",
      "/invitations",
      createBody(tenant.widgetId, { type: "internal", value: "user-777" }),
    );
    const email = await vortex(
      tenant.vortexTest,
      "POST",
      "/invitations",
      createBody(tenant.widgetId, { type: "email", value: "sent-by-us@example.com" }),
    );
    // Nothing is queued for either; the e-mail invitation made beside them is, so the check can see a send.
    expect(deliveries.sent(String(phone.body.id))).toEqual([]);
    expect(deliveries.sent(String(internal.body.id))).toEqual([]);
    expect(deliveries.sent(String(email.body.id))).toEqual([deliveryMessage(String(email.body.id), 1)]);
    await deliveries.deliver(String(email.body.id));
    const byPhone = await vortex(
      tenant.vortexTest,
      "GET",
      "/invitations?targetType=phone&targetValue=%2B15551234567",
    );
    const list = byPhone.body.invitations as Record<string, unknown>[];
    expect(list.map((i) => i.id)).toEqual([phone.body.id]);
    expect(list[0]).toMatchObject({ status: "queued", deliveryCount: 0, deliveryTypes: ["phone"] });
    const got = await vortex(tenant.vortexTest, "GET", `/invitations/${internal.body.id}`);
    expect(got.body).toMatchObject({ status: "queued", deliveryCount: 0, deliveryTypes: ["internal"] });
  });

  it("lists open invitations by target, hides revoked ones, and revokes with {}", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const other = await createVortexTenant();
    const a = await vortex(
      tenant.vortexTest,
      "POST",
      "/invitations",
      createBody(tenant.widgetId, { type: "email", value: "pat@example.com" }),
    );
    await vortex(
      other.vortexTest,
      "POST",
      "/invitations",
      createBody(other.widgetId, { type: "email", value: "pat@example.com" }),
    );
    const listed = await vortex(
      tenant.vortexTest,
      "GET",
      "/invitations?targetType=email&targetValue=PAT%40example.com",
    );
    expect((listed.body.invitations as { id: string }[]).map((i) => i.id)).toEqual([a.body.id]);
    const revoked = await vortex(tenant.vortexTest, "DELETE", `/invitations/${a.body.id}`);
    expect(revoked).toEqual({ status: 200, body: {} });
    const after = await vortex(
      tenant.vortexTest,
      "GET",
      "/invitations?targetType=email&targetValue=pat%40example.com",
    );
    expect(after.body).toEqual({ invitations: [] });
    expect((await vortex(tenant.vortexTest, "GET", `/invitations/${a.body.id}`)).body.deactivated).toBe(true);
  });

  it("keeps organizations, modes and dialects apart", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const other = await createVortexTenant();
    const created = await vortex(
      tenant.vortexTest,
      "POST",
      "/invitations",
      createBody(tenant.widgetId, { type: "internal", value: "u-1" }),
    );
    const id = String(created.body.id);
    for (const key of [tenant.vortexLive, other.vortexTest]) {
      expect(await vortex(key, "GET", `/invitations/${id}`)).toMatchObject({
        status: 404,
        body: { error: expect.any(String) },
      });
      expect((await vortex(key, "DELETE", `/invitations/${id}`)).status).toBe(404);
    }
    expect((await call("GET", `/v1/autodoc/invitations/${id}`, { token: tenant.testKey })).status).toBe(404);
    const autodocList = await call("GET", "/v1/autodoc/invitations", { token: tenant.testKey });
    expect(autodocList.body.data).toEqual([]);
  });

  it("answers errors as {error: message}", async ({ expect }) => {
    const tenant = await createVortexTenant();
    expect(await vortex(null, "GET", "/invitations/x")).toMatchObject({
      status: 401,
      body: { error: expect.any(String) },
    });
    expect(
      (await vortex("VRTX.AAAAAAAAQACAAAAAAAAAAQ.test-secret-key-for-signing", "GET", "/invitations/x"))
        .status,
    ).toBe(401);
    expect((await vortex(tenant.testKey, "GET", "/invitations/x")).status).toBe(401);
    const invalid = await vortex(tenant.vortexTest, "POST", "/invitations", {
      target: { type: "fax", value: "1" },
    });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body)).toEqual(["error"]);
    const badEmail = await vortex(
      tenant.vortexTest,
      "POST",
      "/invitations",
      createBody(tenant.widgetId, { type: "email", value: "nope" }),
    );
    expect(badEmail.status).toBe(400);
    const unknownWidget = await vortex(
      tenant.vortexTest,
      "POST",
      "/invitations",
      createBody(crypto.randomUUID(), { type: "email", value: "a@example.com" }),
    );
    expect(unknownWidget).toMatchObject({
      status: 404,
      body: { error: expect.stringContaining("Widget configuration") },
    });
  });
});
