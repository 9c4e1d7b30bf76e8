// What would be uploaded: `wrangler deploy --dry-run --outdir` (minified, as wrangler.toml says), measured raw
// and gzipped (node:zlib, default level): the modules only, not the source maps nor the README.md wrangler
// writes beside them. esbuild's metafile says what the bytes are: by package, and our own src/.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { makeStateDir, ROOT } from "../tools/local-worker.ts";

export interface BundleSize {
  rawBytes: number;
  gzipBytes: number;
  files: string[];
  /** Bytes in the output by package (`src/` for ours), largest first. */
  contributors: { name: string; rawBytes: number }[];
}

interface Metafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

export function measureBundle(): BundleSize {
  const outdir = makeStateDir("edge-invitations-bundle-");
  try {
    const metafile = path.join(outdir, "bundle-meta.json");
    execFileSync("wrangler", ["deploy", "--dry-run", "--outdir", outdir, "--metafile", metafile], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    const files = readdirSync(outdir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !/\.map$|^README\.md$|^bundle-meta\.json$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name));
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const file of files) {
      const content = readFileSync(file);
      rawBytes += content.length;
      gzipBytes += gzipSync(content).length;
    }
    const meta = JSON.parse(readFileSync(metafile, "utf8")) as Metafile;
    return {
      rawBytes,
      gzipBytes,
      files: files.map((file) => path.relative(outdir, file)),
      contributors: contributors(meta),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Output bytes per package (the part of a path after its last node_modules/), ours as `src/`. */
function contributors(meta: Metafile): BundleSize["contributors"] {
  const bytes = new Map<string, number>();
  for (const [output, { inputs }] of Object.entries(meta.outputs)) {
    if (output.endsWith(".map")) continue;
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      const pkg = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/)?.[1];
      const name = pkg ?? (input.startsWith("src/") ? "src/" : input);
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes]
    .map(([name, rawBytes]) => ({ name, rawBytes }))
    .filter((c) => c.rawBytes > 0)
    .sort((a, b) => b.rawBytes - a.rawBytes);
}
