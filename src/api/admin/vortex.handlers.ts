import type { RouteHandler } from "@hono/zod-openapi";
import * as configs from "../../db/widget-configurations-repo";
import type { AppEnv } from "../../env";
import { requireOrganization } from "./require-organization";
import type * as routes from "./vortex.routes";

function configurationView(row: configs.WidgetConfigurationRow) {
  return {
    id: row.id,
    object: "widget_configuration" as const,
    name: row.name,
    landingUrl: row.landingUrl,
    invitationType: row.invitationType,
    emailSubject: row.emailSubject,
    emailTemplate: row.emailTemplate,
    unfurlDefaults: row.unfurlDefaults,
    createdAt: row.createdAt.toISOString(),
  };
}

export const createConfiguration: RouteHandler<typeof routes.createWidgetConfiguration, AppEnv> = async (
  c,
) => {
  const { slug } = c.req.valid("param");
  const body = c.req.valid("json");
  const organization = await requireOrganization(c.var.db, slug);
  const row = await configs.insertWidgetConfiguration(c.var.db, {
    id: crypto.randomUUID(),
    organizationId: organization.id,
    name: body.name,
    landingUrl: body.landingUrl,
    invitationType: body.invitationType,
    emailSubject: body.emailSubject ?? null,
    emailTemplate: body.emailTemplate ?? null,
    unfurlDefaults: body.unfurlDefaults ?? null,
    createdAt: new Date(),
  });
  return c.json(configurationView(row), 201);
};

export const listConfigurations: RouteHandler<typeof routes.listWidgetConfigurations, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  const organization = await requireOrganization(c.var.db, slug);
  const rows = await configs.listWidgetConfigurations(c.var.db, organization.id);
  return c.json({ object: "list" as const, data: rows.map(configurationView) }, 200);
};
