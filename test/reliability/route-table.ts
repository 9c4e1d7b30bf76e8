import { exports } from "cloudflare:workers";
import { apiApp } from "../../src/app";
import type { JsonSchema } from "./json-schema";

/** The three APIs of the API host, told apart by their prefix; each has its own credentials and error shape. */
export type Dialect = "autodoc" | "admin" | "vortex";

export interface Operation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI style, `/v1/autodoc/invitations/{token}/resend`. */
  path: string;
  dialect: Dialect;
  /** Path parameters, in the order they appear. */
  params: string[];
  /** The JSON request body's schema, `$ref`s unresolved; null when the route takes no body. */
  body: JsonSchema | null;
  /** False for a route the app serves that the OpenAPI document does not describe. */
  documented: boolean;
}

export interface RouteTable {
  operations: Operation[];
  schemas: Record<string, JsonSchema>;
}

const PREFIXES: [string, Dialect][] = [
  ["/v1/autodoc/", "autodoc"],
  ["/admin/", "admin"],
  ["/api/v1/", "vortex"],
];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const WRITE_METHODS: Operation["method"][] = ["POST", "PUT", "PATCH", "DELETE"];

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

function dialectOf(path: string): Dialect | null {
  return PREFIXES.find(([prefix]) => path.startsWith(prefix))?.[1] ?? null;
}

function methodOf(name: string): Operation["method"] | null {
  return METHODS.find((m) => m === name.toUpperCase()) ?? null;
}

function paramsOf(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
}

/**
 * Every route of the three APIs: the served `/openapi.json` (with its request schemas) joined with the app's
 * own route table, so that a route registered without a contract is still found (and fuzzed without one).
 */
export async function loadRouteTable(): Promise<RouteTable> {
  const res = await exports.default.fetch("https://api.auto-doc.test/openapi.json");
  const doc = (await res.json()) as OpenApiDocument;
  const operations: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    const dialect = dialectOf(path);
    for (const [name, op] of Object.entries(ops)) {
      const method = methodOf(name);
      if (!dialect || !method) continue;
      const body = op.requestBody?.content?.["application/json"]?.schema ?? null;
      operations.push({ method, path, dialect, params: paramsOf(path), body, documented: true });
    }
  }
  const known = new Set(operations.map((op) => `${op.method} ${op.path}`));
  for (const route of apiApp().routes) {
    const method = methodOf(route.method);
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const dialect = dialectOf(path);
    if (!method || !dialect || path.includes("*") || known.has(`${method} ${path}`)) continue;
    known.add(`${method} ${path}`);
    operations.push({ method, path, dialect, params: paramsOf(path), body: null, documented: false });
  }
  return { operations, schemas: doc.components?.schemas ?? {} };
}

export function writeOperations(table: RouteTable, dialect: Dialect): Operation[] {
  return table.operations.filter((op) => op.dialect === dialect && WRITE_METHODS.includes(op.method));
}

export const label = (op: Operation) => `${op.method} ${op.path}`;
