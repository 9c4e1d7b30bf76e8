import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import { admin, call, createTenant } from "../../helpers/api";
import { travelTo } from "../../helpers/invitations";
import { vortex } from "../../helpers/vortex";

/** The two kinds of key and where each is listed, revoked and stored. */
const KINDS = [
  { kind: "AutoDoc keys", route: "keys", object: "api_key", table: "api_keys", idColumn: "id" },
  { kind: "Vortex keys", route: "vortex-keys", object: "vortex_key", table: "vortex_keys", idColumn: "kid" },
] as const;
type Kind = (typeof KINDS)[number];
const EACH_KIND = KINDS.map((kind) => [kind.kind, kind] as const);

const LISTED_FIELDS = ["createdAt", "id", "last4", "mode", "object", "revokedAt"];
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

afterEach(() => {
  vi.useRealTimers();
});

async function organizationId(slug: string) {
  const row = await env.DB.prepare("SELECT id FROM organizations WHERE slug = ?")
    .bind(slug)
    .first<{ id: string }>();
  if (!row) throw new Error(`no organization ${slug}`);
  return row.id;
}

/** Keys written straight into D1 (as many as a test needs, with chosen creation times), all live. */
async function seedKeys(kind: Kind, slug: string, createdAt: number[], last4: string | null = "SEED") {
  const org = await organizationId(slug);
  const ids = createdAt.map(() =>
    kind.object === "api_key" ? `key_seed${crypto.randomUUID()}` : crypto.randomUUID(),
  );
  const statements = createdAt.map((at, i) =>
    kind.object === "api_key"
      ? env.DB.prepare(
          "INSERT INTO api_keys (id, organization_id, livemode, secret_hash, last4, created_at) VALUES (?, ?, 1, ?, ?, ?)",
        ).bind(ids[i], org, crypto.randomUUID(), last4 ?? "SEED", at)
      : env.DB.prepare(
          "INSERT INTO vortex_keys (kid, organization_id, livemode, secret_hash, signing_key_ciphertext, last4, created_at) VALUES (?, ?, 1, ?, 'sealed', ?, ?)",
        ).bind(ids[i], org, crypto.randomUUID(), last4, at),
  );
  await env.DB.batch(statements);
  return ids.map((id, i) => ({ id, createdAt: createdAt[i] ?? 0 }));
}

async function listAll(kind: Kind, slug: string, limit: number) {
  const seen: Record<string, unknown>[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    const query = `limit=${limit}${after === undefined ? "" : `&startingAfter=${after}`}`;
    const page = await admin("GET", `/organizations/${slug}/${kind.route}?${query}`);
    if (page.status !== 200) throw new Error(JSON.stringify(page.body));
    const data = page.body.data as Record<string, unknown>[];
    seen.push(...data);
    if (!page.body.hasMore) return seen;
    after = String(data.at(-1)?.id);
  }
  throw new Error("more pages than keys");
}

describe("the operator's key listings", () => {
  it.for(EACH_KIND)(
    "%s: both modes, newest first, revoked ones too, never a secret or a hash",
    async ([, kind], { expect }) => {
      const tenant = await createTenant();
      const made: Record<string, unknown>[] = [];
      const start = Date.now();
      for (const [i, mode] of ["live", "test", "live"].entries()) {
        // Distinct milliseconds on the test clock, so that "newest first" is the order they were made in.
        travelTo(start + i);
        const key = await admin("POST", `/organizations/${tenant.slug}/${kind.route}`, { mode });
        expect(key.status).toBe(201);
        made.push(key.body);
      }
      const revoked = await admin("DELETE", `/organizations/${tenant.slug}/${kind.route}/${made[1]?.id}`);
      expect(revoked.status).toBe(200);
      const list = await call("GET", `/admin/organizations/${tenant.slug}/${kind.route}`, {
        token: env.ADMIN_TOKEN,
      });
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ object: "list", hasMore: false });
      const data = list.body.data as Record<string, unknown>[];
      const ours = data.filter((item) => made.some((key) => key.id === item.id));
      expect(ours.map((item) => item.id)).toEqual(made.map((key) => key.id).reverse());
      for (const item of data) {
        expect(Object.keys(item).sort()).toEqual(LISTED_FIELDS);
        expect(item.object).toBe(kind.object);
        expect(["live", "test"]).toContain(item.mode);
        expect(item.createdAt).toMatch(ISO);
        expect(item.last4).toMatch(/^[0-9A-Za-z_-]{4}$/);
      }
      for (const [i, key] of made.entries()) {
        const item = ours.find((listed) => listed.id === key.id);
        expect(item).toEqual({
          id: key.id,
          object: kind.object,
          last4: String(key.key).slice(-4),
          mode: ["live", "test", "live"][i],
          createdAt: key.createdAt,
          revokedAt: i === 1 ? revoked.body.revokedAt : null,
        });
      }
      // Nothing stored beside the listed fields reaches the operator: not the key, its hash or a sealed key.
      const stored = await env.DB.prepare(
        `SELECT * FROM ${kind.table} WHERE organization_id = (SELECT id FROM organizations WHERE slug = ?)`,
      )
        .bind(tenant.slug)
        .all<Record<string, unknown>>();
      const secrets = [
        ...made.map((key) => String(key.key)),
        ...stored.results.flatMap((row) =>
          [row.secret_hash, row.signing_key_ciphertext].filter((v) => v != null),
        ),
      ];
      expect(secrets.length).toBeGreaterThanOrEqual(made.length * 2);
      const text = JSON.stringify(list.body);
      for (const secret of secrets) expect(text).not.toContain(String(secret));
    },
  );

  it.for(EACH_KIND)(
    "%s: pages of at most 100, a cursor that skips and repeats none",
    async ([, kind], { expect }) => {
      const tenant = await createTenant();
      const base = Date.now() - 1_000_000;
      // 150 keys, three to a millisecond: the id breaks the ties.
      const seeded = await seedKeys(
        kind,
        tenant.slug,
        Array.from({ length: 150 }, (_, i) => base + Math.floor(i / 3)),
      );
      const others = await seedKeys(kind, (await createTenant()).slug, [base]);
      const path = `/organizations/${tenant.slug}/${kind.route}`;
      const first = await admin("GET", `${path}?limit=100`);
      expect(first.status).toBe(200);
      expect((first.body.data as unknown[]).length).toBe(100);
      expect(first.body.hasMore).toBe(true);
      expect(((await admin("GET", path)).body.data as unknown[]).length).toBe(20);
      const everything = await listAll(kind, tenant.slug, 100);
      const expected = [...seeded]
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
        .map((key) => key.id);
      const listedSeeded = everything.map((item) => String(item.id)).filter((id) => expected.includes(id));
      expect(listedSeeded).toEqual(expected);
      expect(new Set(everything.map((item) => item.id)).size).toBe(everything.length);
      expect(await listAll(kind, tenant.slug, 7)).toEqual(everything);
      for (const bad of [
        "limit=101",
        "limit=0",
        "limit=ten",
        `startingAfter=${others[0]?.id}`,
        "startingAfter=nope",
      ]) {
        const refused = await admin("GET", `${path}?${bad}`);
        expect(refused.status, bad).toBe(400);
        expect(refused.body, bad).toMatchObject({ error: { code: "validation_error" } });
      }
    },
  );

  it("shows null as last4 of Vortex keys made before their last four characters were kept", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const [legacy] = await seedKeys(KINDS[1], tenant.slug, [Date.now()], null);
    const list = await admin("GET", `/organizations/${tenant.slug}/vortex-keys`);
    expect(list.body.data).toEqual([
      expect.objectContaining({ id: legacy?.id, last4: null, revokedAt: null }),
    ]);
  });
});

describe("revoking a Vortex key", () => {
  it("refuses it at once in this isolate; again, unknown or another organization's is a 404", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const stranger = await createTenant();
    const made = await admin("POST", `/organizations/${tenant.slug}/vortex-keys`, { mode: "live" });
    const key = String(made.body.key);
    // The key's principal is now in this isolate's cache.
    expect((await vortex(key, "GET", "/invitations/missing")).status).toBe(404);
    const elsewhere = await admin("DELETE", `/organizations/${stranger.slug}/vortex-keys/${made.body.id}`);
    expect(elsewhere.status).toBe(404);
    expect((await vortex(key, "GET", "/invitations/missing")).status).toBe(404);
    const revoked = await admin("DELETE", `/organizations/${tenant.slug}/vortex-keys/${made.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({
      id: made.body.id,
      object: "vortex_key",
      last4: key.slice(-4),
      mode: "live",
      createdAt: made.body.createdAt,
      revokedAt: expect.stringMatching(ISO),
    });
    const after = await vortex(key, "GET", "/invitations/missing");
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ error: expect.any(String) });
    const twice = await admin("DELETE", `/organizations/${tenant.slug}/vortex-keys/${made.body.id}`);
    expect(twice.status).toBe(404);
    expect(twice.body).toMatchObject({ error: { code: "not_found" } });
    const unknown = await admin("DELETE", `/organizations/${tenant.slug}/vortex-keys/${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    const noOrganization = await admin("DELETE", `/organizations/no-such-org/vortex-keys/${made.body.id}`);
    expect(noOrganization.status).toBe(404);
  });
});
