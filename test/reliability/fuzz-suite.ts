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

/**
 * Per write endpoint: every boundary request, then 300 random ones (`FUZZ_CASES`; `npm run test:deep` runs
 * 5,000), sent 16 at a time, from a random seed that the endpoint's line prints (`FUZZ_SEED` replays it).
 */
export const FUZZ_OPTIONS: FuzzOptions = {
  cases: Number(env.FUZZ_CASES) || 300,
  batch: 16,
  ...(env.FUZZ_SEED ? { seed: Number(env.FUZZ_SEED) } : {}),
};
/**
 * An endpoint's time grows with its cases: the costliest, Vortex creation (its deliveries drain through the
 * real queue, and most of its refusals are rerun), took 10–15 ms a case on this 2-core machine under load.
 */
const TIMEOUT_MS = 60_000 + 40 * FUZZ_OPTIONS.cases;

/** The values that differ from run to run (ids, slugs, keys), left out of the digest of what was drawn. */
function fixtureValues(...fixtures: Fixtures[]): string[] {
  return fixtures.flatMap((f) => [
    ...Object.values(f.ids),
    f.slug,
    f.widgetId,
    ...Object.values(f.auth).flatMap((headers) => Object.values(headers)),
  ]);
}

/** What an endpoint's requests are made of: its schemas, the fixture's ids and credentials, foreign ids. */
export function contextFor(
  op: Operation,
  table: RouteTable,
  own: Fixtures,
  foreign: Fixtures,
): RequestContext {
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
    afterAll(async () => {
      for (const spy of quiet) spy.mockRestore();
      await observer.restore();
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
        const options = { ...FUZZ_OPTIONS, fixtureValues: fixtureValues(own, foreign) };
        const stats = await fuzzEndpoint(requestArbitrary(op, ctx), boundaries, observer, options);
        const msPerCase = Math.round((stats.ms / stats.cases) * 100) / 100;
        const { statuses, ...counts } = stats;
        console.info(JSON.stringify({ endpoint: name, ...counts, msPerCase, statuses }));
        expect(stats.cases).toBeGreaterThanOrEqual(FUZZ_OPTIONS.cases + boundaries.length);
        // A body route has its bounds: the body limit and the nesting limit, at least, and one past each.
        if (op.body) expect(stats.boundaries).toBeGreaterThanOrEqual(4);
      },
    );
  });
}
