// What would be uploaded: `wrangler deploy --dry-run --outdir`, measured raw and gzipped (node:zlib, default
// level): the modules only, not the source maps nor the README.md wrangler writes beside them.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { makeStateDir, ROOT } from "../tools/local-worker.ts";

export interface BundleSize {
  rawBytes: number;
  gzipBytes: number;
  files: string[];
}

export function measureBundle(): BundleSize {
  const outdir = makeStateDir("edge-invitations-bundle-");
  try {
    execFileSync("wrangler", ["deploy", "--dry-run", "--outdir", outdir], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    const files = readdirSync(outdir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !/\.map$|^README\.md$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name));
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const file of files) {
      const content = readFileSync(file);
      rawBytes += content.length;
      gzipBytes += gzipSync(content).length;
    }
    return { rawBytes, gzipBytes, files: files.map((file) => path.relative(outdir, file)) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
