// Run by `npm install` (postinstall): writes src/core/phone-metadata.js, the phone metadata the Worker ships:
// libphonenumber-js's "min" metadata without number formats (src/core/phone-metadata-trim.ts). The file is not
// committed (it is the library's data, and npm brings the pinned version); each install derives it again, so an
// upgrade of libphonenumber-js carries over. test/core/phone-metadata.unit.test.ts holds it to the package's.
import { writeFileSync } from "node:fs";
import path from "node:path";
import min from "libphonenumber-js/min/metadata";
import { phoneMetadataModule, trimPhoneMetadata } from "../src/core/phone-metadata-trim.ts";

const target = path.join(import.meta.dirname, "../src/core/phone-metadata.js");
writeFileSync(target, phoneMetadataModule(trimPhoneMetadata(min)));
console.log(`Wrote ${path.relative(process.cwd(), target)}.`);
