import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import {
  type AudienceFacts,
  audienceOf,
  VORTEX_AUDIENCE,
  VORTEX_WEBHOOK_EVENT_TYPES,
} from "../../../src/core/webhook-audience";
import { createDb } from "../../../src/db/client";
import { runPlan } from "../../../src/db/plan";
import { recordEvents } from "../../../src/db/timeline";
import { WEBHOOK_EVENT_TYPES } from "../../../src/webhooks/customer/event-types";
import { admin, createInvitation } from "../../helpers/api";
import { withoutItsMessage } from "../../helpers/invitations";
import { seedTenant } from "../../helpers/seed-tenant";
import { testModeEndpoint } from "../../helpers/webhook-events";

/** Every stored webhook type either dialect knows, and one neither has. */
const STORED = [...new Set([...WEBHOOK_EVENT_TYPES, ...Object.keys(VORTEX_AUDIENCE), "invitation.unknown"])];

const FACTS: AudienceFacts[] = (["autodoc", "vortex"] as const).flatMap((dialect) =>
  (["email", "sms"] as const).flatMap((channel) =>
    [false, true].map((deactivated) => ({ dialect, channel, deactivated })),
  ),
);

describe("the audience rule, in TypeScript and in the SQL that records an event", () => {
  it("gives every stored type, on every kind of invitation, the same type and the same endpoints", async ({
    expect,
  }) => {
    const tenant = await seedTenant();
    const standard = await testModeEndpoint(tenant, "audience-standard");
    const vortex = await admin("POST", `/organizations/${tenant.slug}/vortex-webhooks`, {
      url: "https://customer.example/audience-vortex",
      mode: "test",
      events: [...VORTEX_WEBHOOK_EVENT_TYPES],
    });
    expect(vortex.status).toBe(201);
    const endpointOf = { standard: standard.id, vortex: String(vortex.body.id) };
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "audience@example.com",
      }),
    );
    const db = createDb(env.DB);
    let compared = 0;
    for (const facts of FACTS) {
      // The row takes on each kind in turn: the insert reads only these columns of it.
      await env.DB.prepare("UPDATE invitations SET dialect = ?, channel = ?, deactivated = ? WHERE token = ?")
        .bind(facts.dialect, facts.channel, facts.deactivated ? 1 : 0, invitation.token)
        .run();
      for (const stored of STORED) {
        const at = new Date();
        const { events } = await runPlan(
          db,
          recordEvents(db, [{ token: invitation.token, type: "audience.check", at, webhookType: stored }]),
        );
        const audience = audienceOf(stored, facts);
        const subscribed =
          audience &&
          (audience.format === "standard"
            ? (WEBHOOK_EVENT_TYPES as readonly string[])
            : (VORTEX_WEBHOOK_EVENT_TYPES as readonly string[])
          ).includes(audience.type);
        const expected = {
          type: audience?.type ?? null,
          endpoints: audience && subscribed ? [endpointOf[audience.format]] : [],
        };
        expect(
          events.map((event) => event.fanout),
          `${stored} on ${JSON.stringify(facts)}`,
        ).toEqual([expected]);
        compared += 1;
      }
    }
    expect(compared).toBe(FACTS.length * STORED.length);
  });
});
