import { it } from "vitest";
import { gsm7Length, isGsm7 } from "../../src/core/gsm7";

it("isGsm7 and gsm7Length follow GSM 03.38", ({ expect }) => {
  expect(isGsm7("éèùìòàäöüñÄÖÑÜÅåÇÉß@£$¥_")).toBe(true);
  for (const char of ["ç", "ê", "â", "î", "ô", "û", "ã", "õ", "á", "í", "ó", "ú", "`", "😀", "中"]) {
    expect(isGsm7(char), char).toBe(false);
  }
  expect(gsm7Length("abc")).toBe(3);
  expect(gsm7Length("{}[]~\\|^€")).toBe(18);
});
