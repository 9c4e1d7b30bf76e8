import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, it, type MockInstance, vi } from "vitest";
import { buildFixtures } from "./build-fixtures";
import { type Fixtures, fixtureFor, fixturesNeeded, knownBodyValues, knownListItems } from "./fixtures";
import { boundaryRequests, type RequestContext, requestArbitrary } from "./fuzz-requests";
import { type FuzzOptions, fuzzEndpoint } from "./fuzz-runner";
import {
  type Dialect,
  label,
  loadRouteTable,
  type Operation,
  type RouteTable,
  writeOperations,
} from "./route-table";
import { observeWrites, type WriteObserver } from "./write-observer";

/** At least 1,000 requests per endpoint (issue 6), sent 16 at a time. */
export const FUZZ_OPTIONS: FuzzOptions = {
  cases: Number(env.FUZZ_CASES) || 1000,
  batch: 16,
  ...(env.FUZZ_SEED ? { seed: Number(env.FUZZ_SEED) } : {}),
};
const TIMEOUT_MS = 120_000;

function contextFor(op: Operation, table: RouteTable, own: Fixtures, foreign: Fixtures): RequestContext {
  const pathValues: Record<string, string> = {};
  for (const param of op.params) {
    const fixture = fixtureFor(op, param);
    pathValues[param] = fixture ? own.ids[fixture] : `no-fixture-for-${param}`;
  }
  return {
    schemas: table.schemas,
    known: knownBodyValues(own),
    knownItems: knownListItems(own),
    pathValues,
    auth: own.auth[op.dialect],
    foreignIds: Object.values(foreign.ids),
  };
}

/**
 * One test per write endpoint of the dialect, found in the route table when the file loads, so that a new
 * route is fuzzed without anyone listing it. `expected` only guards against the table coming back empty.
 */
export async function defineFuzzSuite(dialect: Dialect, expected: string[]): Promise<void> {
  const table = await loadRouteTable();
  const operations = writeOperations(table, dialect);
  describe(`fuzzing every write endpoint of the ${dialect} API`, () => {
    let observer: WriteObserver;
    let foreign: Fixtures;
    let quiet: MockInstance[] = [];
    beforeAll(async () => {
      observer = await observeWrites();
      foreign = await buildFixtures("test");
      // The background consumers' info lines (thousands) would cost more than the requests; errors still print.
      quiet = [vi.spyOn(console, "log"), vi.spyOn(console, "warn")].map((spy) => spy.mockReturnValue());
    });
    afterAll(() => {
      observer.restore();
      for (const spy of quiet) spy.mockRestore();
    });

    it("finds the write endpoints in the route table", ({ expect }) => {
      expect(operations.map(label)).toEqual(expect.arrayContaining(expected));
    });

    it.for(operations.map((op) => [label(op), op] as const))(
      "%s",
      { timeout: TIMEOUT_MS },
      async ([name, op], { expect }) => {
        const own = await buildFixtures("test", fixturesNeeded(op));
        const ctx = contextFor(op, table, own, foreign);
        const boundaries = boundaryRequests(op, ctx);
        const stats = await fuzzEndpoint(requestArbitrary(op, ctx), boundaries, observer, FUZZ_OPTIONS);
        console.info(JSON.stringify({ endpoint: name, ...stats }));
        expect(stats.cases).toBeGreaterThanOrEqual(FUZZ_OPTIONS.cases + boundaries.length);
        // A body route has its bounds: the body limit and the nesting limit, at least, and one past each.
        if (op.body) expect(stats.boundaries).toBeGreaterThanOrEqual(4);
      },
    );
  });
}
