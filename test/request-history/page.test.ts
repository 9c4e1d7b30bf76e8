import { exports } from "cloudflare:workers";
import { describe, it } from "vitest";
import { API } from "../helpers/api";

describe("the Recent requests page", () => {
  it("is served beside the reference, self-contained, under a policy that allows only this origin", async ({
    expect,
  }) => {
    const page = await exports.default.fetch(`${API}/docs/requests`);
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
    const policy = page.headers.get("Content-Security-Policy") ?? "";
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(policy).toContain(directive);
    }
    expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
    const html = await page.text();
    // Nothing from elsewhere: every src and href is a path on this origin.
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
    expect(urls.sort()).toEqual(["/docs", "/docs/requests.css", "/docs/requests.js"]);
    expect(html).not.toMatch(/<script>[^<]/);
    // The key field is never a form value that could be submitted (no name), nor remembered by the browser.
    expect(html).toMatch(/<input id="key" type="password" autocomplete="off"/);
    expect(html).not.toMatch(/<input[^>]*id="key"[^>]*name=/);

    const script = await exports.default.fetch(`${API}/docs/requests.js`);
    expect(script.headers.get("Content-Type")).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('var API = "/v1/autodoc/requests"');
    const style = await exports.default.fetch(`${API}/docs/requests.css`);
    expect(style.headers.get("Content-Type")).toMatch(/^text\/css/);
  });

  it("is linked from the reference's description, and its API is in /openapi.json", async ({ expect }) => {
    const doc = (await (await exports.default.fetch(`${API}/openapi.json`)).json()) as {
      tags: { name: string; description: string }[];
      paths: Record<string, Record<string, { tags: string[]; parameters?: { name: string }[] }>>;
    };
    expect(doc.tags.find((tag) => tag.name === "Requests")?.description).toContain("/docs/requests");
    const autodoc = doc.paths["/v1/autodoc/requests"]?.get;
    expect(autodoc?.tags).toEqual(["Requests"]);
    expect(autodoc?.parameters?.map((p) => p.name).sort()).toEqual([
      "limit",
      "method",
      "path",
      "startingAfter",
      "status",
    ]);
    const operator = doc.paths["/admin/organizations/{slug}/requests"]?.get;
    expect(operator?.parameters?.map((p) => p.name)).toContain("mode");
    expect(doc.paths["/admin/requests"]?.get).toBeDefined();
    expect(doc.paths["/admin/unauthenticated-requests"]?.get).toBeDefined();
  });
});
