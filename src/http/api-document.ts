import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";

const DESCRIPTION = [
  "Invitations by e-mail, SMS or share link, delivered from Cloudflare's edge and followed to the moment the",
  "recipient starts. One service, three APIs:",
  "",
  "- **AutoDoc API** (`/v1/autodoc`, a private key `sk_live_…` / `sk_test_…` or a JWT): workflows, invitations,",
  "  resends, the timeline, webhook endpoints, the outbox and usage.",
  "- **Vortex API** (`/api/v1`, an `x-api-key` Vortex key): the Vortex-compatible invitations API, so that the",
  "  official Vortex clients work unchanged.",
  "- **Operator API** (`/admin`, the operator token): organizations, their keys, Vortex widgets and webhooks.",
  "",
  "Test keys and live keys are separate worlds: test invitations go to the outbox and are never billed.",
].join("\n");

const TAGS = [
  {
    name: "Invitations",
    description: "AutoDoc: create, list, retrieve and resend invitations; their timeline.",
  },
  { name: "Workflows", description: "AutoDoc: the workflows an invitation starts." },
  { name: "Webhooks", description: "AutoDoc: endpoints that receive signed invitation events." },
  {
    name: "Outbox",
    description: "AutoDoc: what test mode (and the outbox provider) kept instead of sending.",
  },
  { name: "Billing", description: "AutoDoc: billable sends of live mode." },
  {
    name: "Requests",
    description:
      "AutoDoc: your API requests of the last 30 days (both APIs, one mode per key); the page " +
      "[Recent requests](/docs/requests) shows them.",
  },
  { name: "Vortex", description: "The Vortex-compatible API, as the official Vortex clients call it." },
  {
    name: "Operator",
    description: "Organizations, keys, Vortex widget configurations and webhook endpoints.",
  },
];

/** Scalar (and ReadMe, Redocly) show tags in these groups: one per API. */
const TAG_GROUPS = [
  { name: "AutoDoc API", tags: ["Invitations", "Workflows", "Webhooks", "Outbox", "Billing", "Requests"] },
  { name: "Vortex API", tags: ["Vortex"] },
  { name: "Operator API", tags: ["Operator"] },
];

/** The tags every operation may use: an operation under any other tag is a mistake the tests catch. */
export const API_TAG_NAMES = TAGS.map((tag) => tag.name);

/** `/openapi.json`: the three APIs' security schemes, tags and description, over the routes' own contracts. */
export function serveApiDocument(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "privateKey", {
    type: "http",
    scheme: "bearer",
    description:
      "A private key, `sk_live_…` or `sk_test_…` (or a JWT): it selects the organization and the mode.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "vortexApiKey", {
    type: "apiKey",
    in: "header",
    name: "x-api-key",
    description: "A Vortex API key, `VRTX.<id>.<secret>`: it selects the organization and the mode.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "adminToken", {
    type: "http",
    scheme: "bearer",
    description: "The operator token (`ADMIN_TOKEN` secret).",
  });
  app.doc31("/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: { title: "Invitations API", version: "1.0.0", description: DESCRIPTION },
    servers: [{ url: new URL(c.req.url).origin }],
    tags: TAGS,
    "x-tagGroups": TAG_GROUPS,
  }));
}
