import { randomBytes } from "node:crypto";

export interface Tenant {
  slug: string;
  liveKey: string;
  testKey: string;
  workflowToken: string;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** One JSON request to the Worker over real HTTP; `token` goes in `Authorization: Bearer`. */
export async function api<T = unknown>(
  apiBase: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`${apiBase}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

async function expectStatus<T>(expected: number, what: string, pending: Promise<ApiResponse<T>>): Promise<T> {
  const res = await pending;
  if (res.status !== expected) {
    throw new Error(`${what}: expected HTTP ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/**
 * A fresh organization (unique slug, so tests never share one) with a live and a test key, and the workflow
 * `wf_onboarding` in both modes, made through the operator API and the AutoDoc API.
 */
export async function createTenant(apiBase: string, adminToken: string): Promise<Tenant> {
  const slug = `node-${randomBytes(5).toString("hex")}`;
  const workflowToken = "wf_onboarding";

  await expectStatus(
    201,
    "POST /admin/organizations",
    api(apiBase, "POST", "/admin/organizations", adminToken, {
      slug,
      name: `Node tier ${slug}`,
      replyTo: `support@${slug}.example`,
    }),
  );
  const createKey = (mode: "live" | "test") =>
    expectStatus<{ key: string }>(
      201,
      `POST /admin/organizations/${slug}/keys (${mode})`,
      api(apiBase, "POST", `/admin/organizations/${slug}/keys`, adminToken, { mode }),
    );
  const { key: liveKey } = await createKey("live");
  const { key: testKey } = await createKey("test");

  for (const key of [liveKey, testKey]) {
    await expectStatus(
      201,
      "POST /v1/autodoc/workflows",
      api(apiBase, "POST", "/v1/autodoc/workflows", key, {
        name: "Customer onboarding",
        token: workflowToken,
      }),
    );
  }
  return { slug, liveKey, testKey, workflowToken };
}
