import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, it, vi } from "vitest";
import { createApp } from "../../src/app";
import { HistoryBuffer } from "../../src/request-history/buffer";
import { flushHistory } from "../../src/request-history/flush";
import { API, createTenant } from "../helpers/api";
import { faultyHistory } from "../helpers/failing-history";

interface Answer {
  status: number;
  contentType: string | null;
  body: Record<string, unknown>;
}

/** The answer without what differs on every request (its id, a new invitation's token and times). */
async function answerOf(res: Response): Promise<Answer> {
  const body = (await res.json()) as Record<string, unknown>;
  const error = body.error as Record<string, unknown> | undefined;
  if (error) delete error.requestId;
  for (const field of ["token", "url", "createdAt", "updatedAt", "expiresAt"]) delete body[field];
  return { status: res.status, contentType: res.headers.get("Content-Type"), body };
}

function requests(tenant: { liveKey: string; workflowToken: string }): Request[] {
  const auth = { Authorization: `Bearer ${tenant.liveKey}`, "Content-Type": "application/json" };
  const create = (recipient: string) =>
    new Request(`${API}/v1/autodoc/invitations`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ workflowToken: tenant.workflowToken, channel: "email", recipient }),
    });
  return [
    create("faults@example.com"),
    create("not-an-address"),
    new Request(`${API}/v1/autodoc/invitations/locales`, { headers: auth }),
    new Request(`${API}/v1/autodoc/invitations/adi_missing`, { headers: auth }),
    new Request(`${API}/v1/autodoc/workflows`, { headers: { Authorization: "Bearer sk_live_nope" } }),
  ];
}

describe("a history that fails never changes an answer", () => {
  it("a history that throws: the same answers as with a working one, the failed flush logged", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const working = await Promise.all(
      requests(tenant).map(async (request) => answerOf(await exports.default.fetch(request))),
    );
    const faulty = faultyHistory(env.REQUEST_HISTORY, "throw");
    const brokenEnv = { ...env, REQUEST_HISTORY: faulty.namespace };
    const warnings = vi.spyOn(console, "warn");
    const app = createApp();
    const ctx = createExecutionContext();
    const failing: Answer[] = [];
    for (const request of requests(tenant))
      failing.push(await answerOf(await app.fetch(request, brokenEnv, ctx)));
    expect(failing).toEqual(working);
    expect(failing.map((answer) => answer.status)).toEqual([201, 400, 200, 404, 401]);
    // The flush ran after the answers, failed, and was logged, not thrown.
    await waitOnExecutionContext(ctx);
    expect(faulty.calls()).toBeGreaterThan(0);
    const logged = warnings.mock.calls.map(([line]) => String(line));
    expect(logged.some((line) => line.includes('"event":"request_history_flush_failed"'))).toBe(true);
    warnings.mockRestore();

    // Only a read of the history itself depends on it: a 503 to retry, not a 500.
    const read = await app.fetch(
      new Request(`${API}/v1/autodoc/requests`, { headers: { Authorization: `Bearer ${tenant.liveKey}` } }),
      brokenEnv,
      createExecutionContext(),
    );
    expect(read.status).toBe(503);
    expect(read.headers.get("Retry-After")).toBe("5");
    expect(await read.json()).toMatchObject({ error: { code: "service_unavailable" } });
  });

  it("a history that never answers: the answer is not held, and the flush gives up after its timeout", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const hanging = faultyHistory(env.REQUEST_HISTORY, "hang");
    // The app's own flush keeps its production window (1 s), so the one call counted below is the test's.
    const hangingEnv = { ...env, REQUEST_HISTORY: hanging.namespace, REQUEST_HISTORY_FLUSH_MS: "1000" };
    const [create] = requests(tenant);
    if (!create) throw new Error("no request");
    const res = await createApp().fetch(create, hangingEnv, createExecutionContext());
    expect(res.status).toBe(201);

    const buffer = new HistoryBuffer();
    buffer.countUnauthenticated("2026-11-22", "autodoc", 401);
    const warnings = vi.spyOn(console, "warn");
    const started = performance.now();
    await flushHistory(hangingEnv, buffer, { timeoutMs: 50 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(hanging.calls()).toBe(1);
    const logged = warnings.mock.calls.map(([line]) => String(line));
    expect(logged.some((line) => line.includes("no answer within 50 ms"))).toBe(true);
    warnings.mockRestore();
  });
});
