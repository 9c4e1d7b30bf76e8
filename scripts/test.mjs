#!/usr/bin/env node
// `npm test`: Biome and the type check, then the three test tiers, one after another, stopping at the first
// that fails. Each step's wall time is printed, and the total, so that a CI log shows what each tier costs.
import { spawnSync } from "node:child_process";

const STEPS = [
  ["check", "Biome, and one `tsc -b` over every project"],
  ["test:unit", "pure functions in plain Node"],
  ["test:integration", "the Worker in workerd, with real D1, Queues and Durable Objects"],
  ["test:node", "the official Vortex SDK over HTTP"],
];

const times = [];
const started = performance.now();
for (const [script, what] of STEPS) {
  const stepStarted = performance.now();
  const { status } = spawnSync("npm", ["run", "--silent", script], { stdio: "inherit" });
  const seconds = (performance.now() - stepStarted) / 1000;
  times.push(`${script} ${seconds.toFixed(1)} s`);
  console.log(`\ntest: ${script} (${what}) took ${seconds.toFixed(1)} s\n`);
  if (status !== 0) {
    console.log(`test: ${script} failed; not running the rest.`);
    process.exit(status ?? 1);
  }
}
console.log(
  `test: all tiers passed in ${((performance.now() - started) / 1000).toFixed(1)} s (${times.join(", ")})`,
);
