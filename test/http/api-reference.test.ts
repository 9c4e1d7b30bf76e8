import { exports } from "cloudflare:workers";
import { describe, it } from "vitest";
import { API_REFERENCE_SCRIPT } from "../../src/http/api-reference";

describe("GET /docs: the API reference loads nothing from outside this host", () => {
  it("points at the bundle Static Assets serve, with a same-origin CSP and a nonce on its inline parts", async ({
    expect,
  }) => {
    const res = await exports.default.fetch("https://api.example.com/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<script src="${API_REFERENCE_SCRIPT}"`);
    expect(html).toContain('"url": "/openapi.json"');
    const sources = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(sources.filter((source) => /^(https?:)?\/\//.test(source ?? ""))).toEqual([]);
    const policy = res.headers.get("Content-Security-Policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(policy).toMatch(/^default-src 'self'; script-src 'self' 'nonce-/);
    expect(policy).toContain("connect-src 'self'");
    for (const script of html.matchAll(/<script\b([^>]*)>/g)) {
      const attributes = script[1] ?? "";
      if (!attributes.includes("src=")) expect(attributes).toContain(`nonce="${nonce}"`);
    }
  });

  it("serves the bundle from Static Assets through the ASSETS binding, and nothing else of public/", async ({
    expect,
  }) => {
    const bundle = await exports.default.fetch(`https://api.example.com${API_REFERENCE_SCRIPT}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("Content-Type")).toMatch(/javascript/);
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
    const missing = await exports.default.fetch("https://api.example.com/docs/assets/nothing-here.js");
    expect(missing.status).toBe(404);
  });
});
