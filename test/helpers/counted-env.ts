import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";
import { API } from "./api";
import { type HeldQueue, holdQueue } from "./held-queue";
import { runQueue } from "./queue";

const EXECUTIONS = new Set(["run", "all", "raw", "first"]);

/** What the Worker asked of the platform through a counted env. */
export interface Counts {
  /** D1 round trips: each `batch()`, and each statement executed on its own. */
  d1: number;
  /** Durable Object requests (each RPC call on a stub of SEND_GATE or ORG_THROTTLE). */
  doRequests: number;
  /** Messages handed to each queue. */
  queued: { deliveries: number; webhooks: number };
}

/**
 * The real D1 binding, counting round trips: each `batch` and each statement executed on its own. Statements
 * pass through untouched (a batch gets back the real ones), so D1 answers exactly as it would.
 */
function countingD1(d1: D1Database, counts: Counts): D1Database {
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (typeof property === "string" && EXECUTIONS.has(property)) counts.d1 += 1;
          const result: unknown = value.apply(target, args);
          return property === "bind" ? wrap(result as D1PreparedStatement) : result;
        };
      },
    });
    real.set(proxy, statement);
    return proxy;
  };
  return new Proxy(d1, {
    get(target, property) {
      if (property === "prepare") return (query: string) => wrap(target.prepare(query));
      if (property === "batch") {
        return (statements: D1PreparedStatement[]) => {
          counts.d1 += 1;
          return target.batch(statements.map((s) => real.get(s) ?? s));
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** A Durable Object namespace whose stubs count each call made on them; the calls reach the real objects. */
function countingNamespace<T extends Rpc.DurableObjectBranded | undefined>(
  namespace: DurableObjectNamespace<T>,
  counts: Counts,
): DurableObjectNamespace<T> {
  return new Proxy(namespace, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property !== "get" || typeof value !== "function") {
        return typeof value === "function" ? value.bind(target) : value;
      }
      return (...args: unknown[]) => {
        const stub = Reflect.apply(value, target, args) as object;
        return new Proxy(stub, {
          get(stubTarget, method) {
            const member: unknown = Reflect.get(stubTarget, method);
            if (typeof member !== "function" || method === "then") return member;
            return (...callArgs: unknown[]) => {
              counts.doRequests += 1;
              // Reflect.apply: an RPC stub would take `member.apply` for a method of the object.
              return Reflect.apply(member, stubTarget, callArgs);
            };
          },
        });
      };
    },
  });
}

/** A queue of our own that only holds what it is given (held-queue.ts checks the platform's limits). */
function heldStandIn(counts: Counts, name: keyof Counts["queued"]): { binding: Queue; held: HeldQueue } {
  const standIn: Queue = {
    send: async () => {},
    sendBatch: async () => {},
    metrics: async () => ({ backlogCount: 0, backlogBytes: 0 }),
  } as unknown as Queue;
  const held = holdQueue(standIn);
  const binding: Queue = {
    send: (body, options) => {
      counts.queued[name] += 1;
      return standIn.send(body, options);
    },
    sendBatch: (messages, options) => {
      const all = [...messages];
      counts.queued[name] += all.length;
      return standIn.sendBatch(all, options);
    },
    metrics: () => standIn.metrics(),
  };
  return { binding, held };
}

/** The counted env of a test, with its held queues and the Worker's handlers run on it. */
export type CountedEnv = ReturnType<typeof makeCountedEnv>;

/**
 * The Worker's real bindings, counted: D1 round trips, Durable Object requests, and queue messages. Both
 * queues are held (nothing reaches the real local queue): the test hands what they hold to the Worker's own
 * consumers with `drain`, as the queue would, on this same counted env.
 */
export function countedEnv(base: Env = env): CountedEnv {
  return makeCountedEnv(base);
}

function makeCountedEnv(base: Env) {
  const counts: Counts = { d1: 0, doRequests: 0, queued: { deliveries: 0, webhooks: 0 } };
  const deliveries = heldStandIn(counts, "deliveries");
  const webhooks = heldStandIn(counts, "webhooks");
  const counted: Env = {
    ...base,
    DB: countingD1(base.DB, counts),
    SEND_GATE: countingNamespace(base.SEND_GATE, counts),
    ORG_THROTTLE: countingNamespace(base.ORG_THROTTLE, counts),
    DELIVERIES: deliveries.binding,
    WEBHOOKS: webhooks.binding,
  };
  /** The counts since the last `take` (or since the start), then zeroed. */
  const take = (): Counts => {
    const taken = structuredClone(counts);
    counts.d1 = 0;
    counts.doRequests = 0;
    counts.queued = { deliveries: 0, webhooks: 0 };
    return taken;
  };
  return {
    env: counted,
    counts,
    take,
    held: { deliveries: deliveries.held, webhooks: webhooks.held },
    /** One request through the Worker's fetch handler, its `waitUntil` work included. */
    async fetch(request: Request): Promise<Response> {
      const ctx = createExecutionContext();
      const res = await worker.fetch(request, counted, ctx);
      const text = await res.text();
      await waitOnExecutionContext(ctx);
      return new Response(text, res);
    },
    /** A JSON request to the API host with `key`, through `fetch`. */
    api(method: string, path: string, key: string, body?: unknown): Promise<Response> {
      return this.fetch(
        new Request(`${API}${path}`, {
          method,
          headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
    },
    /**
     * Hands what the queue holds to its consumer in batches of at most `batchSize` (the real queue's is 10),
     * then what that queued, until nothing is left. Answers the messages handed over.
     */
    async drain(queue: "deliveries" | "webhooks", batchSize = 10): Promise<number> {
      const held = queue === "deliveries" ? deliveries.held : webhooks.held;
      let handed = 0;
      for (let bodies = held.take(); bodies.length > 0; bodies = held.take()) {
        for (let i = 0; i < bodies.length; i += batchSize) {
          const batch = bodies.slice(i, i + batchSize).map((body) => ({ body }));
          const { result } = await runQueue(queue, batch, counted);
          if (result.retryMessages.length > 0) {
            throw new Error(`${queue}: the consumer asked to retry ${JSON.stringify(result.retryMessages)}`);
          }
          handed += batch.length;
        }
      }
      return handed;
    },
    restore(): void {
      deliveries.held.restore();
      webhooks.held.restore();
    },
  };
}
