import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createApp } from "../../src/app";
import worker from "../../src/index";
import type { TallySnapshot } from "../../src/metering/tally-snapshot";
import { API } from "../helpers/api";

const ON = { ...env, D1_METRICS: "on" };

/** A request to the Worker as the bench's metered runtime gets it (D1_METRICS on). */
async function meteredCall(method: string, path: string, token?: string) {
  const ctx = createExecutionContext();
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const res = await worker.fetch(new Request(`${API}${path}`, { method, headers }), ON, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("the metering tally (GET /dev/metering, POST /dev/metering/reset)", () => {
  it("answers what this isolate's metered invocations used, without counting its own requests", async ({
    expect,
  }) => {
    expect((await meteredCall("POST", "/dev/metering/reset", env.ADMIN_TOKEN)).status).toBe(200);
    expect((await meteredCall("GET", "/healthz")).status).toBe(200);
    expect((await meteredCall("GET", "/healthz")).status).toBe(200);
    const read = await meteredCall("GET", "/dev/metering");
    expect(read.status).toBe(200);
    const tally = await read.json<TallySnapshot>();
    expect(tally).toMatchObject({
      d1: { roundTrips: 0, primaryRoundTrips: 0, sessionRoundTrips: 0, rowsRead: 0, rowsWritten: 0 },
      invocations: { fetch: 2, scheduled: 0 },
    });
    expect(Date.parse(tally.since)).toBeLessThanOrEqual(Date.now());
    const reset = await meteredCall("POST", "/dev/metering/reset", env.ADMIN_TOKEN);
    expect((await reset.json<TallySnapshot>()).invocations.fetch).toBe(2);
    const after = await (await meteredCall("GET", "/dev/metering")).json<TallySnapshot>();
    expect(after.invocations.fetch).toBe(0);
  });

  it("resets only with the operator token", async ({ expect }) => {
    expect((await meteredCall("POST", "/dev/metering/reset")).status).toBe(401);
    expect((await meteredCall("POST", "/dev/metering/reset", "not-the-token")).status).toBe(401);
  });

  it("is not served outside development and test", async ({ expect }) => {
    // The app itself: the Worker's once-per-isolate configuration audit is another file's to see.
    const production = { ...env, ENVIRONMENT: "production" };
    for (const [method, path] of [
      ["GET", "/dev/metering"],
      ["POST", "/dev/metering/reset"],
    ]) {
      const request = new Request(`${API}${path}`, {
        method,
        headers: { Authorization: `Bearer ${env.ADMIN_TOKEN}` },
      });
      expect((await createApp().fetch(request, production, createExecutionContext())).status).toBe(404);
    }
  });
});
