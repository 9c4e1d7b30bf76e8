import { privateKeyAuth } from "../../http/auth";
import { createRouter } from "../../http/create-router";
import { resendClientIpLimit } from "../../http/rate-limit";
import * as events from "./events.handlers";
import * as eventRoutes from "./events.routes";
import * as invitations from "./invitations.handlers";
import * as invitationRoutes from "./invitations.routes";
import * as outbox from "./outbox.handlers";
import * as outboxRoutes from "./outbox.routes";
import * as requests from "./requests.handlers";
import * as requestRoutes from "./requests.routes";
import * as resend from "./resend.handlers";
import * as usage from "./usage.handlers";
import * as usageRoutes from "./usage.routes";
import * as webhookEndpoints from "./webhook-endpoints.handlers";
import * as webhookEndpointRoutes from "./webhook-endpoints.routes";
import * as workflows from "./workflows.handlers";
import * as workflowRoutes from "./workflows.routes";

/** The AutoDoc API, mounted at /v1/autodoc. */
export function autodocRouter() {
  const router = createRouter();
  router.use("*", privateKeyAuth());
  router.use("/invitations/:token/resend", resendClientIpLimit());
  return (
    router
      .openapi(workflowRoutes.createWorkflow, workflows.create)
      .openapi(workflowRoutes.listWorkflows, workflows.list)
      .openapi(workflowRoutes.getWorkflow, workflows.get)
      .openapi(workflowRoutes.archiveWorkflow, workflows.archive)
      .openapi(invitationRoutes.createInvitation, invitations.create)
      .openapi(invitationRoutes.listInvitations, invitations.list)
      // Before /invitations/{token}, which would otherwise take "locales" for a token.
      .openapi(invitationRoutes.listLocales, invitations.locales)
      .openapi(invitationRoutes.getInvitation, invitations.get)
      .openapi(invitationRoutes.resendInvitation, resend.resend)
      .openapi(outboxRoutes.listOutbox, outbox.list)
      .openapi(usageRoutes.getUsage, usage.get)
      .openapi(eventRoutes.recordVisitorEvent, events.record)
      .openapi(eventRoutes.listTimeline, events.timeline)
      .openapi(webhookEndpointRoutes.createWebhookEndpoint, webhookEndpoints.create)
      .openapi(webhookEndpointRoutes.listWebhookEndpoints, webhookEndpoints.list)
      .openapi(webhookEndpointRoutes.deleteWebhookEndpoint, webhookEndpoints.remove)
      .openapi(requestRoutes.listRequests, requests.list)
  );
}
