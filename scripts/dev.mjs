#!/usr/bin/env node
// `npm run dev`: everything the service needs locally, in one command.
// Applies the D1 migrations to the local database, starts `wrangler dev` (D1, Queues, Durable Objects in
// Miniflare), ticks the Cron Trigger every minute, seeds an organization with a live and a test key and a
// workflow through the operator API, prints them and writes them to .dev.env for the README's walk-through.
// The terminal shows errors, the summary and then each request; wrangler's whole output is in logs/dev.log.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { eachLine, openLog, shown } from "./dev-output.mjs";
import { seed } from "./dev-seed.mjs";
import { syncDevVars } from "./dev-vars.ts";

const PORT = Number(process.env.PORT ?? 8787);
const API = `http://localhost:${PORT}`;
const SLUG = process.env.SEED_ORG ?? "acme";
const WORKFLOW = "wf_welcome";
const LOG_FILE = "logs/dev.log";
const log = openLog(LOG_FILE);
console.log(`Starting the service (wrangler's full output: ${LOG_FILE}) …`);

// wrangler.toml holds the production values; .dev.vars (overriding them under wrangler dev) the local ones.
const added = syncDevVars(".dev.vars.example", ".dev.vars");
if (added.length > 0) console.log(`Added to .dev.vars from .dev.vars.example: ${added.join(", ")}`);
const adminToken = /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(".dev.vars", "utf8"))?.[1]?.trim();
if (!adminToken) throw new Error("ADMIN_TOKEN is missing from .dev.vars");

const migrate = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local"], {
  encoding: "utf8",
  env: { ...process.env, CI: "true" },
});
const migrateOutput = `${migrate.stdout ?? ""}${migrate.stderr ?? ""}`;
log.write(migrateOutput);
if (migrate.status !== 0) {
  console.error(migrateOutput);
  process.exit(migrate.status ?? 1);
}
const applied = /About to apply (\d+) migration/.exec(migrateOutput)?.[1];
console.log(applied ? `Local D1: ${applied} migration(s) applied.` : "Local D1: up to date.");

// Without internet access wrangler cannot fetch Cloudflare's sample `request.cf`, and says so with a stack
// trace at each start; its built-in placeholder is used either way.
// .dev.vars names the hosts on port 8787; on another PORT the links must name that one.
const origins = {
  START_ORIGIN: `http://start.localhost:${PORT}`,
  SHORT_LINK_ORIGIN: `http://link.localhost:${PORT}`,
  VISITOR_APP_URL: `${API}/dev/visitor`,
  PUBLIC_API_ORIGIN: API,
};
const originVars = Object.entries(origins).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
const wranglerArgs = ["dev", "--port", String(PORT), "--ip", "127.0.0.1", "--test-scheduled", ...originVars];
const wrangler = spawn("wrangler", wranglerArgs, {
  stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false" },
});
const terminal = { ready: false };
for (const stream of [wrangler.stdout, wrangler.stderr]) {
  eachLine(stream, (line) => {
    log.write(`${line}\n`);
    if (shown(line, terminal)) console.log(line);
  });
}
const stop = () => wrangler.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
wrangler.on("exit", (code) => process.exit(code ?? 0));

async function waitForHealth() {
  for (let i = 0; i < 240; i += 1) {
    try {
      if ((await fetch(`${API}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("wrangler dev did not answer /healthz within two minutes");
}

// Wrangler dev runs Cron Triggers only when asked; this stands in for Cloudflare's scheduler.
function tickCron() {
  setInterval(() => {
    fetch(`${API}/__scheduled?cron=${encodeURIComponent("* * * * *")}`).catch(() => {});
  }, 60_000).unref();
}

/** The values of this run, for `source .dev.env` in another terminal (the README's walk-through). */
function writeDevEnv(values) {
  const lines = Object.entries(values).map(([name, value]) => `export ${name}='${value}'`);
  writeFileSync(
    ".dev.env",
    `# Written by npm run dev at ${new Date().toISOString()}: source .dev.env\n${lines.join("\n")}\n`,
  );
}

await waitForHealth();
const { liveKey, testKey, vortexKey, widgetId } = await seed({
  api: API,
  adminToken,
  slug: SLUG,
  workflow: WORKFLOW,
});
tickCron();
writeDevEnv({
  API,
  ADMIN: adminToken,
  KEY: testKey,
  LIVE_KEY: liveKey,
  VORTEX_KEY: vortexKey,
  WIDGET: widgetId,
  START: origins.START_ORIGIN,
  LINK: origins.SHORT_LINK_ORIGIN,
});
console.log(`
  Invitations service is running.

  API            ${API}   (OpenAPI: ${API}/openapi.json, reference: ${API}/docs)
  Recipient link ${origins.START_ORIGIN}/<workflow>?invitation_token=<token>
  Outbox         ${API}/dev/outbox   (rendered e-mails and SMS, newest first)

  Organization   ${SLUG}
  Live key       ${liveKey}
  Test key       ${testKey}
  Workflow       ${WORKFLOW}
  Admin token    ${adminToken}

  Vortex API     ${API}/api/v1   (official clients: export VORTEX_API_BASE_URL=${API})
  Vortex key     ${vortexKey}   (test mode)
  Widget config  ${widgetId}
  Short links    ${origins.SHORT_LINK_ORIGIN}/i/<code>

  These values are in .dev.env: in another terminal, \`source .dev.env\`, then try
    curl -s $API/v1/autodoc/invitations -H "Authorization: Bearer $KEY" \\
      -H "Content-Type: application/json" \\
      -d '{"workflowToken":"${WORKFLOW}","channel":"email","recipient":"jane@example.com"}'
    curl -s $API/api/v1/invitations -H "x-api-key: $VORTEX_KEY" -H "Content-Type: application/json" \\
      -d '{"widgetConfigurationId":"'$WIDGET'","target":{"type":"email","value":"jane@example.com"},
           "inviter":{"userId":"u-1","name":"John"},"scopeId":"team-1","scopeType":"team","scopeName":"Engineering"}'

  Requests are shown below as they come; wrangler's full output is in ${LOG_FILE}. Ctrl-C stops.
`);
terminal.ready = true;
