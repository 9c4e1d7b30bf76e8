import { createDb } from "../db/client";
import { providerSettingProblems } from "../delivery/providers";
import { log } from "../log";
import { BENCH_ONLY_SETTINGS, isLocalEnvironment, isLoopbackUrl } from "./environment";

/** What is wrong with a deployment's settings outside development and test; both lists empty when nothing is. */
export interface ConfigurationFindings {
  /** Settings whose value is a URL on this machine (localhost, 127.0.0.0/8, ::1…): dev values in production. */
  localhostSettings: string[];
  /**
   * Settings that make live invitations fail or never leave (missing provider secrets, the outbox), and the
   * bench's own settings, which meter or slow down every invocation.
   */
  problems: string[];
}

/** The names of string settings whose value is a URL on this machine; values are never logged. */
export function loopbackSettings(env: Env): string[] {
  return Object.entries(env)
    .filter(([, value]) => typeof value === "string" && isLoopbackUrl(value))
    .map(([name]) => name)
    .sort();
}

/** Reads the settings only (no storage, no network); nothing to report in development and test. */
export function auditConfiguration(env: Env): ConfigurationFindings {
  if (isLocalEnvironment(env.ENVIRONMENT)) return { localhostSettings: [], problems: [] };
  const problems = providerSettingProblems(env, createDb(env.DB));
  for (const [setting, channel] of [
    ["EMAIL_PROVIDER", "e-mails"],
    ["SMS_PROVIDER", "SMS"],
  ] as const) {
    if ((env[setting] || "outbox") === "outbox") {
      problems.push(`${setting} is outbox: live ${channel} are stored in D1 and never delivered.`);
    }
  }
  if (env.EMAIL_PROVIDER === "resend" && !env.RESEND_WEBHOOK_SECRET) {
    problems.push(
      "RESEND_WEBHOOK_SECRET is not set: Resend's delivery events are refused, statuses stop at sent.",
    );
  }
  for (const setting of BENCH_ONLY_SETTINGS) {
    if (env[setting]) {
      problems.push(`${setting} is set: a bench setting that meters or slows every invocation; remove it.`);
    }
  }
  for (const secret of ["ADMIN_TOKEN", "SECRETS_KEY"] as const) {
    if (!env[secret]) problems.push(`${secret} is not set (wrangler secret put ${secret}).`);
  }
  return { localhostSettings: loopbackSettings(env), problems };
}

/**
 * A check that reports, once per isolate, at the first request, queue batch or cron run, a deployment that
 * still carries development settings: one `config_points_at_localhost` error naming each setting, and one
 * `config_incomplete` error listing what keeps live invitations from being delivered.
 */
export function createConfigurationAudit(): (env: Env) => void {
  let done = false;
  return (env) => {
    // Development and test have nothing to report: they do not use up the isolate's one audit.
    if (done || isLocalEnvironment(env.ENVIRONMENT)) return;
    done = true;
    let findings: ConfigurationFindings;
    try {
      findings = auditConfiguration(env);
    } catch (error) {
      log("error", "config_audit_failed", { error: String(error) });
      return;
    }
    const { localhostSettings, problems } = findings;
    if (localhostSettings.length > 0) {
      log("error", "config_points_at_localhost", {
        environment: env.ENVIRONMENT ?? null,
        settings: localhostSettings,
        message: `${localhostSettings.join(", ")} point at this machine, but ENVIRONMENT is not development or test. Set the production values (README, Configuration and deployment).`,
      });
    }
    if (problems.length > 0) {
      log("error", "config_incomplete", { environment: env.ENVIRONMENT ?? null, problems });
    }
  };
}
