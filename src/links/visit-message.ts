import { z } from "zod";
import { AUTOMATED_REASONS, type ClickClassification } from "./bot-detection";

const ClickSchema = z.discriminatedUnion("by", [
  z.object({ by: z.literal("person") }),
  z.object({ by: z.literal("automated"), reason: z.enum(AUTOMATED_REASONS) }),
]);

const visit = {
  v: z.literal(1),
  /** Made by the request: the same visit delivered again is recognised by it and counted once. */
  visitId: z.uuid(),
  /** When the link was clicked, epoch ms: the link's validity is judged at this moment. */
  at: z.number().int().nonnegative(),
  click: ClickSchema,
};

/**
 * One click on a recipient's link, as the request hands it to the `link-visits` queue to be recorded after
 * the response: references only (a start link's token and workflow, or a short link's code), never the
 * invitation's data, which the consumer reads when it writes.
 */
export const LinkVisitMessageSchema = z.discriminatedUnion("link", [
  z.object({
    ...visit,
    link: z.literal("start"),
    token: z.string().min(1).max(64),
    workflowToken: z.string().min(1).max(64),
  }),
  z.object({ ...visit, link: z.literal("short"), code: z.string().min(1).max(32) }),
]);

export type LinkVisitMessage = z.infer<typeof LinkVisitMessageSchema>;
export type StartLinkVisit = Extract<LinkVisitMessage, { link: "start" }>;
export type ShortLinkVisit = Extract<LinkVisitMessage, { link: "short" }>;

/** A new visit of the start link `workflowToken/token` at `at`. */
export function startLinkVisit(
  token: string,
  workflowToken: string,
  click: ClickClassification,
  at: Date,
): StartLinkVisit {
  return { v: 1, link: "start", visitId: crypto.randomUUID(), at: at.getTime(), click, token, workflowToken };
}

/** A new visit of the short link `/i/<code>` at `at`. */
export function shortLinkVisit(code: string, click: ClickClassification, at: Date): ShortLinkVisit {
  return { v: 1, link: "short", visitId: crypto.randomUUID(), at: at.getTime(), click, code };
}
