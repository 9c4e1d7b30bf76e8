import type { RouteHandler } from "@hono/zod-openapi";
import { findInvitation } from "../../db/invitations-repo";
import { type AutojoinDomainRow, findAutojoin, syncAutojoinDomains } from "../../db/vortex-scope-repo";
import type { VortexInvitation } from "../../dialects/vortex/invitation-schema";
import { valueOrVortexError } from "../../dialects/vortex/refusal-error";
import { renderInvitation } from "../../dialects/vortex/render";
import type { AppEnv } from "../../env";
import { commitContext } from "../../http/commit-context";
import { fieldError, validationError } from "../../http/errors";
import { createInvitation } from "../../invitations/create";
import { autojoinDraft } from "./invitation-draft";
import type * as routes from "./scope.routes";

const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** Lower-cased, without a leading `@`, deduplicated; anything that is not a host name is refused. */
function normalizeDomains(domains: string[]): string[] {
  const normalized = domains.map((domain) => domain.trim().toLowerCase().replace(/^@/, ""));
  const invalid = normalized.find((domain) => !DOMAIN.test(domain));
  if (invalid !== undefined) {
    throw validationError([
      fieldError("domains", `holds "${invalid}", which is not a domain name (e.g. acme.com)`),
    ]);
  }
  return [...new Set(normalized)];
}

/** Java and Ruby clients encode the autojoin path form-style, so a space arrives as `+`. */
const formDecoded = (segment: string) => segment.replaceAll("+", " ");

function answer(domains: AutojoinDomainRow[], invitation: VortexInvitation | null) {
  return { autojoinDomains: domains.map((d) => ({ id: d.id, domain: d.domain })), invitation };
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
  const invitation =
    found?.invitation ??
    valueOrVortexError(
      await createInvitation(commitContext(c), principal, autojoinDraft(body, principal, widgetId, now), now),
    );
  const synced = await syncAutojoinDomains(db, principal, invitation.token, domains, body.metadata, now);
  const current = await findInvitation(db, principal, "vortex", invitation.token);
  return c.json(answer(synced, current ? await renderInvitation(db, current) : null), 200);
};
