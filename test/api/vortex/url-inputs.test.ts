import { describe, it } from "vitest";
import { admin, createTenant } from "../../helpers/api";
import { createBody, createVortexTenant, vortex } from "../../helpers/vortex";

/**
 * URLs that no renderer may use, refused at the door: zod's own URL check lets the first five through as
 * written (controls, zero-width and bidi characters, an inner space), where they used to be stored.
 */
const UNSAFE = [
  "https://app.example.com/jo\u0000in",
  "https://app.example.com/join\u200b",
  "https://app.example.com/jo\u202ein",
  "https://app.example.com/jo in",
  "https://app.example.com/\u0085join",
  "javascript:alert(1)//https://app.example.com",
  "JAVASCRIPT:alert(1)",
  "data:text/html,<script>alert(1)</script>",
] as const;

describe("URLs in widget configurations and Vortex invitations", () => {
  it.for(UNSAFE)(
    "an operator's landingUrl %j is a 400 that stores nothing",
    async (landingUrl, { expect }) => {
      const tenant = await createTenant();
      const path = `/organizations/${tenant.slug}/widget-configurations`;
      const res = await admin("POST", path, { name: "Team invites", landingUrl });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: "validation_error" } });
      expect(JSON.stringify(res.body)).toContain("landingUrl");
      expect((await admin("GET", path)).body).toMatchObject({ data: [] });
    },
  );

  it.for(UNSAFE)("an operator's unfurlDefaults.image %j is a 400", async (image, { expect }) => {
    const tenant = await createTenant();
    const res = await admin("POST", `/organizations/${tenant.slug}/widget-configurations`, {
      name: "Team invites",
      landingUrl: "https://app.example.com/join",
      unfurlDefaults: { image },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "validation_error" } });
  });

  it.for(UNSAFE)(
    "a Vortex invitation's unfurlConfig.image %j is a 400 in Vortex's shape",
    async (image, { expect }) => {
      const tenant = await createVortexTenant();
      const body = createBody(
        tenant.widgetId,
        { type: "email", value: "jane@example.com" },
        { unfurlConfig: { image } },
      );
      const res = await vortex(tenant.vortexTest, "POST", "/invitations", body);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body)).toEqual(["error"]);
      expect(String(res.body.error)).toContain("image");
    },
  );

  it("surrounding spaces and tabs are dropped by zod's URL check; what is stored is the clean URL", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const path = `/organizations/${tenant.slug}/widget-configurations`;
    const res = await admin("POST", path, {
      name: "Team invites",
      landingUrl: " https://app.exa\tmple.com/join ",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ landingUrl: "https://app.example.com/join" });
  });

  it("ordinary URLs are still accepted", async ({ expect }) => {
    const tenant = await createVortexTenant({
      landingUrl: "http://localhost:3000/join?ref=mail",
      unfurlDefaults: { image: "https://cdn.example.com/card.png?a=1&b=2" },
    });
    const body = createBody(
      tenant.widgetId,
      { type: "email", value: "jane@example.com" },
      { unfurlConfig: { image: "https://cdn.example.com/jane.png" } },
    );
    expect((await vortex(tenant.vortexTest, "POST", "/invitations", body)).status).toBe(201);
  });
});
