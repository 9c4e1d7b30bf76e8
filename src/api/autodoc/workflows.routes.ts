import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent, listOf, SECURITY_PRIVATE_KEY } from "../../http/openapi";

export const WorkflowSchema = z
  .object({
    token: z.string().openapi({ example: "wf_onboarding" }),
    object: z.literal("workflow"),
    name: z.string().openapi({ example: "Customer onboarding" }),
    archived: z.boolean(),
    createdAt: z.string().openapi({ example: "2026-11-22T10:00:00.000Z" }),
  })
  .openapi("Workflow");

const CreateWorkflowBody = z
  .strictObject({
    name: z.string().trim().min(1).max(120).openapi({ example: "Customer onboarding" }),
    token: z
      .string()
      .min(3)
      .max(64)
      .regex(
        /^[A-Za-z0-9_-]{3,64}$/,
        "must be 3 to 64 letters, digits, '_' or '-' (it appears in the recipient's link)",
      )
      .optional()
      .openapi({ example: "wf_onboarding", description: "Generated (`wf_…`) when not given." }),
  })
  .openapi("CreateWorkflow");

const TokenParams = z.object({
  token: z.string().openapi({ param: { name: "token", in: "path" }, example: "wf_onboarding" }),
});

const tags = ["Workflows"];
const security = SECURITY_PRIVATE_KEY;

export const createWorkflow = createRoute({
  method: "post",
  path: "/workflows",
  tags,
  security,
  summary: "Create a workflow that invitations can start",
  request: { body: jsonBody(CreateWorkflowBody, "The workflow") },
  responses: { 201: jsonContent(WorkflowSchema, "The workflow"), ...errorResponses(400, 401, 409) },
});

export const listWorkflows = createRoute({
  method: "get",
  path: "/workflows",
  tags,
  security,
  summary: "List workflows, newest first",
  responses: {
    200: jsonContent(listOf(WorkflowSchema), "The workflows"),
    ...errorResponses(401),
  },
});

export const getWorkflow = createRoute({
  method: "get",
  path: "/workflows/{token}",
  tags,
  security,
  summary: "Retrieve a workflow",
  request: { params: TokenParams },
  responses: { 200: jsonContent(WorkflowSchema, "The workflow"), ...errorResponses(401, 404) },
});

export const archiveWorkflow = createRoute({
  method: "post",
  path: "/workflows/{token}/archive",
  tags,
  security,
  summary: "Archive a workflow: new invitations can no longer start it",
  request: { params: TokenParams },
  responses: { 200: jsonContent(WorkflowSchema, "The archived workflow"), ...errorResponses(401, 404) },
});
