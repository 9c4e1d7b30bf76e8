import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "vitest";
import { API_REFERENCE_SCRIPT } from "../../src/http/api-reference";

describe("the API reference's bundle is where Static Assets serve it from", () => {
  it("wrangler.toml serves ./public, and npm install copied the pinned bundle to the path /docs loads", ({
    expect,
  }) => {
    const config = readFileSync("wrangler.toml", "utf8");
    expect(config).toMatch(/\[assets\]\ndirectory = "\.\/public"/);
    expect(existsSync(`public${API_REFERENCE_SCRIPT}`)).toBe(true);
    const pinned = JSON.parse(readFileSync("package.json", "utf8")).devDependencies["@scalar/api-reference"];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
