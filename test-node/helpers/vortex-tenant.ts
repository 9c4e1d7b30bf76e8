import { randomBytes } from "node:crypto";
import { api } from "./tenant";

export interface VortexTenant {
  slug: string;
  /** A test-mode Vortex key, `VRTX.<id>.<secret>`. */
  key: string;
  widgetId: string;
}

async function expect201<T>(what: string, pending: ReturnType<typeof api<T>>): Promise<T> {
  const res = await pending;
  if (res.status !== 201) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An organization with a test-mode Vortex key and a widget configuration, through the operator API. */
export async function createVortexTenant(apiBase: string, adminToken: string): Promise<VortexTenant> {
  const slug = `sdk-${randomBytes(5).toString("hex")}`;
  await expect201(
    "POST /admin/organizations",
    api(apiBase, "POST", "/admin/organizations", adminToken, {
      slug,
      name: `SDK ${slug}`,
      replyTo: `support@${slug}.example`,
    }),
  );
  const { key } = await expect201<{ key: string }>(
    "POST vortex-keys",
    api(apiBase, "POST", `/admin/organizations/${slug}/vortex-keys`, adminToken, { mode: "test" }),
  );
  const { id: widgetId } = await expect201<{ id: string }>(
    "POST widget-configurations",
    api(apiBase, "POST", `/admin/organizations/${slug}/widget-configurations`, adminToken, {
      name: "Team invites",
      landingUrl: "https://app.example.com/join",
      emailSubject: "{{inviterName}} invited you to {{teamName}}",
      emailTemplate: "Join {{teamName}}.",
    }),
  );
  return { slug, key, widgetId };
}
