// Issue 13's bundle budget, held by a test as well as reported by `npm run bench`: what `wrangler deploy` would
// upload (bench/bundle.ts: `wrangler deploy --dry-run`, minified as wrangler.toml says), gzipped.
import { describe, expect, it } from "vitest";
import { measureBundle } from "../bench/bundle.ts";

const MAX_GZIP_BYTES = 200 * 1024;

describe("the Worker's bundle", () => {
  it("is at most 200 KiB gzipped, minified", () => {
    const bundle = measureBundle();
    expect(bundle.files).toEqual(["index.js"]);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(MAX_GZIP_BYTES);
  });
});
