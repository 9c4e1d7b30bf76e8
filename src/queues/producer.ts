/**
 * Cloudflare Queues' producer limits (1 KB = 1000 B): a message counts its body plus about 100 B of
 * internal metadata; a `sendBatch` takes at most 100 messages and 256 KB. A send over them throws.
 */
export const QUEUE_LIMITS = {
  messagesPerBatch: 100,
  bytesPerBatch: 256_000,
  bytesPerMessage: 128_000,
  metadataBytesPerMessage: 100,
} as const;

const utf8 = new TextEncoder();

/** What one JSON message counts against the limits: its serialized body in UTF-8 plus the metadata. */
export function messageBytes(body: unknown): number {
  const json = JSON.stringify(body);
  if (json === undefined) throw new TypeError("A queue message body must serialize to JSON.");
  return utf8.encode(json).byteLength + QUEUE_LIMITS.metadataBytesPerMessage;
}

/** A message no batch can carry: a bug upstream (messages carry references, not bodies), never dropped. */
export class MessageTooLargeError extends Error {
  constructor(
    readonly index: number,
    readonly bytes: number,
  ) {
    super(
      `Queue message ${index} counts ${bytes} bytes, over the ${QUEUE_LIMITS.bytesPerMessage}-byte limit ` +
        "of a queue message; nothing was sent. Carry ids in the message and read the data when handling it.",
    );
    this.name = "MessageTooLargeError";
  }
}

/** Some batches were refused by the queue; the others were sent. `errors` holds each refusal. */
export class QueueSendError extends AggregateError {
  constructor(
    errors: unknown[],
    readonly failed: number,
    readonly total: number,
  ) {
    super(errors, `The queue refused ${failed} of ${total} messages: ${String(errors[0])}`);
    this.name = "QueueSendError";
  }
}

/**
 * Splits message bodies, in order, into batches the queue accepts: each at most 100 messages and 256 KB.
 * Throws MessageTooLargeError, before anything is sent, when one message alone is over 128 KB.
 */
export function planBatches<T>(bodies: readonly T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const [index, body] of bodies.entries()) {
    const bytes = messageBytes(body);
    if (bytes > QUEUE_LIMITS.bytesPerMessage) throw new MessageTooLargeError(index, bytes);
    const full =
      current.length === QUEUE_LIMITS.messagesPerBatch || currentBytes + bytes > QUEUE_LIMITS.bytesPerBatch;
    if (full) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(body);
    currentBytes += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The one way the app puts messages on a queue: any number of JSON bodies, sent in batches within the
 * platform's limits. A refused batch does not stop the others; afterwards a QueueSendError says how many
 * messages were not sent (their callers' repair paths send them again).
 */
export async function sendMessages<T>(queue: Queue<T>, bodies: readonly T[]): Promise<void> {
  const errors: unknown[] = [];
  let failed = 0;
  for (const batch of planBatches(bodies)) {
    try {
      await queue.sendBatch(batch.map((body) => ({ body, contentType: "json" as const })));
    } catch (error) {
      errors.push(error);
      failed += batch.length;
    }
  }
  if (errors.length > 0) throw new QueueSendError(errors, failed, bodies.length);
}
