// `node scripts/phone-metadata.ts`: writes src/core/phone-metadata.js, the phone metadata the Worker ships:
// libphonenumber-js's "min" metadata without number formats (src/core/phone-metadata-trim.ts). Run it after
// upgrading libphonenumber-js: test/core/phone-metadata.unit.test.ts fails until the file matches the package's.
import { writeFileSync } from "node:fs";
import path from "node:path";
import min from "libphonenumber-js/min/metadata";
import { phoneMetadataModule, trimPhoneMetadata } from "../src/core/phone-metadata-trim.ts";

const target = path.join(import.meta.dirname, "../src/core/phone-metadata.js");
writeFileSync(target, phoneMetadataModule(trimPhoneMetadata(min)));
console.log(`Wrote ${path.relative(process.cwd(), target)}.`);
