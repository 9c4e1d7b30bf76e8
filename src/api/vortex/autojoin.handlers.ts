import type { RouteHandler } from "@hono/zod-openapi";
import type { Scope } from "../../core/scope";
import { randomBase62 } from "../../core/tokens";
import type { Database } from "../../db/client";
import { findVortexInvitation, insertVortexInvitation } from "../../db/vortex-invitations-repo";
import { type AutojoinDomainRow, findAutojoin, syncAutojoinDomains } from "../../db/vortex-scope-repo";
import { renderInvitation } from "../../dialects/vortex/render";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { takeCreationBudget } from "../../http/rate-limit";
import type * as routes from "./scope.routes";

/** An autojoin invitation is a standing offer, not a message: it lasts until its domains are emptied. */
const AUTOJOIN_LIFETIME_MS = 10 * 365 * 24 * 60 * 60 * 1000;
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** Lower-cased, without a leading `@`, deduplicated; anything that is not a host name is refused. */
function normalizeDomains(domains: string[]): string[] {
  const normalized = domains.map((domain) => domain.trim().toLowerCase().replace(/^@/, ""));
  const invalid = normalized.find((domain) => !DOMAIN.test(domain));
  if (invalid !== undefined) {
    throw new ApiError("validation_error", `domains: "${invalid}" is not a domain name (e.g. acme.com).`);
  }
  return [...new Set(normalized)];
}

/** Java and Ruby clients encode the autojoin path form-style, so a space arrives as `+`. */
const formDecoded = (segment: string) => segment.replaceAll("+", " ");

function answer(domains: AutojoinDomainRow[], invitation: Record<string, unknown> | null) {
  return { autojoinDomains: domains.map((d) => ({ id: d.id, domain: d.domain })), invitation };
}

async function createAutojoinInvitation(
  db: Database,
  scope: Scope,
  body: { scope: string; scopeType: string; scopeName?: string | undefined; metadata?: unknown },
  widgetId: string,
  now: Date,
) {
  const token = crypto.randomUUID();
  const shortCode = randomBase62(12);
  const created = await insertVortexInvitation(
    db,
    {
      token,
      organizationId: scope.organizationId,
      livemode: scope.livemode,
      workflowToken: widgetId,
      channel: "email",
      // Nobody in particular is invited: the target is the share link itself.
      recipient: shortCode,
      locale: "en",
      metadata: {},
      status: "pending",
      dialect: "vortex",
      deliveredBy: "customer",
      invitationType: "autojoin",
      shortCode,
      vortex: {
        widgetConfigurationId: widgetId,
        target: { type: "share" },
        inviter: {},
        metadata: body.metadata ?? {},
      },
      deliveryDueAt: now,
      expiresAt: new Date(now.getTime() + AUTOJOIN_LIFETIME_MS),
      createdAt: now,
      updatedAt: now,
    },
    widgetId,
    [
      {
        id: crypto.randomUUID(),
        organizationId: scope.organizationId,
        livemode: scope.livemode,
        groupType: body.scopeType,
        groupId: body.scope,
        name: body.scopeName ?? body.scope,
        createdAt: now,
      },
    ],
  );
  if (!created) throw new ApiError("not_found", `Widget configuration ${widgetId} not found.`);
  return created.invitation;
}

export const getAutojoin: RouteHandler<typeof routes.getAutojoin, AppEnv> = async (c) => {
  const params = c.req.valid("param");
  const { db, principal } = c.var;
  const found = await findAutojoin(db, principal, formDecoded(params.scopeType), formDecoded(params.scope));
  if (!found) return c.json(answer([], null), 200);
  return c.json(answer(found.domains, await renderInvitation(db, found.invitation)), 200);
};

export const configureAutojoin: RouteHandler<typeof routes.configureAutojoin, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { db, principal } = c.var;
  const domains = normalizeDomains(body.domains);
  const now = new Date();
  const found = await findAutojoin(db, principal, body.scopeType, body.scope);
  if (!found && domains.length === 0) return c.json(answer([], null), 200);
  const widgetId = body.componentId ?? body.widgetId ?? "";
  if (!found) await takeCreationBudget(c.env, principal, now.getTime());
  const invitation =
    found?.invitation ?? (await createAutojoinInvitation(db, principal, body, widgetId, now));
  const synced = await syncAutojoinDomains(db, principal, invitation.token, domains, body.metadata, now);
  const current = await findVortexInvitation(db, principal, invitation.token);
  return c.json(answer(synced, current ? await renderInvitation(db, current) : null), 200);
};
