// The type of phone-metadata.js, which scripts/phone-metadata.ts generates.
import type { MetadataJson } from "libphonenumber-js/core";

declare const metadata: MetadataJson;
export default metadata;
