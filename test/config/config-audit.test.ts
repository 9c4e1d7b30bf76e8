import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import { auditConfiguration, createConfigurationAudit } from "../../src/config/config-audit";
import { isLoopbackUrl } from "../../src/config/environment";
import worker from "../../src/index";

/** The development values wrangler.toml used to ship in [vars], under a production ENVIRONMENT. */
const DEV_VALUES_IN_PRODUCTION = {
  ...env,
  ENVIRONMENT: "production",
  START_ORIGIN: "http://start.localhost:8787",
  VISITOR_APP_URL: "http://localhost:8787/dev/visitor",
  SHORT_LINK_ORIGIN: "http://link.localhost:8787",
  PUBLIC_API_ORIGIN: "http://localhost:8787",
};

function errorLines(spy: { mock: { calls: unknown[][] } }): Record<string, unknown>[] {
  return spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
}

afterEach(() => {
  // Only this file's spy: restoreAllMocks would also take down the network fakes other work is using.
  if (vi.isMockFunction(console.error)) vi.mocked(console.error).mockRestore();
});

describe("the configuration audit", () => {
  it("names, once per isolate, each setting on localhost while ENVIRONMENT is production", ({ expect }) => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const audit = createConfigurationAudit();
    audit(DEV_VALUES_IN_PRODUCTION);
    audit(DEV_VALUES_IN_PRODUCTION);
    const lines = errorLines(error).filter((l) => l.event === "config_points_at_localhost");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      environment: "production",
      settings: ["PUBLIC_API_ORIGIN", "SHORT_LINK_ORIGIN", "START_ORIGIN", "VISITOR_APP_URL"],
    });
    // Names only: a value (a secret among them) never reaches the log.
    expect(JSON.stringify(lines[0])).not.toContain("8787");
  });

  it("says nothing in development and test, whatever the values", ({ expect }) => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const environment of ["development", "test"]) {
      createConfigurationAudit()({
        ...DEV_VALUES_IN_PRODUCTION,
        ENVIRONMENT: environment,
        EMAIL_PROVIDER: "",
      });
    }
    expect(error).not.toHaveBeenCalled();
  });

  it("treats an unset or unknown ENVIRONMENT as production", ({ expect }) => {
    for (const environment of [undefined, "", "staging", "Development"]) {
      const findings = auditConfiguration({
        ...DEV_VALUES_IN_PRODUCTION,
        ENVIRONMENT: environment as string,
      });
      expect(findings.localhostSettings).toContain("START_ORIGIN");
    }
  });

  it("reports live providers that cannot send or never deliver", ({ expect }) => {
    const production = { ...env, ENVIRONMENT: "production" };
    expect(auditConfiguration(production)).toEqual({ localhostSettings: [], problems: [] });
    const { problems } = auditConfiguration({
      ...production,
      RESEND_API_KEY: "",
      RESEND_WEBHOOK_SECRET: "",
      SMS_PROVIDER: "outbox",
      ADMIN_TOKEN: "",
    });
    expect(problems).toEqual([
      "RESEND_API_KEY is not set; the configured provider cannot send.",
      "SMS_PROVIDER is outbox: live SMS are stored in D1 and never delivered.",
      "RESEND_WEBHOOK_SECRET is not set: Resend's delivery events are refused, statuses stop at sent.",
      "ADMIN_TOKEN is not set (wrangler secret put ADMIN_TOKEN).",
    ]);
    const twilio = auditConfiguration({ ...production, TWILIO_FROM: "", TWILIO_MESSAGING_SERVICE_SID: "" });
    expect(twilio.problems).toEqual([
      "TWILIO_FROM (or TWILIO_MESSAGING_SERVICE_SID) is not set; the configured provider cannot send.",
    ]);
  });

  it("reports the bench's settings (metering, simulated D1 latency) outside development and test", ({
    expect,
  }) => {
    const bench = { D1_METRICS: "on", D1_SIMULATED_LATENCY: "primary=100,replica=5" };
    expect(auditConfiguration({ ...env, ENVIRONMENT: "production", ...bench }).problems).toEqual([
      "D1_METRICS is set: a bench setting that meters or slows every invocation; remove it.",
      "D1_SIMULATED_LATENCY is set: a bench setting that meters or slows every invocation; remove it.",
    ]);
    expect(auditConfiguration({ ...env, ENVIRONMENT: "development", ...bench }).problems).toEqual([]);
  });

  it("runs at the Worker's first request and logs each finding once", async ({ expect }) => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = { ...DEV_VALUES_IN_PRODUCTION, TWILIO_AUTH_TOKEN: "" };
    for (let i = 0; i < 2; i += 1) {
      const ctx = createExecutionContext();
      const res = await worker.fetch(new Request("https://api.auto-doc.test/healthz"), broken, ctx);
      await waitOnExecutionContext(ctx);
      expect(res.status).toBe(200);
    }
    const events = errorLines(error).map((l) => l.event);
    expect(events.filter((e) => e === "config_points_at_localhost")).toHaveLength(1);
    const incomplete = errorLines(error).filter((l) => l.event === "config_incomplete");
    expect(incomplete).toEqual([
      {
        level: "error",
        event: "config_incomplete",
        environment: "production",
        problems: ["TWILIO_AUTH_TOKEN is not set; the configured provider cannot send."],
      },
    ]);
  });
});

describe("isLoopbackUrl", () => {
  it.for([
    ["http://localhost:8787", true],
    ["http://start.localhost:8787/x", true],
    ["https://LOCALHOST./", true],
    ["http://127.0.0.1:8787", true],
    ["http://127.1.2.3", true],
    ["http://2130706433/", true],
    ["http://0x7f.1/", true],
    ["http://[::1]:8787", true],
    ["http://[::ffff:127.0.0.1]/", true],
    ["http://0.0.0.0:8787", true],
    ["  http://localhost:8787  ", true],
    ["https://api.auto-doc.ai", false],
    ["https://localhost.example.com", false],
    ["https://128.0.0.1", false],
    ['{"keys":[]}', false],
    ["localhost", false],
    ["", false],
  ] as const)("%s → %s", ([value, expected], { expect }) => {
    expect(isLoopbackUrl(value)).toBe(expected);
  });
});
