// The Workers of a bench run, all served by wrangler's local dev server on workerd (tools/local-worker.ts, as
// in the Node test tier): the service itself; the baseline, a Worker that answers every request with a fixed
// 302; the insert baseline, one D1 INSERT and one queue send per request.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { applyMigrations } from "../tools/local-runtime.ts";
import { type LocalWorker, ROOT, startLocalWorker } from "../tools/local-worker.ts";

export interface AppSettings {
  /** Where the Resend adapter sends: the provider fake. */
  resendBaseUrl: string;
  /**
   * The metering (src/metering/): the tally at /dev/metering and each response's D1 work in Server-Timing.
   * It runs in ENVIRONMENT development, where /dev/* is served and webhooks may go to this machine.
   */
  metering: boolean;
  /** D1_SIMULATED_LATENCY, e.g. "primary=100,replica=5" (metering on too). */
  simulatedLatency?: string;
  /** False: REQUEST_HISTORY_RECORDING=off, the request history records nothing (the bench's comparison). */
  requestHistory?: boolean;
}

export interface AppSecrets {
  adminToken: string;
  secretsKey: string;
}

export function newSecrets(): AppSecrets {
  return {
    adminToken: randomBytes(24).toString("base64url"),
    secretsKey: randomBytes(32).toString("base64"),
  };
}

/**
 * The service with production settings (ENVIRONMENT development when metered) except these, all for the bench:
 * - live e-mail goes through the Resend adapter to the local provider fake (test mode uses the outbox anyway);
 * - the per-IP resend limit (RESEND_IP_LIMITER, 30 a minute) and the organization's resend budget
 *   (ORG_RESENDS_PER_MINUTE, 20 a minute) are raised, so that a load of refused resends is refused by the
 *   SendGate's cooldown, which is what `resend-cooldown` measures; both are still consulted on every request.
 * The state directory `dir` survives a restart with other settings.
 */
export function startApp(
  dir: string,
  port: number,
  secrets: AppSecrets,
  settings: AppSettings,
): Promise<LocalWorker> {
  return startLocalWorker({
    config: path.join(ROOT, "wrangler.toml"),
    dir,
    port,
    vars: {
      ENVIRONMENT: settings.metering ? "development" : "production",
      START_ORIGIN: `http://start.localhost:${port}`,
      SHORT_LINK_ORIGIN: `http://link.localhost:${port}`,
      PUBLIC_API_ORIGIN: `http://127.0.0.1:${port}`,
      EMAIL_PROVIDER: "resend",
      SMS_PROVIDER: "outbox",
      RESEND_API_BASE_URL: settings.resendBaseUrl,
      ORG_RESENDS_PER_MINUTE: "1000000",
      ...(settings.metering ? { D1_METRICS: "on" } : {}),
      ...(settings.simulatedLatency ? { D1_SIMULATED_LATENCY: settings.simulatedLatency } : {}),
      ...(settings.requestHistory === false ? { REQUEST_HISTORY_RECORDING: "off" } : {}),
    },
    secrets: {
      ADMIN_TOKEN: secrets.adminToken,
      SECRETS_KEY: secrets.secretsKey,
      RESEND_API_KEY: "re_bench_0123456789abcdef",
    },
    bindings: {
      RESEND_IP_LIMITER: {
        type: "ratelimit",
        namespace_id: "1001",
        simple: { limit: 1_000_000, period: 60 },
      },
    },
  });
}

export function startBaseline(dir: string): Promise<LocalWorker> {
  return startLocalWorker(
    {
      config: path.join(ROOT, "bench/baseline-wrangler.toml"),
      dir,
    },
    { path: "/", status: 302 },
  );
}

/** The insert baseline, its one table migrated. */
export async function startInsertBaseline(dir: string): Promise<LocalWorker> {
  const worker = await startLocalWorker({
    config: path.join(ROOT, "bench/insert-baseline-wrangler.toml"),
    dir,
  });
  await applyMigrations(worker.worker, path.join(ROOT, "bench/insert-baseline-migrations"));
  return worker;
}
