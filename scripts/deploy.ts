// `npm run deploy`: deploys wrangler.toml's top-level configuration, which is the production one, after
// refusing what would ship a development setup: a local ENVIRONMENT, a setting on localhost, the placeholder
// D1 database id. The hosts of START_ORIGIN, SHORT_LINK_ORIGIN and PUBLIC_API_ORIGIN are attached as Custom
// Domains, so the origins the Worker builds links with are the ones it answers on. Arguments after `--` go
// to `wrangler deploy` (e.g. `npm run deploy -- --dry-run --outdir /tmp/out`). Plain Node ESM (type stripping).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { unstable_readConfig } from "wrangler";
import { BENCH_ONLY_SETTINGS, isLocalEnvironment, isLoopbackUrl } from "../src/config/environment.ts";

const PLACEHOLDER_DATABASE_ID = "00000000-0000-0000-0000-000000000000";
const ORIGIN_SETTINGS = ["PUBLIC_API_ORIGIN", "START_ORIGIN", "SHORT_LINK_ORIGIN"] as const;

/** The part of wrangler's resolved configuration the checks read. */
export interface DeployConfig {
  vars: Record<string, unknown>;
  d1_databases: { binding: string; database_id?: string | undefined }[];
  /** wrangler.toml's `minify`: the deployed bundle is minified (bench/bundle.ts measures it). */
  minify?: boolean | undefined;
}

export interface DeployPlan {
  /** Why this configuration must not be deployed; empty when it may. */
  problems: string[];
  /** Custom Domains to attach: the hosts of the origin settings. */
  domains: string[];
}

/** What `npm run deploy` would refuse, and the domains it would attach. */
export function deployPlan(config: DeployConfig): DeployPlan {
  const problems: string[] = [];
  const environment = config.vars.ENVIRONMENT;
  if (typeof environment !== "string" || isLocalEnvironment(environment)) {
    problems.push(`ENVIRONMENT is ${JSON.stringify(environment)}; deploy with "production".`);
  }
  for (const [name, value] of Object.entries(config.vars)) {
    if (typeof value === "string" && isLoopbackUrl(value)) problems.push(`${name} points at localhost.`);
  }
  for (const setting of BENCH_ONLY_SETTINGS) {
    if (setting in config.vars) problems.push(`${setting} is a bench setting; production leaves it out.`);
  }
  if (config.minify !== true) problems.push("minify is not true: the bundle would ship unminified.");
  for (const db of config.d1_databases) {
    if (!db.database_id || db.database_id === PLACEHOLDER_DATABASE_ID) {
      problems.push(
        `D1 binding ${db.binding} has no database_id: run \`wrangler d1 create\` and put its id here.`,
      );
    }
  }
  const domains: string[] = [];
  for (const setting of ORIGIN_SETTINGS) {
    const value = config.vars[setting];
    if (typeof value !== "string" || !URL.canParse(value) || new URL(value).protocol !== "https:") {
      problems.push(`${setting} must be an https origin, not ${JSON.stringify(value)}.`);
      continue;
    }
    const host = new URL(value).hostname;
    if (!domains.includes(host)) domains.push(host);
  }
  return { problems, domains };
}

function main(): void {
  const configPath = path.resolve(import.meta.dirname, "..", "wrangler.toml");
  const plan = deployPlan(unstable_readConfig({ config: configPath }));
  if (plan.problems.length > 0) {
    console.error(`Not deploying ${configPath}:\n${plan.problems.map((p) => `  - ${p}`).join("\n")}`);
    process.exit(1);
  }
  const args = ["deploy", "--config", configPath, ...plan.domains.flatMap((d) => ["--domain", d])];
  const run = spawnSync("wrangler", [...args, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(run.status ?? 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) main();
