// The Worker parses phone numbers with its own copy of libphonenumber-js's "min" metadata, number formats left
// out (src/core/phone-metadata.js, 49 KB smaller). These tests hold that copy to the installed package's, and
// its parsing to the package's own: the same E.164 number, possibility and country for every input tried.
import fc from "fast-check";
import type { MetadataJson } from "libphonenumber-js/core";
import { parsePhoneNumberFromString as parseWith } from "libphonenumber-js/core";
import examples from "libphonenumber-js/examples.mobile";
import { parsePhoneNumberFromString as parseMin } from "libphonenumber-js/min";
import min from "libphonenumber-js/min/metadata";
import { describe, expect, it } from "vitest";
import { normalizePhoneNumber } from "../../src/core/phone";
import shipped from "../../src/core/phone-metadata";
import { trimPhoneMetadata } from "../../src/core/phone-metadata-trim";

/** What normalizePhoneNumber reads of a parse, with the given metadata or with the package's "min". */
function reading(input: string, metadata?: MetadataJson) {
  const parsed = metadata ? parseWith(input, metadata) : parseMin(input);
  return parsed ? { number: parsed.number, possible: parsed.isPossible(), country: parsed.country } : null;
}

describe("the Worker's phone metadata (src/core/phone-metadata.js)", () => {
  it("is the installed libphonenumber-js's min metadata without formats (npm install writes it)", () => {
    expect(shipped).toEqual(trimPhoneMetadata(min));
  });

  it("leaves out the formats only: every other field of every numbering plan is the package's", () => {
    const plans = Object.entries(min.countries);
    expect(plans.length).toBeGreaterThan(200);
    for (const [country, plan] of plans) {
      const ours = shipped.countries[country as keyof typeof shipped.countries];
      expect(
        ours?.filter((_, i) => i !== 4),
        country,
      ).toEqual(plan.filter((_, i) => i !== 4));
    }
  });

  it("parses every country's example number as the package does, in several spellings", () => {
    let checked = 0;
    for (const [country, national] of Object.entries(examples)) {
      const code = min.countries[country as keyof typeof min.countries]?.[0];
      if (code === undefined) continue;
      for (const input of [
        `+${code}${national}`,
        `+${code} ${national}`,
        `+${code}0${national}`,
        `+${code}${national}9`,
      ]) {
        expect(reading(input, shipped), input).toEqual(reading(input));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(800);
  });

  it("parses random international digit strings as the package does", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+[1-9][0-9]{0,16}$/), (input) => {
        expect(reading(input, shipped)).toEqual(reading(input));
      }),
      { numRuns: 20_000 },
    );
  });

  it("gives normalizePhoneNumber its documented answers", () => {
    expect(normalizePhoneNumber("+1 (555) 123-4567")).toBe("+15551234567");
    expect(normalizePhoneNumber("0032 470 12 34 56")).toBe("+32470123456");
    expect(normalizePhoneNumber("+44 20 7946 0958")).toBe("+442079460958");
    expect(normalizePhoneNumber("+44 20 79")).toBeNull();
    expect(normalizePhoneNumber("020 7946 0958")).toBeNull();
  });
});
