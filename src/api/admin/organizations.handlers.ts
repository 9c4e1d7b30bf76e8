import type { RouteHandler } from "@hono/zod-openapi";
import { DEFAULT_LOCALE } from "../../core/locales";
import { newToken } from "../../core/tokens";
import {
  findOrganizationBySlug,
  insertOrganization,
  type OrganizationRow,
  updateOrganizationBySlug,
} from "../../db/organizations-repo";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { requireLocale } from "../../http/locale-param";
import { forgetPrincipals } from "../../http/principal-cache";
import type { createOrganization, getOrganization, updateOrganization } from "./organizations.routes";

export function organizationView(row: OrganizationRow) {
  return {
    id: row.id,
    object: "organization" as const,
    slug: row.slug,
    name: row.name,
    defaultLocale: row.defaultLocale,
    replyTo: row.replyTo,
    creationRateLimit: row.creationRateLimit,
    createdAt: row.createdAt.toISOString(),
  };
}

export const create: RouteHandler<typeof createOrganization, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const defaultLocale = body.defaultLocale === undefined ? DEFAULT_LOCALE : requireLocale(body.defaultLocale);
  const row = await insertOrganization(c.var.db, {
    id: newToken("org"),
    slug: body.slug,
    name: body.name,
    defaultLocale,
    replyTo: body.replyTo ?? null,
    createdAt: new Date(),
  });
  if (!row) throw new ApiError("conflict", `An organization with slug "${body.slug}" already exists.`);
  return c.json(organizationView(row), 201);
};

export const get: RouteHandler<typeof getOrganization, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  const row = await findOrganizationBySlug(c.var.db, slug);
  if (!row) throw new ApiError("not_found", `No organization with slug "${slug}".`);
  return c.json(organizationView(row), 200);
};

export const update: RouteHandler<typeof updateOrganization, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  const body = c.req.valid("json");
  const changes = {
    ...body,
    ...(body.defaultLocale === undefined ? {} : { defaultLocale: requireLocale(body.defaultLocale) }),
  };
  const row = await updateOrganizationBySlug(c.var.db, slug, changes);
  // Cached principals carry the organization's settings (creation limit, locale).
  forgetPrincipals();
  if (!row) throw new ApiError("not_found", `No organization with slug "${slug}".`);
  return c.json(organizationView(row), 200);
};
