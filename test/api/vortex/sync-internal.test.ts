import { describe, it } from "vitest";
import { createVortexInvitation, createVortexTenant, vortex } from "../../helpers/vortex";

describe("Vortex syncInternalInvitation", () => {
  it("accepts or declines the open internal invitations of a creator, invitee and component", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const key = t.vortexTest;
    const first = await createVortexInvitation(key, t.widgetId, { type: "internal", value: "invitee-1" });
    const second = await createVortexInvitation(key, t.widgetId, { type: "internal", value: "invitee-2" });
    await createVortexInvitation(key, t.widgetId, { type: "email", value: "invitee-1@example.com" });
    const body = { creatorId: "user-12345", componentId: t.widgetId };

    const accepted = await vortex(key, "POST", "/invitations/sync-internal-invitation", {
      ...body,
      targetValue: "invitee-1",
      action: "accepted",
    });
    expect(accepted).toEqual({ status: 200, body: { processed: 1, invitationIds: [first] } });
    const got = await vortex(key, "GET", `/invitations/${first}`);
    expect(got.body).toMatchObject({
      status: "accepted",
      accepts: [{ targetType: "internal", targetValue: "invitee-1" }],
    });

    // The legacy path (Node before DEV-1778) does the same.
    const declined = await vortex(key, "POST", "/invitation-actions/sync-internal-invitation", {
      ...body,
      targetValue: "invitee-2",
      action: "declined",
    });
    expect(declined).toEqual({ status: 200, body: { processed: 1, invitationIds: [second] } });
    expect((await vortex(key, "GET", `/invitations/${second}`)).body.deactivated).toBe(true);

    for (const mismatch of [
      { ...body, targetValue: "invitee-1", action: "accepted" },
      { ...body, creatorId: "someone-else", targetValue: "invitee-3", action: "accepted" },
      { ...body, componentId: "other-component", targetValue: "invitee-1", action: "declined" },
    ]) {
      expect(await vortex(key, "POST", "/invitations/sync-internal-invitation", mismatch)).toEqual({
        status: 404,
        body: { error: "No pending internal invitation found." },
      });
    }
    const invalid = await vortex(key, "POST", "/invitations/sync-internal-invitation", {
      ...body,
      action: "maybe",
    });
    expect(invalid.status).toBe(400);
  });
});
