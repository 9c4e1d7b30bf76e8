#!/usr/bin/env node
// Run by `npm install` (postinstall): copies the API reference's browser bundle from its pinned npm package into
// public/, which Workers Static Assets serves, so /docs needs no CDN and the bundle is not part of the Worker.
// The copy is not committed: it is another project's code, and npm brings the pinned version. Plain Node ESM.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";

const SOURCE = "node_modules/@scalar/api-reference/dist/browser/standalone.js";
const TARGET = "public/docs/assets/scalar-api-reference.js";

if (!existsSync(SOURCE)) {
  console.error(`vendor-assets: ${SOURCE} is missing; run npm install.`);
  process.exit(1);
}
mkdirSync(dirname(TARGET), { recursive: true });
copyFileSync(SOURCE, TARGET);
const { version } = JSON.parse(readFileSync("node_modules/@scalar/api-reference/package.json", "utf8"));
console.log(`vendor-assets: ${TARGET} (@scalar/api-reference ${version})`);
