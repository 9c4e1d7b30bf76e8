import { env, exports } from "cloudflare:workers";
import { type SeededTenant, seedTenant } from "./seed-tenant";

export const API = "https://api.auto-doc.test";
export const START = "https://start.auto-doc.test";

/** A request to the Worker's own fetch handler, JSON in and out. */
export async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let payload: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(options.body);
  } else if (payload !== undefined) {
    headers["Content-Type"] ??= "application/json";
  }
  const res = await exports.default.fetch(`${API}${path}`, { method, headers, body: payload });
  const text = await res.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: res.status, body, headers: res.headers };
}

export function admin(method: string, path: string, body?: unknown) {
  return call(method, `/admin${path}`, { token: env.ADMIN_TOKEN, body });
}

export type Tenant = SeededTenant;

/** A fresh organization with a live and a test key and one active workflow in each mode (one D1 batch). */
export async function createTenant(
  overrides: { name?: string; defaultLocale?: string; replyTo?: string } = {},
): Promise<Tenant> {
  return seedTenant(overrides);
}

export type Invitation = Record<string, unknown> & { token: string; status: string; url: string };

/** Creates an invitation through the API and returns it. */
export async function createInvitation(token: string, body: Record<string, unknown>): Promise<Invitation> {
  const res = await call("POST", "/v1/autodoc/invitations", { token, body });
  if (res.status !== 201) throw new Error(`invitation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Invitation;
}
