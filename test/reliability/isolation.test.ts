import { env } from "cloudflare:workers";
import { beforeAll, describe, it } from "vitest";
import { sendGate } from "../../src/durable-objects/send-gate";
import { observedFetch } from "../helpers/observed-env";
import { buildFixtures } from "./build-fixtures";
import {
  AUTOJOIN_DOMAIN,
  FIXTURE_RECIPIENT,
  type Fixtures,
  fixtureFor,
  fixturesNeeded,
  knownBodyValues,
} from "./fixtures";
import { baseValue } from "./json-schema";
import { label, loadRouteTable, type Operation } from "./route-table";

const table = await loadRouteTable();
/** Every route of the AutoDoc and Vortex APIs that names something in its path, as the route table has them now. */
const routes = table.operations.filter((op) => op.dialect !== "admin" && op.params.length > 0);

/**
 * Routes whose path parameters the matrix cannot make an object for, each with the reason it is safe to
 * leave out. A route in neither this list nor PATH_PARAMS (fixtures.ts) fails below, so nobody forgets one.
 */
const NO_FIXTURE: Record<string, string> = {};

/**
 * Scope routes name a label the customer chooses (`team/team-abc123`), not an object: another organization
 * may use the same label, so a stranger gets its own, empty, answer rather than a 404. It must still see
 * nothing of the owner's and change nothing.
 */
const NAMED_BY_LABEL = /\/by-(scope|group)\//;

async function request(op: Operation, owner: Fixtures, auth: Record<string, string>) {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, param: string) => {
    const fixture = fixtureFor(op, param);
    return encodeURIComponent(fixture ? owner.ids[fixture] : param);
  });
  const body = op.body
    ? JSON.stringify(baseValue(op.body, table.schemas, knownBodyValues(owner)))
    : undefined;
  const { res, writes } = await observedFetch(
    new Request(`https://api.auto-doc.test${path}`, {
      method: op.method,
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": "198.51.100.7", ...auth },
      ...(body === undefined ? {} : { body }),
    }),
  );
  const sent = `${decodeURIComponent(path)} ${body ?? ""}`;
  return { status: res.status, text: await res.text(), sent, writes };
}

/** What the owner's invitations' SendGates hold (sends, leases, webhook claims): outside D1, and theirs alone. */
async function gatesOf(owner: Fixtures) {
  return Promise.all(
    [owner.ids.invitation, owner.ids.vortexInvitation].map((token) => sendGate(env, token).state()),
  );
}

describe("tenant isolation, for every route that takes an id", () => {
  let stranger: Fixtures;
  const owners = new Map<Operation, Fixtures>();
  beforeAll(async () => {
    // Objects live in live mode; the other organization and the owner's test keys must not reach them.
    const [other, ...built] = await Promise.all([
      buildFixtures("live", new Set()),
      ...routes.map((op) => buildFixtures("live", fixturesNeeded(op))),
    ]);
    stranger = other ?? (await buildFixtures("live", new Set()));
    routes.forEach((op, i) => {
      const owner = built[i];
      if (owner) owners.set(op, owner);
    });
  });

  it("finds the routes in the route table", ({ expect }) => {
    expect(routes.map(label)).toEqual(
      expect.arrayContaining([
        "GET /v1/autodoc/invitations/{token}",
        "POST /v1/autodoc/invitations/{token}/resend",
        "GET /api/v1/invitations/{id}",
        "DELETE /api/v1/invitations/{id}",
      ]),
    );
  });

  it.for(routes.map((op) => [label(op), op] as const))("%s", async ([name, op], { expect, skip }) => {
    const missing = op.params.filter((param) => fixtureFor(op, param) === null);
    if (missing.length > 0) {
      if (NO_FIXTURE[name]) skip(NO_FIXTURE[name]);
      expect.fail(
        `${name}: no fixture for {${missing.join("}, {")}}. Add the parameter to PATH_PARAMS in ` +
          "test/reliability/fixtures.ts (and make the object in build-fixtures.ts), or to NO_FIXTURE with a reason.",
      );
    }
    const owner = owners.get(op);
    if (!owner) throw new Error(`no owner for ${name}`);
    const marks = [
      owner.ids.invitation,
      owner.ids.vortexInvitation,
      owner.ids.webhookEndpoint,
      owner.ids.workflow,
    ];
    const ownerData = [...marks, FIXTURE_RECIPIENT, AUTOJOIN_DOMAIN];
    const callers = [
      ["another organization", stranger.auth],
      ["the same organization's other mode", owner.otherMode],
    ] as const;
    const gatesBefore = await gatesOf(owner);
    for (const [who, auth] of callers) {
      const res = await request(op, owner, op.dialect === "vortex" ? auth.vortex : auth.autodoc);
      const text = res.text;
      // An error may repeat the id the caller sent; anything else of the owner's is a leak.
      const leaks = ownerData.filter((data) => !res.sent.includes(data) && text.includes(data));
      expect(leaks, `${who} sees the owner's data: ${text.slice(0, 300)}`).toEqual([]);
      const allowed = NAMED_BY_LABEL.test(op.path) ? [200, 401, 404] : [401, 404];
      expect(allowed, `${who}: HTTP ${res.status} ${text.slice(0, 200)}`).toContain(res.status);
      // Nothing written: no D1 row (D1's own count, over every statement of the request and its waitUntil
      // work), no queue message (so no consumer writes later on its behalf).
      expect(res.writes, `${who} wrote`).toEqual({ rowsWritten: 0, queued: [] });
    }
    expect(await gatesOf(owner), "the owner's SendGates after the strangers' requests").toEqual(gatesBefore);
    // The owner reaches the same object through the same request: the refusals above are about the caller.
    const own = await request(op, owner, owner.auth[op.dialect === "vortex" ? "vortex" : "autodoc"]);
    const ownText = own.text;
    expect([401, 404], `the owner: HTTP ${own.status} ${ownText.slice(0, 200)}`).not.toContain(own.status);
    if (NAMED_BY_LABEL.test(op.path) && op.method === "GET") {
      expect(
        ownerData.some((data) => ownText.includes(data)),
        `the owner sees its scope: ${ownText}`,
      ).toBe(true);
    }
  });
});
