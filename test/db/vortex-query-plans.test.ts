import { describe, it } from "vitest";
import { findInvitation, markPendingAgain } from "../../src/db/invitations-repo";
import { runPlan } from "../../src/db/plan";
import * as shortLinks from "../../src/db/short-links-repo";
import * as accept from "../../src/db/vortex-accept-repo";
import * as deactivate from "../../src/db/vortex-deactivate-repo";
import * as vortexInvitations from "../../src/db/vortex-invitations-repo";
import * as vortexKeys from "../../src/db/vortex-keys-repo";
import * as scopes from "../../src/db/vortex-scope-repo";
import * as widgets from "../../src/db/widget-configurations-repo";
import { capturingDb, fullScans } from "../helpers/query-plans";
import { createVortexInvitation, createVortexTenant, vortex } from "../helpers/vortex";

/** Runs every Vortex repository function against real D1, inserts included (INSERT … SELECT has a plan too). */
async function captureVortexQueries() {
  const tenant = await createVortexTenant();
  const id = await createVortexInvitation(tenant.vortexTest, tenant.widgetId, {
    type: "internal",
    value: "plan",
  });
  const row = (await vortex(tenant.vortexTest, "GET", `/invitations/${id}`)).body;
  const { db, captured } = capturingDb();
  const scope = { organizationId: String(row.accountId), livemode: false };
  const now = new Date();
  const invitation = await findInvitation(db, scope, "vortex", id);
  if (!invitation) throw new Error("the invitation made for the plans is missing");
  const { id: _internalId, ...copy } = invitation;
  await runPlan(
    db,
    vortexInvitations.insertVortexInvitation(
      db,
      { ...copy, token: crypto.randomUUID(), shortCode: `plan${crypto.randomUUID().slice(0, 8)}` },
      tenant.widgetId,
      [
        {
          id: crypto.randomUUID(),
          ...scope,
          groupType: "team",
          groupId: "team-plan",
          name: "Plan",
          createdAt: now,
        },
      ],
    ),
  );
  await vortexInvitations.findVortexInvitations(db, scope, [id, "missing"]);
  await vortexInvitations.listOpenByTarget(db, scope, "plan", now, 100);
  await vortexInvitations.loadRelations(db, [id]);
  const resend = { from: ["sent" as const], previousAttempts: 0, attempt: 1 };
  await runPlan(db, markPendingAgain(db, scope, "vortex", "missing", resend, now));
  await accept.findPendingInternal(
    db,
    scope,
    { creatorId: "user-12345", targetValue: "plan", componentId: tenant.widgetId },
    now,
  );
  await runPlan(
    db,
    accept.acceptInvitations(db, scope, [invitation], { type: "email", value: "p@example.com" }, now),
  );
  await runPlan(db, deactivate.deactivateInvitations(db, scope, { tokens: [id, "missing"] }, now, "revoked"));
  const scopeOfIt = { groupType: "team", groupId: "team-abc123" };
  await runPlan(db, deactivate.deactivateInvitations(db, scope, scopeOfIt, now, "scope_deleted"));
  await scopes.listByScope(db, scope, "team", "team-abc123", 500);
  await scopes.findAutojoin(db, scope, "team", "team-abc123");
  await scopes.syncAutojoinDomains(db, scope, id, ["acme.com"], { plan: true }, now);
  await scopes.syncAutojoinDomains(db, scope, id, [], undefined, now);
  await scopes.listAutojoinForDomain(db, scope, "acme.com", now, 20);
  await scopes.autojoinTokensAdmitting(db, [id, "other"], "acme.com");
  await shortLinks.findShortLinkTarget(db, "planCode0000");
  await vortexKeys.findActiveVortexKey(db, "00000000-0000-4000-8000-000000000000");
  await vortexKeys.revokeVortexKey(db, scope.organizationId, "00000000-0000-4000-8000-000000000000", now);
  const [newestKey] =
    (await vortexKeys.listVortexKeys(db, scope.organizationId, { limit: 1 }))?.records ?? [];
  const startingAfter = newestKey?.id ?? "missing";
  await vortexKeys.listVortexKeys(db, scope.organizationId, { limit: 20, startingAfter });
  await widgets.listWidgetConfigurations(db, scope.organizationId);
  await widgets.findWidgetConfiguration(db, scope.organizationId, tenant.widgetId);
  return captured;
}

describe("query plans of the Vortex repositories", () => {
  it("serves every statement from an index, never a full table scan", async ({ expect }) => {
    const queries = await captureVortexQueries();
    expect(queries.length).toBeGreaterThan(20);
    for (const { query, plan, scans } of await fullScans(queries)) {
      expect(scans, `${query}\n${plan.join("\n")}`).toEqual([]);
    }
  });
});
