// `node bench/request-history-run.ts` (the Node 22 of node_modules): the request-history part of `npm run bench`
// alone, in about two minutes: bench/request-history.ts. Writes the figure into
// bench/results/latest.json as `requestHistory`, leaving the rest of that file as the last full run wrote it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { quietWrangler, ROOT } from "../tools/local-worker.ts";
import { startResendFake } from "./provider-fake.ts";
import { measureRequestHistory } from "./request-history.ts";
import { newSecrets } from "./workers.ts";

async function main(): Promise<void> {
  quietWrangler();
  const fake = await startResendFake(50);
  try {
    const report = await measureRequestHistory(newSecrets(), fake.url, (what) =>
      console.log(`[bench] ${new Date().toISOString().slice(11, 19)} ${what}`),
    );
    const file = path.join(ROOT, "bench/results/latest.json");
    const previous = existsSync(file)
      ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>)
      : {};
    const requestHistory = { ...report, runAt: new Date().toISOString(), runAlone: true };
    writeFileSync(file, `${JSON.stringify({ ...previous, requestHistory }, null, 2)}\n`);
    console.log(`\nrequestHistory.ratio = ${report.ratio} (goal ≥ ${report.goal}); wrote ${file}`);
  } finally {
    await fake.close();
  }
}

await main();
