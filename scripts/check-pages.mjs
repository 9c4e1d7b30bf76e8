#!/usr/bin/env node
// `npm run check:pages`: the pages a person meets, opened in a real browser (Debian's headless Chromium).
// Starts the Worker with wrangler dev on a free port and a throwaway local state, seeds it like `npm run dev`,
// makes one invitation per link state (valid, unknown, expired, revoked), then for /docs, the outbox and each
// link page takes a screenshot and checks what the rendered page says. Screenshots and the rendered DOMs:
// test-results/pages/.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_FLAGS, openPage } from "./browser-session.mjs";
import { seed } from "./dev-seed.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const OUT = "test-results/pages";
const state = mkdtempSync(join(tmpdir(), "check-pages-"));
const port = await new Promise((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  });
});
const API = `http://localhost:${port}`;
const START = `http://start.localhost:${port}`;
const LINK = `http://link.localhost:${port}`;
const adminToken = /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(".dev.vars.example", "utf8"))?.[1]?.trim() ?? "";

const vars = { START_ORIGIN: START, SHORT_LINK_ORIGIN: LINK, VISITOR_APP_URL: `${API}/dev/visitor` };
const migrate = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
  encoding: "utf8",
  env: { ...process.env, CI: "true" },
});
if (migrate.status !== 0) throw new Error(`migrations: ${migrate.stdout}${migrate.stderr}`);
const wrangler = spawn(
  "wrangler",
  [
    ...[
      "dev",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      state,
      "--env-file",
      ".dev.vars.example",
    ],
    ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
  ],
  { stdio: "ignore", env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false" } },
);
const failures = [];
try {
  await waitForHealth();
  const pages = await preparePages();
  mkdirSync(OUT, { recursive: true });
  for (const page of pages.static) check(page);
  await checkRecentRequests(pages.key);
} finally {
  wrangler.kill("SIGINT");
}
if (failures.length > 0) {
  console.error(`\n${failures.length} page check(s) failed:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
  process.exit(1);
}
console.log(`\nEvery page rendered as expected; screenshots in ${OUT}/.`);

async function waitForHealth() {
  for (let i = 0; i < 240; i += 1) {
    if (wrangler.exitCode !== null) throw new Error("wrangler dev exited");
    if (
      await fetch(`${API}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("wrangler dev did not answer /healthz within two minutes");
}

async function call(method, path, headers, body) {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { ...headers, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text === "" ? {} : JSON.parse(text);
}

/** One invitation per state, and what each page must say once rendered. */
async function preparePages() {
  const { testKey, vortexKey, widgetId } = await seed({
    api: API,
    adminToken,
    slug: "acme",
    workflow: "wf_welcome",
  });
  const autodoc = { Authorization: `Bearer ${testKey}` };
  const create = () =>
    call("POST", "/v1/autodoc/invitations", autodoc, {
      workflowToken: "wf_welcome",
      channel: "email",
      recipient: "jane@example.com",
      recipientName: "Jane",
    });
  const valid = await create();
  const expired = await create();
  await call(
    "POST",
    `/dev/invitations/${expired.token}/rewind`,
    { Authorization: `Bearer ${adminToken}` },
    {
      seconds: 31 * 24 * 60 * 60,
    },
  );
  const vortex = { "x-api-key": vortexKey };
  const revoked = await call("POST", "/api/v1/invitations", vortex, {
    widgetConfigurationId: widgetId,
    target: { type: "email", value: "sam@example.com" },
    inviter: { userId: "u-1", name: "John" },
  });
  await call("DELETE", `/api/v1/invitations/${revoked.id}`, vortex);
  return {
    key: testKey,
    static: [
      {
        name: "docs",
        url: `${API}/docs`,
        says: [
          "post /v1/autodoc/invitations",
          "/v1/autodoc/invitations/{token}/resend",
          "Vortex API",
          "Operator API",
        ],
      },
      { name: "outbox", url: `${API}/dev/outbox`, says: ["jane@example.com", "Acme Corp"] },
      { name: "start-link-valid", url: valid.url, says: [valid.token] },
      {
        name: "start-link-unknown",
        url: `${START}/wf_welcome?invitation_token=adi_000000000000000000000000`,
        says: ["not found"],
      },
      { name: "start-link-expired", url: expired.url, says: ["expired"] },
      { name: "short-link-revoked", url: revoked.shortLink, says: ["withdrawn"] },
    ],
  };
}

/**
 * /docs/requests as a person uses it: the key typed in and "Show requests" pressed; the page must then list the
 * requests this script made (the creates, the resend it refuses), each endpoint with its status.
 */
async function checkRecentRequests(key) {
  const name = "recent-requests";
  const page = await openPage(CHROMIUM, `${API}/docs/requests`);
  try {
    await page.evaluate(`new Promise((resolve) => {
      const ready = () => document.getElementById("key") ? resolve() : setTimeout(ready, 50);
      ready();
    })`);
    await page.evaluate(`(() => {
      const input = document.getElementById("key");
      input.value = ${JSON.stringify(key)};
      document.getElementById("key-form").requestSubmit();
    })()`);
    const says = ["/v1/autodoc/invitations", "201"];
    const text = await page.evaluate(`new Promise((resolve) => {
      const started = Date.now();
      const look = () => {
        const text = document.body.innerText;
        if (${JSON.stringify(says)}.every((p) => text.includes(p)) || Date.now() - started > 10000) resolve(text);
        else setTimeout(look, 100);
      };
      look();
    })`);
    const screenshot = join(OUT, `${name}.png`);
    await page.screenshot(screenshot);
    const missing = says.filter((phrase) => !String(text).includes(phrase));
    const leaked = String(text).includes(key) ? ["the key itself"] : [];
    if (missing.length + leaked.length > 0) {
      failures.push(
        `${name} does not say: ${missing.join(", ")}${leaked.length ? "; it shows the key" : ""}`,
      );
    }
    console.log(`${missing.length + leaked.length === 0 ? "ok  " : "FAIL"} ${name.padEnd(20)} ${screenshot}`);
  } finally {
    page.close();
  }
}

/** Renders the page in Chromium: a screenshot, and the DOM after its scripts ran, checked for each phrase. */
function check({ name, url, says }) {
  const profile = mkdtempSync(join(tmpdir(), "chromium-"));
  const flags = [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, "--virtual-time-budget=15000"];
  const screenshot = join(OUT, `${name}.png`);
  execFileSync(CHROMIUM, [...flags, `--screenshot=${screenshot}`, url], { stdio: "ignore" });
  const dom = execFileSync(CHROMIUM, [...flags, "--dump-dom", url], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
    stdio: ["ignore", "pipe", "ignore"],
  });
  writeFileSync(join(OUT, `${name}.html`), dom);
  const text = dom
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .toLowerCase();
  const missing = says.filter((phrase) => !text.includes(phrase.toLowerCase()));
  if (missing.length > 0) failures.push(`${name} (${url}) does not say: ${missing.join(", ")}`);
  console.log(`${missing.length === 0 ? "ok  " : "FAIL"} ${name.padEnd(20)} ${screenshot}`);
}
