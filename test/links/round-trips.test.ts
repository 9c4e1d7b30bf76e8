import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createDb } from "../../src/db/client";
import { resolveLink } from "../../src/db/links-repo";
import { runPlan } from "../../src/db/plan";
import { resolveShortLink } from "../../src/db/short-links-repo";
import { createInvitation, createTenant } from "../helpers/api";
import { shortLinkInvitation } from "../helpers/short-links";
import { createVortexTenant } from "../helpers/vortex";

const EXECUTIONS = new Set(["run", "all", "raw", "first"]);

/**
 * The real D1 binding, with a count of round trips: each `batch` and each statement executed on its own.
 * Statements are passed through untouched (a batch gets back the real ones).
 */
function countingD1(d1: D1Database) {
  const real = new WeakMap<object, D1PreparedStatement>();
  const counter = { roundTrips: 0 };
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (typeof property === "string" && EXECUTIONS.has(property)) counter.roundTrips += 1;
          const result: unknown = value.apply(target, args);
          return property === "bind" ? wrap(result as D1PreparedStatement) : result;
        };
      },
    });
    real.set(proxy, statement);
    return proxy;
  };
  const database = new Proxy(d1, {
    get(target, property) {
      if (property === "prepare") return (query: string) => wrap(target.prepare(query));
      if (property === "batch") {
        return (statements: D1PreparedStatement[]) => {
          counter.roundTrips += 1;
          return target.batch(statements.map((s) => real.get(s) ?? s));
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { database, counter };
}

describe("the link hot path's D1 budget", () => {
  it("resolves a short-link click or view in exactly one round trip", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    for (const visit of ["click", "view"] as const) {
      const { database, counter } = countingD1(env.DB);
      const db = createDb(database);
      const { value: target } = await runPlan(db, resolveShortLink(db, invitation.code, new Date(), visit));
      expect(target?.token).toBe(invitation.id);
      expect(counter.roundTrips, visit).toBe(1);
    }
    const row = await env.DB.prepare("SELECT views, click_throughs FROM invitations WHERE token = ?")
      .bind(invitation.id)
      .first<{ views: number; click_throughs: number }>();
    expect(row).toEqual({ views: 1, click_throughs: 1 });
  });

  it("resolves a start-link click in exactly one round trip", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "budget@example.com",
    });
    for (const person of [true, false]) {
      const { database, counter } = countingD1(env.DB);
      const db = createDb(database);
      const visit = resolveLink(db, invitation.token, tenant.workflowToken, new Date(), person);
      const { value: target } = await runPlan(db, visit);
      expect(target?.status).toBe("opened");
      expect(counter.roundTrips).toBe(1);
    }
  });
});
