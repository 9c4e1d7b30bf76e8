import { gsm7Length, isGsm7Basic } from "./gsm7";
import { messagesFor } from "./locales";
import type { InvitationMessageInput } from "./render-invitation";

// One SMS segment in GSM-7. Going above it means a concatenated SMS: billed twice and sometimes split.
const MAX_SMS_LENGTH = 160;
// A name cut shorter than this ("Acme...") says too little; a shorter template is better then.
const MIN_NAME_LENGTH = 8;
const ELLIPSIS = "...";

// Typographic characters with a close GSM-7 equivalent that accent stripping alone would not find.
const REPLACEMENTS: Readonly<Record<string, string>> = {
  "‘": "'",
  "’": "'",
  "‚": "'",
  "“": '"',
  "”": '"',
  "„": '"',
  "«": '"',
  "»": '"',
  "–": "-",
  "—": "-",
  "…": ELLIPSIS,
  œ: "oe",
  Œ: "OE",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ð: "d",
  þ: "th",
  Þ: "Th",
  ı: "i",
};

/**
 * A name rewritten with GSM-7 basic characters only: accents outside GSM-7 are stripped (ç → c, ã → a),
 * typographic quotes and dashes become ASCII, and what has no equivalent (emoji, CJK) is dropped.
 * Extension-table characters are dropped too: they cost double and names rarely need them.
 */
export function toGsm7Name(name: string): string {
  let out = "";
  for (const char of name.replace(/\s+/g, " ")) {
    if (isGsm7Basic(char)) {
      out += char;
      continue;
    }
    const replacement = REPLACEMENTS[char];
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    for (const part of char.normalize("NFD")) {
      if (isGsm7Basic(part)) out += part;
    }
  }
  return out.replace(/ {2,}/g, " ").trim();
}

/** `text` cut to at most `max` septets, ending in "..." when it had to be cut, at a word break if one is near. */
function truncate(text: string, max: number): string {
  if (gsm7Length(text) <= max) return text;
  let out = "";
  for (const char of text) {
    if (out.length + ELLIPSIS.length + 1 > max) break;
    out += char;
  }
  const lastSpace = out.lastIndexOf(" ");
  if (lastSpace >= out.length * 0.6) out = out.slice(0, lastSpace);
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/**
 * Both names fitted into `budget` septets, or null if that leaves too little of them. The organization is
 * kept whole first: recipients decide whether to trust an SMS link by who sent it.
 */
function fitNames(org: string, workflow: string, budget: number): [string, string] | null {
  const orgLength = gsm7Length(org);
  const workflowLength = gsm7Length(workflow);
  if (orgLength + workflowLength <= budget) return [org, workflow];
  if (budget < 2 * MIN_NAME_LENGTH) return null;
  if (orgLength <= budget - MIN_NAME_LENGTH) return [org, truncate(workflow, budget - orgLength)];
  const half = Math.floor(budget / 2);
  if (workflowLength <= half) return [truncate(org, budget - workflowLength), workflow];
  return [truncate(org, budget - half), truncate(workflow, half)];
}

/**
 * The invitation as one localized SMS of at most 160 GSM-7 characters containing the full url.
 * Names are transliterated to GSM-7 and shortened as needed; the url is never shortened, and with a very
 * long url the text falls back to shorter templates (organization only, then the url alone).
 */
export function renderInvitationSms(input: InvitationMessageInput): string {
  const { sms } = messagesFor(input.locale);
  const { url } = input;
  const org = toGsm7Name(input.organizationName);
  const workflow = toGsm7Name(input.workflowName);

  if (org !== "" && workflow !== "") {
    const budget =
      MAX_SMS_LENGTH - gsm7Length(sms.invitation({ organizationName: "", workflowName: "", url }));
    const fitted = fitNames(org, workflow, budget);
    if (fitted !== null) {
      return sms.invitation({ organizationName: fitted[0], workflowName: fitted[1], url });
    }
  }
  if (org !== "") {
    const budget = MAX_SMS_LENGTH - gsm7Length(sms.fromOrganization("", url));
    if (gsm7Length(org) <= budget || budget >= MIN_NAME_LENGTH) {
      return sms.fromOrganization(truncate(org, budget), url);
    }
  }
  return sms.bare(url);
}
