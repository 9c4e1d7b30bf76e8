import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { deliveryMessage } from "../../src/delivery/message";
import { createInvitation, createTenant, type Tenant } from "../helpers/api";
import { buildFixtures } from "./build-fixtures";
import { fixturesNeeded } from "./fixtures";
import { workerFetch } from "./fuzz-attempt";
import { type FuzzRequest, requestArbitrary } from "./fuzz-requests";
import { type FuzzOptions, fuzzEndpoint } from "./fuzz-runner";
import { contextFor } from "./fuzz-suite";
import { label, loadRouteTable } from "./route-table";
import { observeWrites, type WriteObserver } from "./write-observer";

/** The fuzz runner's write check, proved: a write planted before a 400 fails the run, whatever it writes. */
describe("a refused request that writes fails the fuzz run", () => {
  let observer: WriteObserver;
  /** An organization older than the observer: another test file's tenant, as far as the check knows. */
  let bystander: Tenant;
  let tenant: Tenant;
  beforeAll(async () => {
    bystander = await createTenant();
    observer = await observeWrites();
    tenant = await createTenant();
  });
  afterAll(() => observer.restore());

  /** Malformed JSON to an endpoint that takes JSON: a 400 every time. */
  const refused = (): fc.Arbitrary<FuzzRequest> =>
    fc.constant({
      kind: "planted",
      method: "POST",
      path: "/v1/autodoc/workflows",
      headers: { Authorization: `Bearer ${tenant.testKey}`, "Content-Type": "application/json" },
      body: "{",
    });
  /** 16 refused requests, each preceded by `plant`. */
  const plantedRun = (plant: () => Promise<unknown>) => {
    const handler = async (request: Request) => {
      await plant();
      return workerFetch(request);
    };
    const options: FuzzOptions = { cases: 16, batch: 16, seed: 1, handler };
    return fuzzEndpoint(refused(), [], observer, options);
  };
  const sql =
    (query: string, ...values: unknown[]) =>
    () =>
      env.DB.prepare(query)
        .bind(...values)
        .run();

  it("passes when nothing is planted, so the failures below are the plants'", async ({ expect }) => {
    const stats = await plantedRun(async () => undefined);
    expect(stats.statuses).toEqual({ "400 invalid_json": 16 });
    expect(stats.rechecked).toBe(0);
  });

  it("an UPDATE that changes no row count", async ({ expect }) => {
    const rename = sql(
      "UPDATE workflows SET name = name || '.' WHERE organization_id = ? AND token = ? AND livemode = 0",
      tenant.organizationId,
      tenant.workflowToken,
    );
    await expect(plantedRun(rename)).rejects.toThrow(/a refused request wrote workflows update: planted/);
  });

  it("an UPDATE that sets a value to itself", async ({ expect }) => {
    const same = sql("UPDATE organizations SET name = name WHERE id = ?", tenant.organizationId);
    await expect(plantedRun(same)).rejects.toThrow(/a refused request wrote organizations update/);
  });

  it("an INSERT", async ({ expect }) => {
    const insert = () =>
      sql(
        "INSERT INTO workflows (organization_id, livemode, token, name, created_at) VALUES (?, 0, ?, 'planted', ?)",
        tenant.organizationId,
        `wf_${crypto.randomUUID()}`,
        Date.now(),
      )();
    await expect(plantedRun(insert)).rejects.toThrow(/a refused request wrote workflows insert/);
  });

  it("a DELETE", async ({ expect }) => {
    const rows = Array.from({ length: 50 }, (_, i) =>
      env.DB.prepare(
        "INSERT INTO workflows (organization_id, livemode, token, name, created_at) VALUES (?, 0, ?, 'doomed', 0)",
      ).bind(tenant.organizationId, `wf_doomed_${i}`),
    );
    await env.DB.batch(rows);
    const remove = sql(
      "DELETE FROM workflows WHERE rowid = (SELECT min(rowid) FROM workflows WHERE organization_id = ? AND name = 'doomed')",
      tenant.organizationId,
    );
    await expect(plantedRun(remove)).rejects.toThrow(/a refused request wrote workflows delete/);
  });

  it("a queue send", async ({ expect }) => {
    // An invitation nobody has: the consumer acks it without writing, so only the send itself is seen.
    const send = () => env.DELIVERIES.send(deliveryMessage(`adi_planted${crypto.randomUUID()}`, 1));
    await expect(plantedRun(send)).rejects.toThrow(/a refused request wrote queue deliveries/);
  });

  it("a queue batch", async ({ expect }) => {
    const sendBatch = () => env.WEBHOOKS.sendBatch([{ body: { v: 1, kind: "fanout", eventId: -1 } }]);
    await expect(plantedRun(sendBatch)).rejects.toThrow(/a refused request wrote queue webhooks/);
  });

  it("but not a write to an organization that existed before the observer", async ({ expect }) => {
    // Other test files' background work (deliveries, fan-outs, retries) writes their tenants' rows meanwhile.
    const elsewhere = sql(
      "UPDATE workflows SET name = name || '.' WHERE organization_id = ?",
      bystander.organizationId,
    );
    const stats = await plantedRun(elsewhere);
    expect(stats.rechecked).toBe(0);
  });

  it("settles once the organization's queue messages have been through the consumer", async ({ expect }) => {
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: `settle-${crypto.randomUUID()}@example.com`,
    });
    await observer.settle();
    const row = await env.DB.prepare("SELECT status FROM invitations WHERE token = ?")
      .bind(invitation.token)
      .first<{ status: string }>();
    expect(row?.status).toBe("sent");
  });
});

describe("a fuzz seed", () => {
  let observer: WriteObserver;
  beforeAll(async () => {
    observer = await observeWrites();
  });
  afterAll(() => observer.restore());

  it("draws the same requests again, and another seed others", async ({ expect }) => {
    const table = await loadRouteTable();
    const op = table.operations.find((o) => label(o) === "POST /v1/autodoc/invitations");
    if (!op) throw new Error("POST /v1/autodoc/invitations is not in the route table");
    const [own, foreign] = await Promise.all([
      buildFixtures("test", fixturesNeeded(op)),
      buildFixtures("test", new Set()),
    ]);
    const run = async (seed: number) => {
      const stats = await fuzzEndpoint(
        requestArbitrary(op, contextFor(op, table, own, foreign)),
        [],
        observer,
        {
          cases: 32,
          batch: 16,
          seed,
        },
      );
      return stats.draw;
    };
    const first = await run(7);
    expect(await run(7)).toBe(first);
    expect(await run(8)).not.toBe(first);
  });
});
