// Before the load: the data every operation needs, then one metered request per operation (D1_METRICS on),
// which also proves that each operation answers what it is meant to measure.

import { type D1Counts, parseD1ServerTiming } from "../src/db/d1-server-timing.ts";
import type { LocalD1 } from "../tools/local-runtime.ts";
import { copyInvitations, invitationToken } from "./copy-invitations.ts";
import { send, type Target } from "./http.ts";
import { authOnly, matches, type Operation, type OperationInputs, type OperationName } from "./operations.ts";
import { createTenant, sentInvitation, shortLinkCode, type Tenant } from "./seed.ts";

export const LIST_SIZE = 10_000;
/** 400 references over 10,000 invitations: 25 share each, more than a page of 20 + 1. */
const REFERENCES = 400;
const reference = (i: number) => `crm-contact-${i % REFERENCES}`;

export type Seeds = Omit<OperationInputs, "baselineUrl" | "insertBaselineUrl" | "apiUrl" | "port">;

export async function seed(
  api: Target,
  d1: LocalD1,
  adminToken: string,
): Promise<{ tenant: Tenant; seeds: Seeds }> {
  const tenant = await createTenant(api, adminToken);
  const openedToken = await sentInvitation(api, tenant.testKey, { recipient: "opens@bench.example" });
  const listTemplate = await sentInvitation(api, tenant.testKey, { reference: reference(0) });
  // The API-created template counts as one of the 10,000; the copies' timestamps rise with their ids, 1 ms apart.
  const now = Date.now();
  const copies = Array.from({ length: LIST_SIZE - 1 }, (_, i) => ({
    token: invitationToken(),
    recipient: `person-${i}@bench.example`,
    reference: reference(i + 1),
    created_at: now - LIST_SIZE + i,
    updated_at: now - LIST_SIZE + i,
  }));
  await copyInvitations(d1, listTemplate, copies);
  const seeds = {
    testKey: tenant.testKey,
    openedToken,
    shortCode: await shortLinkCode(api, tenant),
    getToken: listTemplate,
    listReference: reference(7),
    // Sent just now: the SendGate refuses a resend for 3 minutes, which covers the whole run.
    resendToken: await sentInvitation(api, tenant.testKey, { recipient: "resend@bench.example" }),
  };
  return { tenant, seeds };
}

const LINK_OPERATIONS = ["start-link", "short-link-person", "short-link-bot"] as const;
type LinkOperation = (typeof LINK_OPERATIONS)[number];

export interface Metered {
  d1: Partial<Record<OperationName, D1Counts>>;
  /** The first visit of each link operation (the table shows the repeat, which the load measures). */
  firstVisit: Record<LinkOperation, D1Counts>;
  auth: D1Counts;
  listReturned: number;
}

/**
 * One request per operation, with its Server-Timing. The links are visited twice: the first visit (a person's
 * also opens the start link's invitation, as the load expects) and the repeat that the load measures.
 */
export async function meter(ops: Operation[], inputs: OperationInputs): Promise<Metered> {
  const d1: Metered["d1"] = {};
  let listReturned = 0;
  // The key lookup alone, as the load sees it: the same key again, so a principal cache (if any) is warm for
  // this and the API requests below, which follow within a second.
  const keyLookup = () => send({ url: inputs.apiUrl }, authOnly(inputs));
  await keyLookup();
  const auth = counts("auth", (await keyLookup()).headers["server-timing"]);
  for (const op of ops) {
    if (op.name === "baseline") continue;
    const answer = await send(op.target, op.request);
    if (!matches(op.expected, answer.status, answer.text)) {
      throw new Error(`${op.name}: unexpected answer HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
    }
    d1[op.name] = counts(op.name, answer.headers["server-timing"]);
    if (op.name === "list-by-reference") listReturned = answer.json<{ data: unknown[] }>().data.length;
  }
  const firstVisit = { ...d1 };
  for (const name of LINK_OPERATIONS) {
    const op = ops.find((o) => o.name === name);
    if (op) d1[name] = counts(name, (await send(op.target, op.request)).headers["server-timing"]);
  }
  const [start, short, bot] = LINK_OPERATIONS.map((name) => firstVisit[name]);
  if (!start || !short || !bot) throw new Error("the link operations were not metered");
  const visits = { "start-link": start, "short-link-person": short, "short-link-bot": bot };
  return { d1, firstVisit: visits, auth, listReturned };
}

function counts(what: string, header: string | string[] | undefined): D1Counts {
  const parsed = parseD1ServerTiming(Array.isArray(header) ? header.join(", ") : header);
  if (!parsed) throw new Error(`${what}: no d1 Server-Timing in the answer (is D1_METRICS on?)`);
  return parsed;
}
