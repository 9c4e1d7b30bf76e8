import { env } from "cloudflare:workers";
import { type MockInstance, vi } from "vitest";
import worker from "../../src/index";

const BINDINGS = { deliveries: env.DELIVERIES, webhooks: env.WEBHOOKS } as const;
type Binding = keyof typeof BINDINGS;

export interface QueueWatch {
  /** Messages of the watched organizations handed to each queue so far, by binding. */
  sent(): Promise<Record<string, number>>;
  /** Those messages that have not been through the consumer yet (their bodies, as JSON). */
  outstanding(): Promise<string[]>;
  /** How many of those messages have been through the consumer so far: progress, while a backlog drains. */
  drained(): number;
  restore(): void;
}

/** What a message is about: every message carries an invitation token or an event id (src/queues). */
function refOf(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  if ("invitationToken" in body && typeof body.invitationToken === "string")
    return `t:${body.invitationToken}`;
  if ("eventId" in body && typeof body.eventId === "number") return `e:${body.eventId}`;
  return null;
}

/** The refs among `refs` that belong to organizations that existed at the watermark: other files' tenants. */
async function olderTenants(refs: string[], watermark: number): Promise<Set<string>> {
  const older = "JOIN organizations o ON o.id = x.organization_id WHERE o.rowid <= ?";
  const statements = [];
  // At most 100 bound parameters per D1 statement.
  for (let i = 0; i < refs.length; i += 90) {
    const chunk = refs.slice(i, i + 90);
    const tokens = chunk.filter((r) => r.startsWith("t:")).map((r) => r.slice(2));
    const events = chunk.filter((r) => r.startsWith("e:")).map((r) => Number(r.slice(2)));
    const marks = (list: unknown[]) => list.map(() => "?").join(",");
    if (tokens.length > 0) {
      const sql = `SELECT 't:' || x.token AS ref FROM invitations x ${older} AND x.token IN (${marks(tokens)})`;
      statements.push(env.DB.prepare(sql).bind(watermark, ...tokens));
    }
    if (events.length > 0) {
      const sql = `SELECT 'e:' || x.id AS ref FROM invitation_events x ${older} AND x.id IN (${marks(events)})`;
      statements.push(env.DB.prepare(sql).bind(watermark, ...events));
    }
  }
  if (statements.length === 0) return new Set();
  const answers = await env.DB.batch<{ ref: string }>(statements);
  return new Set(answers.flatMap((answer) => answer.results.map((row) => row.ref)));
}

/**
 * Observes the queues without replacing them: every message the app hands `DELIVERIES` or `WEBHOOKS`, and
 * every batch the Worker's `queue` handler has finished. The spies call through (the real queues deliver)
 * and record into lists of their own: Vitest clears a spy's call history before each test (`clearMocks`),
 * and a message sent in one test may be handled in the next. A message counts unless it is provably about
 * an organization that existed at `watermark`.
 */
export function watchQueues(watermark: number): QueueWatch {
  const sent: { binding: Binding; key: string; ref: string | null }[] = [];
  const handled: string[] = [];
  /** Notes the messages of a send as it goes out; a send the queue refuses leaves nothing to handle. */
  function note<T>(binding: Binding, bodies: unknown[], send: () => Promise<T>): Promise<T> {
    const keys = bodies.map((body) => JSON.stringify(body));
    for (const [i, body] of bodies.entries()) sent.push({ binding, key: keys[i] ?? "", ref: refOf(body) });
    return send().catch((error: unknown) => {
      handled.push(...keys);
      throw error;
    });
  }
  const spies: MockInstance[] = Object.entries(BINDINGS).flatMap(([name, queue]) => {
    const binding = name as Binding;
    const send = queue.send.bind(queue);
    const sendBatch = queue.sendBatch.bind(queue);
    return [
      vi
        .spyOn(queue, "send")
        .mockImplementation((body, options) => note(binding, [body], () => send(body, options))),
      vi.spyOn(queue, "sendBatch").mockImplementation((messages, options) => {
        const list = [...messages];
        const bodies = list.map((m) => m.body);
        return note(binding, bodies, () => sendBatch(list, options));
      }),
    ];
  });
  const consume = worker.queue.bind(worker);
  spies.push(
    vi.spyOn(worker, "queue").mockImplementation(async (batch, ...rest) => {
      try {
        await consume(batch, ...rest);
      } finally {
        for (const message of batch.messages) handled.push(JSON.stringify(message.body));
      }
    }),
  );
  let sentSeen = 0;
  let handledSeen = 0;
  const counted: Record<string, number> = {};
  /** Per message body (as JSON): sent minus handled, for the watched organizations' messages only. */
  const pending = new Map<string, number>();
  let drained = 0;

  /** Takes in what happened since last time; new messages are classified in one D1 batch. */
  async function step(): Promise<void> {
    // Taken together, before any await: a message handled is always among the messages sent by then.
    const fresh = sent.slice(sentSeen);
    const done = handled.slice(handledSeen);
    sentSeen = sent.length;
    handledSeen = handled.length;
    const refs = [...new Set(fresh.flatMap((m) => (m.ref ? [m.ref] : [])))];
    const older = refs.length > 0 ? await olderTenants(refs, watermark) : new Set<string>();
    for (const { binding, key, ref } of fresh) {
      if (ref && older.has(ref)) continue;
      counted[`queue ${binding}`] = (counted[`queue ${binding}`] ?? 0) + 1;
      pending.set(key, (pending.get(key) ?? 0) + 1);
    }
    for (const key of done) {
      const left = pending.get(key);
      // A retried message comes back with the same body; one sent before the watch began was never pending.
      if (left === undefined) continue;
      drained += 1;
      if (left > 1) pending.set(key, left - 1);
      else pending.delete(key);
    }
  }
  let last = Promise.resolve();
  /** One step at a time: a step still classifying must not let a later one see its messages handled. */
  function catchUp(): Promise<void> {
    last = last.then(step);
    return last;
  }

  return {
    async sent() {
      await catchUp();
      return { ...counted };
    },
    async outstanding() {
      await catchUp();
      return [...pending.keys()];
    },
    drained: () => drained,
    restore() {
      for (const spy of spies) spy.mockRestore();
    },
  };
}
