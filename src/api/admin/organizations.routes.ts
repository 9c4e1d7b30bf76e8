import { createRoute, z } from "@hono/zod-openapi";
import { localeTag } from "../../http/locale-param";
import { errorResponses, jsonBody, jsonContent, SECURITY_ADMIN } from "../../http/openapi";

export const OrganizationSchema = z
  .object({
    id: z.string().openapi({ example: "org_4fKq2mXw9RtYb7Lp3NvZs8Ja" }),
    object: z.literal("organization"),
    slug: z.string().openapi({ example: "acme" }),
    name: z.string().openapi({ example: "Acme Corp" }),
    defaultLocale: z.string().openapi({ example: "en" }),
    replyTo: z.string().nullable().openapi({ example: "support@acme.example" }),
    creationRateLimit: z
      .number()
      .int()
      .openapi({ example: 300, description: "Invitations created per minute and mode." }),
    createdAt: z.string().openapi({ example: "2026-11-22T10:00:00.000Z" }),
  })
  .openapi("Organization");

const CreateOrganizationBody = z
  .strictObject({
    slug: z
      .string()
      .min(2)
      .max(63)
      .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "must be lowercase letters, digits and inner hyphens")
      .openapi({ example: "acme", description: "Also the e-mail sender: `<slug>@auto-doc.ai`." }),
    name: z.string().trim().min(1).max(120).openapi({ example: "Acme Corp" }),
    defaultLocale: localeTag("One of the supported locales.", "en").optional(),
    replyTo: z.email().max(254).optional().openapi({ example: "support@acme.example" }),
  })
  .openapi("CreateOrganization");

const UpdateOrganizationBody = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    defaultLocale: localeTag("One of the supported locales.", "en").optional(),
    replyTo: z.email().max(254).nullable().optional(),
    creationRateLimit: z.number().int().min(1).max(100_000).optional().openapi({ example: 600 }),
  })
  .openapi("UpdateOrganization");

export const SlugParams = z.object({
  slug: z.string().openapi({ param: { name: "slug", in: "path" }, example: "acme" }),
});

export const createOrganization = createRoute({
  method: "post",
  path: "/organizations",
  tags: ["Operator"],
  summary: "Create an organization",
  security: SECURITY_ADMIN,
  request: { body: jsonBody(CreateOrganizationBody, "The new organization") },
  responses: {
    201: jsonContent(OrganizationSchema, "The organization"),
    ...errorResponses(400, 401, 409),
  },
});

export const getOrganization = createRoute({
  method: "get",
  path: "/organizations/{slug}",
  tags: ["Operator"],
  summary: "Retrieve an organization",
  security: SECURITY_ADMIN,
  request: { params: SlugParams },
  responses: {
    200: jsonContent(OrganizationSchema, "The organization"),
    ...errorResponses(401, 404),
  },
});

export const updateOrganization = createRoute({
  method: "patch",
  path: "/organizations/{slug}",
  tags: ["Operator"],
  summary: "Update an organization (name, default locale, reply-to, creation rate limit)",
  security: SECURITY_ADMIN,
  request: { params: SlugParams, body: jsonBody(UpdateOrganizationBody, "The fields to change") },
  responses: {
    200: jsonContent(OrganizationSchema, "The organization"),
    ...errorResponses(400, 401, 404),
  },
});
