import { afterEach, describe, it, vi } from "vitest";
import { INVITATION_LIFETIME_MS } from "../../../src/core/invitation-status";
import { call, createTenant } from "../../helpers/api";
import { sentInvitation, travelTo } from "../../helpers/invitations";
import { createVortexInvitation, createVortexTenant, vortex } from "../../helpers/vortex";

afterEach(() => {
  vi.useRealTimers();
});

describe("an expired invitation says so in both dialects", () => {
  it("AutoDoc: expired false until expiresAt, true from then on, with the status where the recipient left it", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const invitation = await sentInvitation(tenant.testKey, tenant);
    const read = async () =>
      (await call("GET", `/v1/autodoc/invitations/${invitation.token}`, { token: tenant.testKey })).body;
    expect(await read()).toMatchObject({ status: "sent", expired: false });
    const expiresAt = Date.parse(String((await read()).expiresAt));
    travelTo(expiresAt - 1);
    expect(await read()).toMatchObject({ expired: false });
    travelTo(expiresAt);
    expect(await read()).toMatchObject({ status: "sent", expired: true });
    const listed = await call("GET", "/v1/autodoc/invitations?status=sent", { token: tenant.testKey });
    expect(listed.body.data).toEqual([expect.objectContaining({ token: invitation.token, expired: true })]);
  });

  it("Vortex: expired, as its clients read it", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const id = await createVortexInvitation(tenant.vortexTest, tenant.widgetId, {
      type: "internal",
      value: "u-1",
    });
    expect((await vortex(tenant.vortexTest, "GET", `/invitations/${id}`)).body).toMatchObject({
      expired: false,
    });
    travelTo(Date.now() + INVITATION_LIFETIME_MS);
    expect((await vortex(tenant.vortexTest, "GET", `/invitations/${id}`)).body).toMatchObject({
      expired: true,
    });
  });
});
