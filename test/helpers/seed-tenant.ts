import { env } from "cloudflare:workers";
import { sha256Hex, toBase64Url } from "../../src/core/encoding";
import { sealSecret } from "../../src/core/secret-box";
import { newToken } from "../../src/core/tokens";
import { createDb } from "../../src/db/client";
import { apiKeys, organizations, vortexKeys, widgetConfigurations, workflows } from "../../src/db/schema";
import { deriveSigningKey, generateVortexKey } from "../../src/vortex/api-key";

let counter = 0;

export interface SeedOptions {
  name?: string;
  defaultLocale?: string;
  replyTo?: string;
  /** Columns of the widget configuration to override. */
  widget?: Partial<typeof widgetConfigurations.$inferInsert>;
}

/** What a test gets: the organization, a private key per mode, and a workflow in both modes. */
export interface SeededTenant {
  slug: string;
  organizationId: string;
  liveKey: string;
  testKey: string;
  /** A workflow that exists, with the same token, in both modes. */
  workflowToken: string;
}

/** A tenant of the Vortex API too: a Vortex key per mode and a single-use widget configuration. */
export interface SeededVortexTenant extends SeededTenant {
  vortexLive: string;
  vortexTest: string;
  widgetId: string;
}

/**
 * A fresh tenant written straight into D1 in one batch: the rows the operator API would make (organization,
 * hashed keys, sealed Vortex signing keys, workflows, a widget configuration), made with the same functions
 * it uses, so the keys authenticate exactly as issued ones do. Ten API calls cost more than the tests that
 * use them; the operator API's own tests (test/api/admin/) still make tenants through it.
 */
export async function seedTenant(options: SeedOptions = {}): Promise<SeededTenant> {
  const { rows, tenant } = await tenantRows(options);
  const db = createDb(env.DB);
  await db.batch([
    db.insert(organizations).values(rows.organization),
    db.insert(apiKeys).values(rows.apiKeys),
    db.insert(workflows).values(rows.workflows),
  ]);
  return tenant;
}

/** The same, with Vortex keys and a widget configuration, in the same one batch. */
export async function seedVortexTenant(options: SeedOptions = {}): Promise<SeededVortexTenant> {
  const { rows, tenant } = await tenantRows(options);
  const db = createDb(env.DB);
  await db.batch([
    db.insert(organizations).values(rows.organization),
    db.insert(apiKeys).values(rows.apiKeys),
    db.insert(workflows).values(rows.workflows),
    db.insert(vortexKeys).values(rows.vortexKeys),
    db.insert(widgetConfigurations).values(rows.widget),
  ]);
  return tenant;
}

async function tenantRows(options: SeedOptions) {
  counter += 1;
  const slug = `org-${counter}-${crypto.randomUUID().slice(0, 8)}`;
  const organizationId = newToken("org");
  const now = new Date();
  const liveKey = newToken("sk_live", 32);
  const testKey = newToken("sk_test", 32);
  const [vortexLive, vortexTest] = [generateVortexKey(), generateVortexKey()];
  const apiKey = async (secret: string, livemode: boolean) => ({
    id: newToken("key"),
    organizationId,
    livemode,
    secretHash: await sha256Hex(secret),
    last4: secret.slice(-4),
    createdAt: now,
  });
  const vortexKey = async ({ key, kid }: { key: string; kid: string }, livemode: boolean) => ({
    kid,
    organizationId,
    livemode,
    secretHash: await sha256Hex(key),
    signingKeyCiphertext: await sealSecret(
      env.SECRETS_KEY,
      toBase64Url(await deriveSigningKey(key.split(".")[2] ?? "", kid)),
    ),
    last4: key.slice(-4),
    createdAt: now,
  });
  const widgetId = crypto.randomUUID();
  const workflowToken = "wf_onboarding";
  const rows = {
    organization: {
      id: organizationId,
      slug,
      name: options.name ?? "Acme Corp",
      defaultLocale: options.defaultLocale ?? "en",
      replyTo: options.replyTo ?? "support@acme.example",
      createdAt: now,
    },
    apiKeys: [await apiKey(liveKey, true), await apiKey(testKey, false)],
    workflows: [true, false].map((livemode) => ({
      organizationId,
      livemode,
      token: workflowToken,
      name: "Customer onboarding",
      createdAt: now,
    })),
    vortexKeys: [await vortexKey(vortexLive, true), await vortexKey(vortexTest, false)],
    widget: {
      id: widgetId,
      organizationId,
      name: "Team invites",
      landingUrl: "https://app.example.com/join",
      invitationType: "single_use" as const,
      emailSubject: "{{inviterName}} invited you to {{teamName}}",
      emailTemplate: "Join {{teamName}} at {{companyName}}.",
      createdAt: now,
      ...options.widget,
    },
  };
  const tenant = {
    slug,
    organizationId,
    liveKey,
    testKey,
    workflowToken,
    vortexLive: vortexLive.key,
    vortexTest: vortexTest.key,
    widgetId,
  };
  return { rows, tenant };
}
