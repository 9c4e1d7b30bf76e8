/// <reference path="./setup/context.d.ts" />
// The compatibility proof: the published Vortex Node SDK, pointed at this Worker through
// VORTEX_API_BASE_URL, calls every API method of its `Vortex` class over real HTTP; `VortexWebhooks` accepts
// the webhooks we sent; our verifiers accept what its offline signers produce.
import { Vortex, VortexWebhooks } from "@teamvortexsoftware/vortex-node-22-sdk";
import { jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deriveSigningKey, parseVortexKey } from "../src/vortex/api-key";
import { waitFor } from "../test/helpers/wait-for";
import { api } from "./helpers/tenant";
import { createVortexTenant, type VortexTenant } from "./helpers/vortex-tenant";
import { type ReceivedWebhook, startWebhookReceiver } from "./helpers/webhook-receiver";

const apiBase = inject("apiBase");
const adminToken = inject("adminToken");
const INVITER = { userId: "user-12345", userEmail: "john@example.com", name: "John Doe" };

let tenant: VortexTenant;
let vortex: Vortex;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let webhookSecret: string;

beforeAll(async () => {
  process.env.VORTEX_API_BASE_URL = apiBase;
  tenant = await createVortexTenant(apiBase, adminToken);
  vortex = new Vortex(tenant.key);
  receiver = await startWebhookReceiver();
  const endpoint = await api<{ secret: string }>(
    apiBase,
    "POST",
    `/admin/organizations/${tenant.slug}/vortex-webhooks`,
    adminToken,
    { url: receiver.url, mode: "test" },
  );
  if (endpoint.status !== 201) throw new Error(`vortex-webhooks: ${JSON.stringify(endpoint.body)}`);
  webhookSecret = endpoint.body.secret;
});

afterAll(async () => {
  await receiver?.close();
});

function createInvitation(target: { type: "email" | "phone" | "internal"; value: string }, scope = "team-1") {
  return vortex.createInvitation({
    widgetConfigurationId: tenant.widgetId,
    target,
    inviter: INVITER,
    // The SDK turns scopeId/scopeType/scopeName into `groups` on the wire.
    scopeId: scope,
    scopeType: "team",
    scopeName: `Team ${scope}`,
    templateVariables: { teamName: "Engineering" },
    metadata: { referralCode: "ABC123" },
  });
}

/** Over HTTP the Worker's state is read back through the SDK: waits until `read()` answers what `done` wants. */
const readUntil = <T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> =>
  waitFor(
    what,
    async () => {
      const value = await read();
      return done(value) ? { value } : undefined;
    },
    15_000,
  ).then(({ value }) => value);

function webhooksOfType(type: string, invitationId: string): ReceivedWebhook[] {
  return receiver.received.filter((w) => {
    const body = JSON.parse(w.body) as { type?: string; data?: { invitationId?: string } };
    return body.type === type && body.data?.invitationId === invitationId;
  });
}

describe("the official Vortex Node SDK against this Worker", () => {
  it("createInvitation, getInvitation, getInvitationsByTarget, by scope and by group", async () => {
    const created = await createInvitation({ type: "email", value: "jane@example.com" });
    expect(created).toMatchObject({
      id: expect.any(String),
      status: "queued",
      createdAt: expect.any(String),
    });
    expect(created.shortLink).toMatch(/\/i\/[0-9A-Za-z]{12}$/);
    const sent = await readUntil(
      "the invitation sent",
      () => vortex.getInvitation(created.id),
      (invitation) => invitation.status === "sent",
    );
    expect(sent).toMatchObject({
      id: created.id,
      deliveryCount: 1,
      deliveryTypes: ["email"],
      foreignCreatorId: "user-12345",
      invitationType: "single_use",
      metadata: { referralCode: "ABC123" },
      target: [{ type: "email", value: "jane@example.com" }],
    });
    // The SDK's own transform adds `scopes` with `scopeId` from our `groups`.
    expect(sent.scopes?.[0]).toMatchObject({ scopeId: "team-1", groupId: "team-1", type: "team" });

    const byTarget = await vortex.getInvitationsByTarget("email", "jane@example.com");
    expect(byTarget.map((i) => i.id)).toContain(created.id);
    expect((await vortex.getInvitationsByScope("team", "team-1")).map((i) => i.id)).toContain(created.id);
    expect((await vortex.getInvitationsByGroup("team", "team-1")).map((i) => i.id)).toContain(created.id);
  });

  it("reinvite: refused within the cooldown, then sent again (deliveryCount 2)", async () => {
    const { id } = await createInvitation({ type: "email", value: "ann@example.com" });
    await readUntil(
      "the invitation sent",
      () => vortex.getInvitation(id),
      (invitation) => invitation.status === "sent",
    );
    await expect(vortex.reinvite(id)).rejects.toThrow(/429.*3 minutes apart/);
    // The test clock (development and test only) moves the last send 181 s back instead of waiting.
    const rewound = await api(apiBase, "POST", `/dev/invitations/${id}/rewind`, adminToken, { seconds: 181 });
    expect(rewound.status).toBe(200);
    const again = await vortex.reinvite(id);
    expect(again).toMatchObject({ id, status: "queued" });
    const resent = await readUntil(
      "the second send",
      () => vortex.getInvitation(id),
      (invitation) => invitation.deliveryCount === 2,
    );
    expect(resent.status).toBe("sent");
  });

  it("acceptInvitation (user) and acceptInvitations (legacy target)", async () => {
    const first = await createInvitation({ type: "internal", value: "member-1" }, "team-accept");
    const second = await createInvitation({ type: "internal", value: "member-2" }, "team-accept");
    const accepted = await vortex.acceptInvitation(first.id, {
      email: "member1@example.com",
      name: "Member One",
      isExisting: false,
    });
    // Node returns the server's `{invitations: [...]}` wrapper unchanged (vortex-api.md §2.2).
    const wrapper = accepted as unknown as { invitations: { id: string; status: string }[] };
    expect(wrapper.invitations).toEqual([expect.objectContaining({ id: first.id, status: "accepted" })]);
    const legacy = await vortex.acceptInvitations([second.id], {
      type: "email",
      value: "member2@example.com",
    });
    expect((legacy as unknown as typeof wrapper).invitations[0]?.status).toBe("accepted");
    await expect(vortex.acceptInvitation(first.id, { email: "member1@example.com" })).rejects.toThrow(/409/);
  });

  it("configureAutojoin and getAutojoinDomains", async () => {
    const configured = await vortex.configureAutojoin({
      scope: "team-auto",
      scopeType: "team",
      scopeName: "Auto team",
      domains: ["acme.com", "acme.io"],
      componentId: tenant.widgetId,
    });
    expect(configured.autojoinDomains.map((d) => d.domain)).toEqual(["acme.com", "acme.io"]);
    expect(configured.invitation).toMatchObject({ invitationType: "autojoin", deactivated: false });
    const read = await vortex.getAutojoinDomains("team", "team-auto");
    expect(read.autojoinDomains.map((d) => d.domain)).toEqual(["acme.com", "acme.io"]);
    expect(read.invitation?.id).toBe(configured.invitation?.id);
  });

  it("syncInternalInvitation: processes a match, 404 for none", async () => {
    const { id } = await createInvitation({ type: "internal", value: "member-7" }, "team-sync");
    const synced = await vortex.syncInternalInvitation({
      creatorId: INVITER.userId,
      targetValue: "member-7",
      action: "accepted",
      componentId: tenant.widgetId,
    });
    expect(synced).toEqual({ processed: 1, invitationIds: [id] });
    await expect(
      vortex.syncInternalInvitation({
        creatorId: INVITER.userId,
        targetValue: "nobody",
        action: "declined",
        componentId: tenant.widgetId,
      }),
    ).rejects.toThrow(/404.*No pending internal invitation found/);
  });

  it("revokeInvitation, deleteInvitationsByScope and deleteInvitationsByGroup", async () => {
    const revoked = await createInvitation({ type: "phone", value: "+15551234567" }, "team-revoke");
    expect(await vortex.revokeInvitation(revoked.id)).toEqual({});
    expect((await vortex.getInvitation(revoked.id)).deactivated).toBe(true);
    const inScope = await createInvitation({ type: "internal", value: "m-1" }, "team-gone");
    expect(await vortex.deleteInvitationsByScope("team", "team-gone")).toEqual({});
    expect(await vortex.getInvitationsByScope("team", "team-gone")).toEqual([]);
    expect((await vortex.getInvitation(inScope.id)).deactivated).toBe(true);
    const inGroup = await createInvitation({ type: "internal", value: "m-2" }, "team-legacy");
    expect(await vortex.deleteInvitationsByGroup("team", "team-legacy")).toEqual({});
    expect((await vortex.getInvitation(inGroup.id)).deactivated).toBe(true);
  });

  it("VortexWebhooks.constructEvent accepts the webhooks we sent", async () => {
    const { id } = await createInvitation({ type: "internal", value: "hooked" }, "team-hooks");
    await vortex.revokeInvitation(id);
    await waitFor(
      "both webhooks received",
      () =>
        webhooksOfType("invitation.created", id).length +
          webhooksOfType("invitation.deactivated", id).length >=
        2,
      15_000,
    );
    const webhooks = new VortexWebhooks({ secret: webhookSecret });
    for (const type of ["invitation.created", "invitation.deactivated"]) {
      const [delivery] = webhooksOfType(type, id);
      expect(delivery?.signature).toMatch(/^[0-9a-f]{64}$/);
      const event = webhooks.constructEvent(delivery?.body ?? "", delivery?.signature ?? "");
      expect(event).toMatchObject({ type, data: { invitationId: id, metadata: { referralCode: "ABC123" } } });
    }
    const [created] = webhooksOfType("invitation.created", id);
    expect(() => webhooks.constructEvent(`${created?.body} `, created?.signature ?? "")).toThrow();
  });

  it("its offline signers (generateToken, generateJwt) sign with the key we derive from an issued key", async () => {
    const parsed = parseVortexKey(tenant.key);
    if (!parsed) throw new Error("the operator API issued a key the parser refuses");
    const signingKey = await deriveSigningKey(parsed.secret, parsed.kid);
    const user = { id: "user-1", email: "test@example.com", name: "Test" };
    const token = vortex.generateToken({ user, component: tenant.widgetId, scope: "team-1" });
    const verified = await jwtVerify(token, signingKey, { algorithms: ["HS256"] });
    expect(verified.payload).toMatchObject({ user, scope: "team-1" });
    expect(verified.protectedHeader.kid).toBe(parsed.kid);
    const jwt = vortex.generateJwt({ user: { id: "user-1", email: "test@example.com" } });
    expect((await jwtVerify(jwt, signingKey, { algorithms: ["HS256"] })).payload).toMatchObject({
      userId: "user-1",
    });
    await expect(jwtVerify(`${token.slice(0, -2)}xx`, signingKey)).rejects.toThrow();
    expect(vortex.sign(user).startsWith(`${parsed.kid}:`)).toBe(true);
  });
});
