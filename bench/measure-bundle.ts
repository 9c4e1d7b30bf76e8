// `npm run bench:bundle`: the bundle measurement of `npm run bench` alone (seconds, no Worker started), for
// work on the bundle's size. Prints what bench/results/latest.json's `bundle` would hold, and every package's
// share; writes nothing.
import { measureBundle } from "./bundle.ts";
import { bundleReport } from "./report.ts";

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const bundle = measureBundle();
const { rawBytes, gzipBytes } = bundleReport(bundle);
console.log(`Bundle (minified, ${bundle.files.join(", ")}): ${kib(rawBytes)} raw, ${kib(gzipBytes)} gzip.`);
console.log("| part | raw | gzip (estimate, by share of raw) |\n|---|---:|---:|");
for (const { name, rawBytes: partBytes } of bundle.contributors) {
  console.log(`| ${name} | ${kib(partBytes)} | ${kib((partBytes / rawBytes) * gzipBytes)} |`);
}
