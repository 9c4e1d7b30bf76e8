import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { INVITATION_STATUSES } from "../core/invitation-status";

/**
 * The single source of truth for D1. `npm run db:generate` turns it into SQL under migrations/,
 * which wrangler applies locally, in tests and in production (one ledger).
 * Times are epoch milliseconds so that comparisons and indexes stay numeric.
 */

const createdAt = () => integer("created_at", { mode: "timestamp_ms" }).notNull();

export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  defaultLocale: text("default_locale").notNull(),
  replyTo: text("reply_to"),
  /** Invitations this organization may create per minute and mode (its own bucket, apart from resends). */
  creationRateLimit: integer("creation_rate_limit").notNull().default(300),
  createdAt: createdAt(),
});

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    livemode: integer("livemode", { mode: "boolean" }).notNull(),
    /** SHA-256 of the whole key, hex: the key itself is never stored. */
    secretHash: text("secret_hash").notNull().unique(),
    last4: text("last4").notNull(),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  // Serves the operator's listing, newest first with a (createdAt, id) cursor, and every by-organization read.
  (t) => [index("api_keys_organization_created_idx").on(t.organizationId, t.createdAt, t.id)],
);

export const workflows = sqliteTable(
  "workflows",
  {
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    livemode: integer("livemode", { mode: "boolean" }).notNull(),
    token: text("token").notNull(),
    name: text("name").notNull(),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.livemode, t.token] })],
);

export const invitations = sqliteTable(
  "invitations",
  {
    /** Internal order and cursor: newest first is `id DESC`, served by every index below. */
    id: integer("id").primaryKey({ autoIncrement: true }),
    token: text("token").notNull().unique(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    livemode: integer("livemode", { mode: "boolean" }).notNull(),
    workflowToken: text("workflow_token").notNull(),
    channel: text("channel", { enum: ["email", "sms"] }).notNull(),
    recipient: text("recipient").notNull(),
    recipientName: text("recipient_name"),
    locale: text("locale").notNull(),
    reference: text("reference"),
    metadata: text("metadata", { mode: "json" }).$type<Record<string, string>>().notNull(),
    status: text("status", { enum: INVITATION_STATUSES }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    openedAt: integer("opened_at", { mode: "timestamp_ms" }),
    deliveryAttempts: integer("delivery_attempts").notNull().default(0),
    /** Which API created it: the core is shared, each dialect renders it in its own words. */
    dialect: text("dialect", { enum: ["autodoc", "vortex"] })
      .notNull()
      .default("autodoc"),
    /** `us`: our pipeline delivers it; `customer`: the customer sends the link itself (Vortex phone and internal targets). */
    deliveredBy: text("delivered_by", { enum: ["us", "customer"] })
      .notNull()
      .default("us"),
    /** Vortex fields with no core meaning (widget configuration, target, inviter, source, template variables…). */
    vortex: text("vortex", { mode: "json" }).$type<Record<string, unknown>>(),
    shortCode: text("short_code").unique(),
    clickThroughs: integer("click_throughs").notNull().default(0),
    views: integer("views").notNull().default(0),
    deactivated: integer("deactivated", { mode: "boolean" }).notNull().default(false),
    invitationType: text("invitation_type", { enum: ["single_use", "multi_use", "autojoin"] }),
    /** Set once the daily expiry job has emitted `invitation.expired` for this invitation. */
    expiryNotified: integer("expiry_notified", { mode: "boolean" }).notNull().default(false),
    errorMessage: text("error_message"),
    /** When the pending delivery should have been handled; the sweeper re-enqueues what is long past it. */
    deliveryDueAt: integer("delivery_due_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("invitations_org_idx").on(t.organizationId, t.livemode),
    index("invitations_org_reference_idx").on(t.organizationId, t.livemode, t.reference),
    index("invitations_org_status_idx").on(t.organizationId, t.livemode, t.status),
    index("invitations_org_channel_idx").on(t.organizationId, t.livemode, t.channel),
    index("invitations_pending_due_idx")
      .on(t.deliveryDueAt)
      .where(sql`status = 'pending' AND delivered_by = 'us'`),
    index("invitations_org_target_idx").on(t.organizationId, t.livemode, t.dialect, t.recipient),
    index("invitations_expiry_due_idx").on(t.expiresAt).where(sql`expiry_notified = 0`),
  ],
);

export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    livemode: integer("livemode", { mode: "boolean" }).notNull(),
    invitationToken: text("invitation_token").notNull(),
    attempt: integer("attempt").notNull(),
    channel: text("channel", { enum: ["email", "sms"] }).notNull(),
    fromAddress: text("from_address"),
    toAddress: text("to_address").notNull(),
    replyTo: text("reply_to"),
    subject: text("subject"),
    html: text("html"),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // One message per (invitation, attempt): a redelivered queue message cannot store a second copy.
    uniqueIndex("outbox_send_key_idx").on(t.invitationToken, t.attempt),
    index("outbox_org_created_idx").on(t.organizationId, t.livemode, t.createdAt),
    // The development outbox page lists every organization's newest messages.
    index("outbox_created_idx").on(t.createdAt),
  ],
);

/** One row per send the provider accepted in live mode: what billing reads. Unique per (invitation, attempt). */
export const usageRecords = sqliteTable(
  "usage_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    meter: text("meter", { enum: ["send.email", "send.sms"] }).notNull(),
    invitationToken: text("invitation_token").notNull(),
    attempt: integer("attempt").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("usage_send_key_idx").on(t.invitationToken, t.attempt),
    index("usage_org_created_idx").on(t.organizationId, t.createdAt),
  ],
);

/**
 * The invitation's timeline, oldest first. A row whose `webhookType` is set is also a customer webhook
 * event (`invitation.sent`, …); `dedupeKey` makes each source event count once however often it arrives.
 */
/** The `fanout` of a webhook event: the type posted (null: the dialect has no such webhook) and to whom. */
export interface EventFanout {
  type: string | null;
  endpoints: string[];
}

export const invitationEvents = sqliteTable(
  "invitation_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    publicId: text("public_id").notNull().unique(),
    invitationToken: text("invitation_token").notNull(),
    organizationId: text("organization_id").notNull(),
    livemode: integer("livemode", { mode: "boolean" }).notNull(),
    type: text("type").notNull(),
    webhookType: text("webhook_type"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    dedupeKey: text("dedupe_key").unique(),
    occurredAt: integer("occurred_at", { mode: "timestamp_ms" }).notNull(),
    dispatchedAt: integer("dispatched_at", { mode: "timestamp_ms" }),
    /**
     * The webhook body, rendered once at the first fan-out: every endpoint and every retry posts these bytes
     * under the event's `webhook-id`. Queue messages carry only references to it.
     */
    payload: text("payload"),
    /**
     * Who hears of a webhook event, decided by the statement that records it: the type its endpoints get, and
     * the enabled endpoints of its organization, mode and format subscribed to that type as it committed
     * (none: the event is dispatched at once, and nothing is queued). Null for events without a webhook, and
     * for events stored before it was kept (their fan-out reads the subscriptions as they are).
     */
    fanout: text("fanout", { mode: "json" }).$type<EventFanout>(),
  },
  (t) => [
    index("events_invitation_idx").on(t.invitationToken, t.id),
    index("events_undispatched_idx")
      .on(t.occurredAt)
      .where(sql`webhook_type IS NOT NULL AND dispatched_at IS NULL`),
  ],
);

/**
 * One row per send a provider accepted, with the provider's message id that its events are matched by: written
 * in the batch that mirrors the send (the SendGate keeps the provider-call record itself). Rows in state
 * `calling` or `failed` were written before, when a row was written before and after each call.
 */
export const sends = sqliteTable(
  "sends",
  {
    invitationToken: text("invitation_token").notNull(),
    attempt: integer("attempt").notNull(),
    provider: text("provider").notNull(),
    state: text("state", { enum: ["calling", "accepted", "failed"] }).notNull(),
    providerMessageId: text("provider_message_id"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    primaryKey({ columns: [t.invitationToken, t.attempt] }),
    uniqueIndex("sends_provider_message_idx").on(t.provider, t.providerMessageId),
  ],
);

/** Customer webhook endpoints (AutoDoc dialect). The signing secret is stored encrypted, never in clear. */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    livemode: integer("livemode", { mode: "boolean" }).notNull(),
    url: text("url").notNull(),
    events: text("events", { mode: "json" }).$type<string[]>().notNull(),
    secretCiphertext: text("secret_ciphertext").notNull(),
    status: text("status", { enum: ["enabled", "disabled"] }).notNull(),
    disabledReason: text("disabled_reason"),
    /** `standard`: AutoDoc events signed per Standard Webhooks; `vortex`: Vortex state events, X-Vortex-Signature. */
    format: text("format", { enum: ["standard", "vortex"] })
      .notNull()
      .default("standard"),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_endpoints_org_idx").on(t.organizationId, t.livemode)],
);

/** Vortex API keys (`VRTX.<kid>.<secret>`): a hash to authenticate, and the derived signing key, sealed. */
export const vortexKeys = sqliteTable(
  "vortex_keys",
  {
    kid: text("kid").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    livemode: integer("livemode", { mode: "boolean" }).notNull(),
    secretHash: text("secret_hash").notNull(),
    signingKeyCiphertext: text("signing_key_ciphertext").notNull(),
    /** The key's last four characters, for the operator's listing; null for keys made before it was kept. */
    last4: text("last4"),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("vortex_keys_org_created_idx").on(t.organizationId, t.createdAt, t.kid)],
);

/** What a Vortex invitation names: where people land, single or multi use, the e-mail template, unfurl defaults. */
export const widgetConfigurations = sqliteTable(
  "widget_configurations",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    name: text("name").notNull(),
    landingUrl: text("landing_url").notNull(),
    invitationType: text("invitation_type", { enum: ["single_use", "multi_use"] }).notNull(),
    emailSubject: text("email_subject"),
    emailTemplate: text("email_template"),
    unfurlDefaults: text("unfurl_defaults", { mode: "json" }).$type<Record<string, string>>(),
    createdAt: createdAt(),
  },
  (t) => [index("widget_configurations_org_idx").on(t.organizationId)],
);

/** The scopes (Vortex "groups") an invitation belongs to; by-scope listings are served from here. */
export const invitationGroups = sqliteTable(
  "invitation_groups",
  {
    id: text("id").primaryKey(),
    invitationToken: text("invitation_token").notNull(),
    organizationId: text("organization_id").notNull(),
    livemode: integer("livemode", { mode: "boolean" }).notNull(),
    groupType: text("group_type").notNull(),
    groupId: text("group_id").notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("invitation_groups_scope_idx").on(t.organizationId, t.livemode, t.groupType, t.groupId),
    index("invitation_groups_invitation_idx").on(t.invitationToken),
  ],
);

/** Each accept of an invitation (one for single_use, any number for multi_use). */
export const invitationAccepts = sqliteTable(
  "invitation_accepts",
  {
    id: text("id").primaryKey(),
    invitationToken: text("invitation_token").notNull(),
    target: text("target", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("invitation_accepts_invitation_idx").on(t.invitationToken)],
);

/** The e-mail domains of a scope's autojoin invitation: a user whose address is on one may join the scope. */
export const autojoinDomains = sqliteTable(
  "autojoin_domains",
  {
    id: text("id").primaryKey(),
    invitationToken: text("invitation_token").notNull(),
    organizationId: text("organization_id").notNull(),
    livemode: integer("livemode", { mode: "boolean" }).notNull(),
    domain: text("domain").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("autojoin_domains_invitation_domain_idx").on(t.invitationToken, t.domain),
    index("autojoin_domains_org_domain_idx").on(t.organizationId, t.livemode, t.domain),
  ],
);

/**
 * The link clicks already recorded, by the visit id the request gave each (src/links/visit-message.ts):
 * what makes the `link-visits` consumer idempotent. `attempt` is the consumer run that recorded the visit;
 * the counters and events of a visit are written only by the run whose insert created its row, so a
 * redelivered visit counts once. Rows are kept LINK_VISIT_RETENTION_DAYS, longer than a message can live;
 * each batch of visits forgets older ones (link-visits-repo.ts).
 */
export const linkVisits = sqliteTable(
  "link_visits",
  {
    id: text("id").primaryKey(),
    attempt: text("attempt").notNull(),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("link_visits_recorded_idx").on(t.recordedAt)],
);
