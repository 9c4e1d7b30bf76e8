// What each benchmarked operation sends, and what every answer to it must be: a load whose answers are not
// all of the expected kind measured something else, and the bench says so.
import type { RequestSpec, Target } from "./http.ts";
import { CHROME, SLACKBOT, WORKFLOW } from "./seed.ts";

export const OPERATION_NAMES = [
  "baseline",
  "insert-baseline",
  "start-link",
  "short-link-person",
  "short-link-bot",
  "create",
  "get",
  "list-by-reference",
  "resend-cooldown",
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

export interface Expected {
  status: number;
  /** A string every answer's body contains, e.g. the error code. */
  bodyIncludes?: string;
}

export interface Operation {
  name: OperationName;
  target: Target;
  request: RequestSpec;
  expected: Expected;
}

export interface OperationInputs {
  baselineUrl: string;
  insertBaselineUrl: string;
  apiUrl: string;
  port: number;
  testKey: string;
  /** A test-mode invitation already `opened` by a person. */
  openedToken: string;
  shortCode: string;
  /** A test-mode invitation, any status. */
  getToken: string;
  /** A reference that ≥ 21 of the organization's 10,000 invitations share. */
  listReference: string;
  /** A test-mode invitation `sent` less than 3 minutes ago. */
  resendToken: string;
}

export function operations(i: OperationInputs): Operation[] {
  const api = { url: i.apiUrl };
  const startHost = { url: i.apiUrl, host: `start.localhost:${i.port}` };
  const linkHost = { url: i.apiUrl, host: `link.localhost:${i.port}` };
  const key = { Authorization: `Bearer ${i.testKey}` };
  const invitationPath = `/v1/autodoc/invitations`;
  return [
    { name: "baseline", target: { url: i.baselineUrl }, request: get("/"), expected: { status: 302 } },
    {
      name: "insert-baseline",
      target: { url: i.insertBaselineUrl },
      request: { method: "POST", path: "/", body: { recipient: "bench-create@example.com" } },
      expected: { status: 201 },
    },
    {
      name: "start-link",
      target: startHost,
      request: get(`/${WORKFLOW}?invitation_token=${i.openedToken}`, { "User-Agent": CHROME }),
      expected: { status: 302 },
    },
    {
      name: "short-link-person",
      target: linkHost,
      request: get(`/i/${i.shortCode}`, { "User-Agent": CHROME }),
      expected: { status: 302 },
    },
    {
      name: "short-link-bot",
      target: linkHost,
      request: get(`/i/${i.shortCode}`, { "User-Agent": SLACKBOT }),
      expected: { status: 200, bodyIncludes: "og:title" },
    },
    {
      name: "create",
      target: api,
      request: {
        method: "POST",
        path: invitationPath,
        headers: key,
        body: { workflowToken: WORKFLOW, channel: "email", recipient: "bench-create@example.com" },
      },
      expected: { status: 201 },
    },
    {
      name: "get",
      target: api,
      request: get(`${invitationPath}/${i.getToken}`, key),
      expected: { status: 200 },
    },
    {
      name: "list-by-reference",
      target: api,
      request: get(`${invitationPath}?reference=${encodeURIComponent(i.listReference)}`, key),
      expected: { status: 200, bodyIncludes: '"hasMore":true' },
    },
    {
      name: "resend-cooldown",
      target: api,
      // One client address, as one integration hammering the endpoint would be.
      request: {
        method: "POST",
        path: `${invitationPath}/${i.resendToken}/resend`,
        headers: { ...key, "CF-Connecting-IP": "203.0.113.7" },
      },
      expected: { status: 429, bodyIncludes: '"cooldown_active"' },
    },
  ];
}

/** The answers the API takes for an authenticated request with no D1 work of its own: the key lookup alone. */
export function authOnly(i: Pick<OperationInputs, "apiUrl" | "testKey">): Operation["request"] {
  return get("/v1/autodoc/invitations/locales", { Authorization: `Bearer ${i.testKey}` });
}

function get(path: string, headers: Record<string, string> = {}): RequestSpec {
  return { method: "GET", path, headers };
}

export function matches(expected: Expected, status: number, body: string): boolean {
  return (
    status === expected.status &&
    (expected.bodyIncludes === undefined || body.includes(expected.bodyIncludes))
  );
}
