import { describe, it } from "vitest";
import { createVortexTenant, vortex } from "../helpers/vortex";

// Found by the fuzzer: answers the app gives before any Vortex route runs came in the AutoDoc shape.
describe("the Vortex API's error shape, also where no Vortex route answers", () => {
  it("answers an unknown route and a body over the limit with {error: <message>}", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const missing = await vortex(tenant.vortexTest, "DELETE", "/invitations/by-scope//team-abc123");
    expect(missing).toEqual({ status: 404, body: { error: expect.any(String) } });
    const huge = await vortex(tenant.vortexTest, "POST", "/invitations", { padding: "x".repeat(70_000) });
    expect(huge).toEqual({ status: 413, body: { error: expect.any(String) } });
  });
});
