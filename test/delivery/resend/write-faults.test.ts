import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import worker from "../../../src/index";
import { API, createTenant } from "../../helpers/api";
import { deliveryRow } from "../../helpers/delivery-state";
import { updatesInvitation, withFailingD1 } from "../../helpers/failing-d1";
import { clientIp, gateState, resend, sentInvitation, travelTo } from "../../helpers/invitations";

afterEach(() => {
  vi.useRealTimers();
});

describe("resend when D1 fails", () => {
  it("frees the gate's reservation when moving back to pending fails once, so the next request goes through", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const invitation = await sentInvitation(tenant.testKey, tenant);
    travelTo(Number((await gateState(invitation)).lastSentAt) + 180_000);
    const faulty = withFailingD1(env, updatesInvitation(invitation.token));
    const request = new Request(`${API}/v1/autodoc/invitations/${invitation.token}/resend`, {
      method: "POST",
      headers: { Authorization: `Bearer ${tenant.testKey}`, "CF-Connecting-IP": clientIp() },
    });
    const ctx = createExecutionContext();
    const failed = await worker.fetch(request, faulty.env, ctx);
    await waitOnExecutionContext(ctx);
    expect(faulty.failures()).toBe(1);
    expect(failed.status).toBe(500);
    expect(await deliveryRow(invitation.token)).toMatchObject({ status: "sent", deliveryAttempts: 1 });
    expect((await gateState(invitation)).inFlight).toBeNull();
    const again = await resend(tenant.testKey, invitation.token);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: "pending", deliveryAttempts: 1 });
  });
});
