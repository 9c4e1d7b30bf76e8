import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent, listOf, SECURITY_ADMIN } from "../../http/openapi";
import { webUrlSchema } from "../../http/web-url-schema";
import { SlugParams } from "./organizations.routes";

const tags = ["Operator"];
const security = SECURITY_ADMIN;

const WidgetConfigurationSchema = z
  .object({
    id: z.string().openapi({ example: "550e8400-e29b-41d4-a716-446655440000" }),
    object: z.literal("widget_configuration"),
    name: z.string().openapi({ example: "Team invites" }),
    landingUrl: z.string().openapi({ example: "https://app.example.com/join" }),
    invitationType: z.enum(["single_use", "multi_use"]),
    emailSubject: z.string().nullable(),
    emailTemplate: z.string().nullable(),
    unfurlDefaults: z.record(z.string(), z.string()).nullable(),
    createdAt: z.string(),
  })
  .openapi("WidgetConfiguration");

const CreateWidgetConfigurationBody = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    landingUrl: webUrlSchema("http or https").openapi({ example: "https://app.example.com/join" }),
    invitationType: z.enum(["single_use", "multi_use"]).default("single_use"),
    emailSubject: z
      .string()
      .max(300)
      .optional()
      .openapi({ example: "{{inviterName}} invited you to {{teamName}}" }),
    emailTemplate: z
      .string()
      .max(20_000)
      .optional()
      .openapi({
        example: "Join {{teamName}} at {{companyName}}: {{link}}",
        description:
          "Plain text with {{variables}} (the invitation's templateVariables, inviterName, organizationName, link). " +
          "A blank line starts a paragraph, a line break stays one; markup is shown as text, never interpreted. " +
          "The e-mail adds an Accept button to the short link.",
      }),
    unfurlDefaults: z
      .object({
        title: z.string().max(300).optional(),
        description: z.string().max(1000).optional(),
        image: webUrlSchema("https").optional(),
        type: z.string().max(40).optional(),
        siteName: z.string().max(200).optional(),
      })
      .optional(),
  })
  .openapi("CreateWidgetConfiguration");

export const createWidgetConfiguration = createRoute({
  method: "post",
  path: "/organizations/{slug}/widget-configurations",
  tags,
  security,
  summary: "Create a widget configuration (what Vortex invitations name)",
  request: { params: SlugParams, body: jsonBody(CreateWidgetConfigurationBody, "The configuration") },
  responses: {
    201: jsonContent(WidgetConfigurationSchema, "The configuration"),
    ...errorResponses(400, 401, 404),
  },
});

export const listWidgetConfigurations = createRoute({
  method: "get",
  path: "/organizations/{slug}/widget-configurations",
  tags,
  security,
  summary: "List widget configurations",
  request: { params: SlugParams },
  responses: {
    200: jsonContent(listOf(WidgetConfigurationSchema), "Configurations"),
    ...errorResponses(401, 404),
  },
});
