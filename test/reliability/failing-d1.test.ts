import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, it } from "vitest";
import { createDb } from "../../src/db/client";
import { organizations } from "../../src/db/schema";
import { createTenant } from "../helpers/api";
import { failingD1, updatesInvitation } from "../helpers/failing-d1";

const nameOf = async (slug: string) =>
  (await env.DB.prepare("SELECT name FROM organizations WHERE slug = ?").bind(slug).first<{ name: string }>())
    ?.name;

describe("the failing D1 binding (test helper)", () => {
  it("fails the first matching statement once, through drizzle, and passes the rest to the real D1", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const renames = ({ sql, params }: { sql: string; params: unknown[] }) =>
      sql.startsWith('update "organizations"') && params.includes(tenant.slug);
    const faulty = failingD1(env.DB, { matches: renames });
    const db = createDb(faulty.db);
    const rename = (name: string) =>
      db.update(organizations).set({ name }).where(eq(organizations.slug, tenant.slug)).run();
    const read = await db.select().from(organizations).where(eq(organizations.slug, tenant.slug)).get();
    expect(read?.name).toBe("Acme Corp");
    // drizzle wraps the binding's error in its own "Failed query" error.
    await expect(rename("First")).rejects.toThrow(/Failed query/);
    expect(await nameOf(tenant.slug)).toBe("Acme Corp");
    await rename("Second");
    expect(await nameOf(tenant.slug)).toBe("Second");
    expect(faulty.failures()).toBe(1);
  });

  it("fails a whole batch that holds a matching statement, writing none of it, then works", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const twice = failingD1(env.DB, {
      matches: ({ params }) => params.includes(`${tenant.slug}-b`),
      times: 2,
    });
    const batch = () =>
      twice.db.batch([
        twice.db.prepare("UPDATE organizations SET name = ? WHERE slug = ?").bind("A", tenant.slug),
        twice.db.prepare("SELECT ? AS marker").bind(`${tenant.slug}-b`),
      ]);
    await expect(batch()).rejects.toThrow(/injected fault/);
    await expect(batch()).rejects.toThrow(/injected fault/);
    expect(await nameOf(tenant.slug)).toBe("Acme Corp");
    await batch();
    expect(await nameOf(tenant.slug)).toBe("A");
    expect(twice.failures()).toBe(2);
    expect(updatesInvitation("adi_x")({ sql: 'update "invitations" set x = ?', params: ["adi_x"] })).toBe(
      true,
    );
    expect(updatesInvitation("adi_x")({ sql: 'select * from "invitations"', params: ["adi_x"] })).toBe(false);
  });
});
