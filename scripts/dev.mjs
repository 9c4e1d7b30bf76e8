#!/usr/bin/env node
// `npm run dev`: everything the service needs locally, in one command.
// Applies the D1 migrations to the local database, starts `wrangler dev` (D1, Queues, Durable Objects in
// Miniflare), ticks the Cron Trigger every minute, seeds an organization with a live and a test key and a
// workflow through the operator API, and prints them.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { syncDevVars } from "./dev-vars.ts";

const PORT = Number(process.env.PORT ?? 8787);
const API = `http://localhost:${PORT}`;
const SLUG = process.env.SEED_ORG ?? "acme";
const WORKFLOW = "wf_welcome";

// wrangler.toml holds the production values; .dev.vars (overriding them under wrangler dev) the local ones.
const added = syncDevVars(".dev.vars.example", ".dev.vars");
if (added.length > 0) console.log(`Added to .dev.vars from .dev.vars.example: ${added.join(", ")}`);
const adminToken = /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(".dev.vars", "utf8"))?.[1]?.trim();
if (!adminToken) throw new Error("ADMIN_TOKEN is missing from .dev.vars");

const migrate = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local"], {
  stdio: "inherit",
  env: { ...process.env, CI: "true" },
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const wrangler = spawn("wrangler", ["dev", "--port", String(PORT), "--ip", "127.0.0.1", "--test-scheduled"], {
  stdio: ["ignore", "inherit", "inherit"],
});
const stop = () => wrangler.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
wrangler.on("exit", (code) => process.exit(code ?? 0));

async function request(method, path, token, body) {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

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

async function seed() {
  const existing = await request("GET", `/admin/organizations/${SLUG}`, adminToken);
  if (existing.status === 404) {
    const created = await request("POST", "/admin/organizations", adminToken, {
      slug: SLUG,
      name: "Acme Corp",
      replyTo: "support@acme.example",
    });
    if (created.status !== 201) throw new Error(`seeding the organization: ${JSON.stringify(created.body)}`);
  }
  // Keys are shown once, so each start makes a fresh pair.
  const live = await request("POST", `/admin/organizations/${SLUG}/keys`, adminToken, { mode: "live" });
  const test = await request("POST", `/admin/organizations/${SLUG}/keys`, adminToken, { mode: "test" });
  for (const key of [live.body.key, test.body.key]) {
    await request("POST", "/v1/autodoc/workflows", key, { name: "Welcome", token: WORKFLOW });
  }
  return { liveKey: live.body.key, testKey: test.body.key, ...(await seedVortex()) };
}

/** The Vortex side: a fresh test-mode VRTX key and one widget configuration (made once, then reused). */
async function seedVortex() {
  const vortex = await request("POST", `/admin/organizations/${SLUG}/vortex-keys`, adminToken, {
    mode: "test",
  });
  if (vortex.status !== 201) throw new Error(`seeding the Vortex key: ${JSON.stringify(vortex.body)}`);
  const path = `/admin/organizations/${SLUG}/widget-configurations`;
  const existing = await request("GET", path, adminToken);
  let widgetId = existing.body?.data?.[0]?.id;
  if (!widgetId) {
    const created = await request("POST", path, adminToken, {
      name: "Team invites",
      landingUrl: `${API}/dev/visitor/vortex`,
      emailSubject: "{{inviterName}} invited you to {{teamName}}",
      emailTemplate: "Join {{teamName}} at Acme.",
      unfurlDefaults: { title: "Join your team on Acme", description: "You have been invited." },
    });
    if (created.status !== 201)
      throw new Error(`seeding the widget configuration: ${JSON.stringify(created.body)}`);
    widgetId = created.body.id;
  }
  return { vortexKey: vortex.body.key, widgetId };
}

// Wrangler dev runs Cron Triggers only when asked; this stands in for Cloudflare's scheduler.
function tickCron() {
  setInterval(() => {
    fetch(`${API}/__scheduled?cron=${encodeURIComponent("* * * * *")}`).catch(() => {});
  }, 60_000).unref();
}

await waitForHealth();
const { liveKey, testKey, vortexKey, widgetId } = await seed();
tickCron();
console.log(`
  Invitations service is running.

  API            ${API}            (OpenAPI: ${API}/openapi.json, reference: ${API}/docs)
  Recipient link http://start.localhost:${PORT}/<workflow>?invitation_token=<token>
  Outbox         ${API}/dev/outbox   (rendered e-mails and SMS, newest first)

  Organization   ${SLUG}
  Live key       ${liveKey}
  Test key       ${testKey}
  Workflow       ${WORKFLOW}
  Admin token    ${adminToken}

  Vortex API     ${API}/api/v1   (official clients: export VORTEX_API_BASE_URL=${API})
  Vortex key     ${vortexKey}   (test mode)
  Widget config  ${widgetId}
  Short links    http://link.localhost:${PORT}/i/<code>

  Try:
    curl -s ${API}/v1/autodoc/invitations -H "Authorization: Bearer ${testKey}" \\
      -H "Content-Type: application/json" \\
      -d '{"workflowToken":"${WORKFLOW}","channel":"email","recipient":"jane@example.com"}'
    curl -s ${API}/api/v1/invitations -H "x-api-key: ${vortexKey}" \\
      -H "Content-Type: application/json" \\
      -d '{"widgetConfigurationId":"${widgetId}","target":{"type":"email","value":"jane@example.com"},"inviter":{"userId":"u-1","name":"John"}}'
`);
