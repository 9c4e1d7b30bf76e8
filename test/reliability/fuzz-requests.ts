import fc from "fast-check";
import { bodyKinds } from "./body-mutations";
import { type BoundaryDraft, boundaryBodies } from "./boundary-cases";
import type { Json, JsonSchema } from "./json-schema";
import type { Operation } from "./route-table";

export interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The one answer a boundary request may get (past a bound); any answer but a 5xx when absent. */
  expectStatus?: number;
}

export interface RequestContext {
  schemas: Record<string, JsonSchema>;
  /** Body fields that must name existing objects, by property name. */
  known: Record<string, Json>;
  /** The i-th valid item of a list field, by property name, for lists at their longest (distinct domains…). */
  knownItems: Record<string, (index: number) => Json>;
  /** A valid value (an existing object) for each path parameter. */
  pathValues: Record<string, string>;
  /** Headers that authenticate the caller. */
  auth: Record<string, string>;
  /** Ids of another organization's objects: a wrong-tenant id is a bad id too. */
  foreignIds: string[];
}

/** A request under construction: only what its kind changes; `auth` replaces the caller's credentials. */
export type Draft = Partial<FuzzRequest> & { auth?: Record<string, string> };
export type Weighted = { arbitrary: fc.Arbitrary<Draft>; weight: number };

const MALFORMED = [
  "{",
  "[",
  "",
  "nul",
  '{"a":}',
  "{'a': 1}",
  "\uFEFF{}",
  "{}}",
  "[1,]",
  "NaN",
  '{"a":"\\x"}',
];
const BAD_IDS = [
  "..",
  ".",
  "%",
  "null",
  "undefined",
  "0",
  "-1",
  " ",
  "adi_AAAAAAAAAAAAAAAAAAAAAAAA",
  "\u0000",
];
const BAD_AUTH: Record<string, string>[] = [
  {},
  { Authorization: "Bearer " },
  { Authorization: "Bearer sk_live_000000000000000000000000" },
  { Authorization: "Basic Zm9vOmJhcg==" },
  { "x-api-key": "VRTX.AAAAAAAAAAAAAAAAAAAAAA.nope" },
  { "x-api-key": "VRTX..", Authorization: "Bearer VRTX.AAAAAAAAAAAAAAAAAAAAAA.nope" },
];

let clients = 0;

/** A new client address per request: the per-IP limits (30 resends a minute) would otherwise answer most. */
function nextClientIp(): string {
  clients += 1;
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
}

function pathWith(op: Operation, values: Record<string, string>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? "x"));
}

function anyBodyKinds(): Weighted[] {
  const arbitraryJson = fc
    .jsonValue({ maxDepth: 3 })
    .map((v) => ({ kind: "arbitrary-json", body: JSON.stringify(v) }));
  const malformed = fc
    .oneof(fc.constantFrom(...MALFORMED), fc.string({ unit: "binary", maxLength: 30 }))
    .map((body) => ({ kind: "malformed-json", body }));
  const noBody = fc.constant({ kind: "no-body" });
  return [
    { arbitrary: arbitraryJson, weight: 2 },
    { arbitrary: malformed, weight: 2 },
    { arbitrary: noBody, weight: 1 },
  ];
}

function pathKinds(op: Operation, ctx: RequestContext): Weighted[] {
  if (op.params.length === 0) return [];
  const badId = fc.oneof(
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.constantFrom(...BAD_IDS, ...ctx.foreignIds),
    fc.nat({ max: 3000 }).map((n) => "a".repeat(n + 300)),
  );
  const bad = fc
    .tuple(fc.constantFrom(...op.params), badId)
    .map(([param, id]) => ({ kind: "bad-path-id", path: pathWith(op, { ...ctx.pathValues, [param]: id }) }));
  return [{ arbitrary: bad, weight: 3 }];
}

/** A draft made a request: the caller's credentials and a fresh client address unless the draft says otherwise. */
function finish(op: Operation, ctx: RequestContext, request: Draft & { expectStatus?: number }): FuzzRequest {
  const headers = {
    "Content-Type": "application/json",
    "CF-Connecting-IP": nextClientIp(),
    ...(request.auth ?? ctx.auth),
    ...request.headers,
  };
  return {
    kind: request.kind ?? "base",
    method: op.method,
    path: request.path ?? pathWith(op, ctx.pathValues),
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.expectStatus === undefined ? {} : { expectStatus: request.expectStatus }),
  };
}

/** Every boundary request of one endpoint (each bound at its value and one past it), in a fixed order. */
export function boundaryRequests(op: Operation, ctx: RequestContext): FuzzRequest[] {
  return boundaryBodies(op, ctx).map((draft) => finish(op, ctx, draft));
}

/** Requests to one endpoint: mostly almost-valid ones, each wrong in one way, some at the schema's bounds. */
export function requestArbitrary(op: Operation, ctx: RequestContext): fc.Arbitrary<FuzzRequest> {
  const badAuth: Weighted = {
    arbitrary: fc.constantFrom(...BAD_AUTH).map((auth): Draft => ({ kind: "bad-auth", auth })),
    weight: 1,
  };
  const bounds = boundaryBodies(op, ctx);
  const boundary: Weighted[] = bounds.length
    ? [{ arbitrary: fc.constantFrom<BoundaryDraft>(...bounds), weight: 2 }]
    : [];
  const kinds = [...bodyKinds(op, ctx), ...anyBodyKinds(), ...pathKinds(op, ctx), ...boundary, badAuth];
  return fc.oneof(...kinds).map((request) => finish(op, ctx, request));
}
