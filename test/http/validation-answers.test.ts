import { exports } from "cloudflare:workers";
import { describe, it } from "vitest";
import { API, call } from "../helpers/api";
import { createVortexTenant } from "../helpers/vortex";

describe("a refused request says what is wrong in our words", () => {
  it("AutoDoc: one sentence per bad field in details, the same sentences as the message", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const res = await call("POST", "/v1/autodoc/invitations", {
      token: t.testKey,
      body: { workflowToken: t.workflowToken, channel: "fax", colour: "red" },
    });
    expect(res.status).toBe(400);
    const details = [
      { field: "channel", message: 'channel must be one of "email", "sms".' },
      { field: "recipient", message: "recipient is required." },
      { field: "colour", message: "colour is not a field this request takes." },
    ];
    expect(res.body).toMatchObject({
      error: { code: "validation_error", details: expect.arrayContaining(details) },
    });
    const { error } = res.body as { error: { message: string; details: { message: string }[] } };
    expect(error.message).toBe(error.details.map((d) => d.message).join(" "));
    const page = await call("GET", "/v1/autodoc/invitations?limit=abc", { token: t.testKey });
    expect(page.body).toMatchObject({ error: { message: "limit must be an integer from 1 to 100." } });
  });

  it("Vortex: the same sentences in Vortex's shape", async ({ expect }) => {
    const t = await createVortexTenant();
    const res = await exports.default.fetch(`${API}/api/v1/invitations`, {
      method: "POST",
      headers: { "x-api-key": t.vortexTest, "Content-Type": "application/json" },
      body: JSON.stringify({ widgetConfigurationId: t.widgetId }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "target is required. inviter is required." });
  });
});
