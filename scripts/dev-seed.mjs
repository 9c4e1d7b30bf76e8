// `npm run dev`'s seed, through the operator API and the AutoDoc API like any client. Plain Node ESM.

function client(api) {
  return async (method, path, token, body) => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  };
}

/** The organization, a fresh live and test key, the workflow in both modes, and the Vortex side. */
export async function seed({ api, adminToken, slug, workflow }) {
  const request = client(api);
  const existing = await request("GET", `/admin/organizations/${slug}`, adminToken);
  if (existing.status === 404) {
    const created = await request("POST", "/admin/organizations", adminToken, {
      slug,
      name: "Acme Corp",
      replyTo: "support@acme.example",
    });
    if (created.status !== 201) throw new Error(`seeding the organization: ${JSON.stringify(created.body)}`);
  }
  // Keys are shown once, so each start makes a fresh pair.
  const live = await request("POST", `/admin/organizations/${slug}/keys`, adminToken, { mode: "live" });
  const test = await request("POST", `/admin/organizations/${slug}/keys`, adminToken, { mode: "test" });
  for (const key of [live.body.key, test.body.key]) {
    await request("POST", "/v1/autodoc/workflows", key, { name: "Welcome", token: workflow });
  }
  return {
    liveKey: live.body.key,
    testKey: test.body.key,
    ...(await seedVortex(request, { api, adminToken, slug })),
  };
}

/** The Vortex side: a fresh test-mode VRTX key and one widget configuration (made once, then reused). */
async function seedVortex(request, { api, adminToken, slug }) {
  const vortex = await request("POST", `/admin/organizations/${slug}/vortex-keys`, adminToken, {
    mode: "test",
  });
  if (vortex.status !== 201) throw new Error(`seeding the Vortex key: ${JSON.stringify(vortex.body)}`);
  const path = `/admin/organizations/${slug}/widget-configurations`;
  const existing = await request("GET", path, adminToken);
  let widgetId = existing.body?.data?.[0]?.id;
  if (!widgetId) {
    const created = await request("POST", path, adminToken, {
      name: "Team invites",
      landingUrl: `${api}/dev/visitor/vortex`,
      emailSubject: "{{inviterName}} invited you to {{teamName|a team}} on Acme",
      emailTemplate: "Join {{teamName|the team}} at Acme.",
      unfurlDefaults: { title: "Join your team on Acme", description: "You have been invited." },
    });
    if (created.status !== 201)
      throw new Error(`seeding the widget configuration: ${JSON.stringify(created.body)}`);
    widgetId = created.body.id;
  }
  return { vortexKey: vortex.body.key, widgetId };
}
