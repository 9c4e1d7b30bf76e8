import { describe, it } from "vitest";
import { parseMailbox } from "../../../src/delivery/providers/mailbox";
import { quoteDisplayName } from "../../../src/delivery/send-invitation";

describe("parseMailbox", () => {
  const valid = [
    { value: '"Acme Corp" <acme@auto-doc.ai>', expected: { email: "acme@auto-doc.ai", name: "Acme Corp" } },
    { value: "Acme   Corp <acme@auto-doc.ai>", expected: { email: "acme@auto-doc.ai", name: "Acme Corp" } },
    { value: '"Zoë Café" <zoe@auto-doc.ai>', expected: { email: "zoe@auto-doc.ai", name: "Zoë Café" } },
    { value: '"Acme, Inc." <acme@auto-doc.ai>', expected: { email: "acme@auto-doc.ai", name: "Acme, Inc." } },
    { value: '"" <acme@auto-doc.ai>', expected: { email: "acme@auto-doc.ai" } },
    { value: "<acme@auto-doc.ai>", expected: { email: "acme@auto-doc.ai" } },
    { value: "  acme@auto-doc.ai ", expected: { email: "acme@auto-doc.ai" } },
  ];

  it.for(valid)("reads $value", ({ value, expected }, { expect }) => {
    expect(parseMailbox(value)).toEqual(expected);
  });

  it("undoes the quoting that send-invitation applies to organisation names", ({ expect }) => {
    for (const name of ['Say "hi" Ltd', "Back\\slash & Co", "<Angle> Brackets", "Two\nLines"]) {
      const parsed = parseMailbox(`${quoteDisplayName(name)} <acme@auto-doc.ai>`);
      expect(parsed).toEqual({ email: "acme@auto-doc.ai", name: name.replace("\n", " ") });
    }
  });

  const invalid = [
    "",
    "not an address",
    '"Unclosed <acme@auto-doc.ai>',
    "Acme <>",
    "Acme <not-an-address>",
    "Acme, Inc. <acme@auto-doc.ai>",
    "a@auto-doc.ai, b@auto-doc.ai",
    "Acme <acme@auto-doc.ai> trailing",
  ];

  it.for(invalid)("rejects %j", (value, { expect }) => {
    expect(parseMailbox(value)).toBeNull();
  });
});
