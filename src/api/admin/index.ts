import { adminAuth } from "../../http/auth";
import { createRouter } from "../../http/create-router";
import * as keys from "./keys.handlers";
import * as keyRoutes from "./keys.routes";
import * as organizations from "./organizations.handlers";
import * as organizationRoutes from "./organizations.routes";
import * as requests from "./requests.handlers";
import * as requestRoutes from "./requests.routes";
import * as vortex from "./vortex.handlers";
import * as vortexRoutes from "./vortex.routes";
import * as vortexKeys from "./vortex-keys.handlers";
import * as vortexKeyRoutes from "./vortex-keys.routes";
import * as vortexWebhooks from "./vortex-webhooks.handlers";
import * as vortexWebhookRoutes from "./vortex-webhooks.routes";

/** The operator API, mounted at /admin. */
export function adminRouter() {
  const router = createRouter();
  router.use("*", adminAuth());
  return router
    .openapi(organizationRoutes.createOrganization, organizations.create)
    .openapi(organizationRoutes.getOrganization, organizations.get)
    .openapi(organizationRoutes.updateOrganization, organizations.update)
    .openapi(keyRoutes.createKey, keys.create)
    .openapi(keyRoutes.listKeys, keys.list)
    .openapi(keyRoutes.revokeKey, keys.revoke)
    .openapi(vortexKeyRoutes.createVortexKey, vortexKeys.create)
    .openapi(vortexKeyRoutes.listVortexKeys, vortexKeys.list)
    .openapi(vortexKeyRoutes.revokeVortexKey, vortexKeys.revoke)
    .openapi(vortexRoutes.createWidgetConfiguration, vortex.createConfiguration)
    .openapi(vortexRoutes.listWidgetConfigurations, vortex.listConfigurations)
    .openapi(vortexWebhookRoutes.createVortexWebhook, vortexWebhooks.create)
    .openapi(vortexWebhookRoutes.listVortexWebhooks, vortexWebhooks.list)
    .openapi(vortexWebhookRoutes.deleteVortexWebhooks, vortexWebhooks.removeAll)
    .openapi(vortexWebhookRoutes.deleteVortexWebhook, vortexWebhooks.remove)
    .openapi(requestRoutes.listOrganizationRequests, requests.listOrganization)
    .openapi(requestRoutes.listOperatorRequests, requests.listOperator)
    .openapi(requestRoutes.countUnauthenticatedRequests, requests.countUnauthenticated);
}
