/// <reference path="./setup/context.d.ts" />
// Proves the Node tier's harness: the Worker answers over real HTTP on its local port, and the AutoDoc loop runs
// end to end there (API → D1 → delivery queue → consumer → outbox).
import { describe, expect, inject, it } from "vitest";
import { waitFor } from "../test/helpers/wait-for";
import { api, createTenant } from "./helpers/tenant";

const apiBase = inject("apiBase");
const adminToken = inject("adminToken");

interface Invitation {
  token: string;
  status: string;
  channel: string;
  recipient: string;
}

describe("Node tier harness", () => {
  it("serves /healthz on 127.0.0.1", async () => {
    expect(new URL(apiBase).hostname).toBe("127.0.0.1");
    const res = await api(apiBase, "GET", "/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it("serves an OpenAPI 3.1 document", async () => {
    type Doc = { openapi: string; paths: Record<string, unknown> };
    const res = await api<Doc>(apiBase, "GET", "/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(res.body.paths)).toContain("/v1/autodoc/invitations");
  });

  it("refuses the operator API without this run's admin token", async () => {
    expect((await api(apiBase, "GET", "/admin/organizations/nope", "wrong-token")).status).toBe(401);
  });

  it("creates an invitation, delivers it through the queue and keeps it in the outbox", async () => {
    const tenant = await createTenant(apiBase, adminToken);
    const recipient = `jane+${tenant.slug}@example.com`;

    const created = await api<Invitation>(apiBase, "POST", "/v1/autodoc/invitations", tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { token } = created.body;
    expect(token).toMatch(/^adi_/);

    // The local queue consumer picks the delivery up within its batch window (max_batch_timeout = 1 s).
    const read = () => api<Invitation>(apiBase, "GET", `/v1/autodoc/invitations/${token}`, tenant.testKey);
    const sent = await waitFor(
      "the invitation sent",
      async () => {
        const res = await read();
        expect(res.status).toBe(200);
        return res.body.status === "pending" ? undefined : res.body;
      },
      20_000,
    );
    expect(sent.status).toBe("sent");

    const outbox = await api<{ data: Array<{ invitation: string; channel: string; to: string }> }>(
      apiBase,
      "GET",
      `/v1/autodoc/outbox?invitation=${token}`,
      tenant.testKey,
    );
    expect(outbox.status).toBe(200);
    expect(outbox.body.data).toHaveLength(1);
    expect(outbox.body.data[0]).toMatchObject({ invitation: token, channel: "email", to: recipient });
  });
});
