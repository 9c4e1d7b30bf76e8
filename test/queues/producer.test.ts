import { env } from "cloudflare:workers";
import { describe, it, vi } from "vitest";
import {
  MessageTooLargeError,
  messageBytes,
  planBatches,
  QUEUE_LIMITS,
  QueueSendError,
  sendMessages,
} from "../../src/queues/producer";

/**
 * A message the `webhooks` consumer acks without doing anything (a fan-out of no event), padded so that it
 * counts exactly `bytes` against the limits (its JSON in UTF-8 plus the 100 B of metadata).
 */
function harmless(bytes: number, fill = "x") {
  const empty = messageBytes({ v: 1, kind: "fanout", eventId: -1, pad: "" });
  const perChar = new TextEncoder().encode(fill).byteLength;
  const chars = (bytes - empty) / perChar;
  if (!Number.isInteger(chars) || chars < 0) throw new Error(`cannot pad to ${bytes} bytes with "${fill}"`);
  const body = { v: 1, kind: "fanout", eventId: -1, pad: fill.repeat(chars) };
  if (messageBytes(body) !== bytes) throw new Error("padding miscounted");
  return body;
}

const many = (count: number, bytes = 200) => Array.from({ length: count }, () => harmless(bytes));

/** The real local queue, watched: every sendBatch call goes through to it. */
function watchedWebhooksQueue() {
  const sendBatch = vi.spyOn(env.WEBHOOKS, "sendBatch");
  return {
    batchSizes: () => sendBatch.mock.calls.map(([messages]) => [...messages].length),
    restore: () => sendBatch.mockRestore(),
  };
}

async function rawSendBatch(bodies: unknown[]) {
  return env.WEBHOOKS.sendBatch(bodies.map((body) => ({ body, contentType: "json" as const })));
}

describe("planBatches (pure)", () => {
  it("counts a message's JSON in UTF-8 bytes plus 100 B of metadata", ({ expect }) => {
    expect(messageBytes({ a: "x" })).toBe('{"a":"x"}'.length + 100);
    expect(messageBytes({ a: "€" })).toBe('{"a":""}'.length + 3 + 100);
    expect(messageBytes({ a: "😀" })).toBe('{"a":""}'.length + 4 + 100);
    expect(() => messageBytes(undefined)).toThrow(TypeError);
  });

  it("puts 100 messages in one batch and the 101st in a second", ({ expect }) => {
    expect(planBatches(many(100)).map((b) => b.length)).toEqual([100]);
    expect(planBatches(many(101)).map((b) => b.length)).toEqual([100, 1]);
    expect(planBatches(many(250)).map((b) => b.length)).toEqual([100, 100, 50]);
    expect(planBatches([])).toEqual([]);
  });

  it("fills a batch to exactly 256 KB and starts another one byte later", ({ expect }) => {
    const atLimit = [harmless(100_000), harmless(100_000), harmless(56_000)];
    expect(atLimit.reduce((sum, body) => sum + messageBytes(body), 0)).toBe(QUEUE_LIMITS.bytesPerBatch);
    expect(planBatches(atLimit).map((b) => b.length)).toEqual([3]);
    const overLimit = [harmless(100_000), harmless(100_000), harmless(56_001)];
    expect(planBatches(overLimit).map((b) => b.length)).toEqual([2, 1]);
  });

  it("keeps the order of the messages across batches", ({ expect }) => {
    const bodies = Array.from({ length: 205 }, (_, i) => ({ i }));
    expect(planBatches(bodies).flat()).toEqual(bodies);
  });

  it("accepts one message of exactly 128 KB and refuses one byte more, naming the message", ({ expect }) => {
    expect(planBatches([harmless(QUEUE_LIMITS.bytesPerMessage)])).toHaveLength(1);
    const over = [harmless(200), harmless(QUEUE_LIMITS.bytesPerMessage + 1)];
    expect(() => planBatches(over)).toThrow(MessageTooLargeError);
    expect(() => planBatches(over)).toThrow(
      /Queue message 1 counts 128001 bytes, over the 128000-byte limit/,
    );
  });

  it("counts multi-byte characters as the bytes they take", ({ expect }) => {
    // 42,619 "€" (3 bytes each) are far fewer than 128,000 characters, yet one byte-triple too many.
    expect(planBatches([harmless(127_999, "€")])).toHaveLength(1);
    expect(() => planBatches([harmless(128_002, "€")])).toThrow(MessageTooLargeError);
  });
});

describe("sendMessages at the real local queue", () => {
  it("sends exactly 100 messages in one batch, and 101 in two, where one sendBatch of 101 is refused", async ({
    expect,
  }) => {
    await expect(rawSendBatch(many(101))).rejects.toThrow();
    const queue = watchedWebhooksQueue();
    try {
      await sendMessages(env.WEBHOOKS, many(100));
      expect(queue.batchSizes()).toEqual([100]);
      await sendMessages(env.WEBHOOKS, many(101));
      expect(queue.batchSizes()).toEqual([100, 100, 1]);
    } finally {
      queue.restore();
    }
  });

  it("sends a set just under 256 KB in one batch and one just over in two", async ({ expect }) => {
    const queue = watchedWebhooksQueue();
    try {
      await sendMessages(env.WEBHOOKS, [harmless(128_000), harmless(127_999)]);
      expect(queue.batchSizes()).toEqual([2]);
      await sendMessages(env.WEBHOOKS, [harmless(128_000), harmless(127_856), harmless(145)]);
      expect(queue.batchSizes()).toEqual([2, 2, 1]);
    } finally {
      queue.restore();
    }
  });

  it("splits what one sendBatch of the local queue refuses (over its 288 KB)", async ({ expect }) => {
    const bodies = [harmless(100_000), harmless(100_000), harmless(100_000)];
    await expect(rawSendBatch(bodies)).rejects.toThrow();
    const queue = watchedWebhooksQueue();
    try {
      await sendMessages(env.WEBHOOKS, bodies);
      expect(queue.batchSizes()).toEqual([2, 1]);
    } finally {
      queue.restore();
    }
  });

  it("sends one message of exactly 128 KB, and refuses one just over before anything is sent", async ({
    expect,
  }) => {
    const queue = watchedWebhooksQueue();
    try {
      await sendMessages(env.WEBHOOKS, [harmless(QUEUE_LIMITS.bytesPerMessage)]);
      expect(queue.batchSizes()).toEqual([1]);
      const withOneTooLarge = [...many(150), harmless(QUEUE_LIMITS.bytesPerMessage + 1)];
      await expect(sendMessages(env.WEBHOOKS, withOneTooLarge)).rejects.toThrow(MessageTooLargeError);
      expect(queue.batchSizes()).toEqual([1]);
    } finally {
      queue.restore();
    }
  });

  it("sends the other batches when the queue refuses one, then reports how many were not sent", async ({
    expect,
  }) => {
    // The real queue, with a refusal injected into its first sendBatch; the others pass through.
    const sendBatch = vi
      .spyOn(env.WEBHOOKS, "sendBatch")
      .mockRejectedValueOnce(new Error("injected: queue unavailable"));
    let error: unknown;
    let calls = 0;
    try {
      error = await sendMessages(env.WEBHOOKS, many(250)).catch((e: unknown) => e);
      calls = sendBatch.mock.calls.length;
    } finally {
      sendBatch.mockRestore();
    }
    expect(calls).toBe(3);
    expect(error).toBeInstanceOf(QueueSendError);
    expect(error).toMatchObject({ failed: 100, total: 250 });
    expect(String(error)).toContain("injected: queue unavailable");
  });
});
