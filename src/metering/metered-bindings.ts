// Queue producers and Durable Object namespaces that count what goes through them, and otherwise pass it on.

/** A queue binding that counts the messages it accepted: `send` 1, `sendBatch` its length. */
export function meterQueue<Body>(queue: Queue<Body>, sent: (messages: number) => void): Queue<Body> {
  return {
    metrics: () => queue.metrics(),
    async send(body, options) {
      const response = await queue.send(body, options);
      sent(1);
      return response;
    },
    async sendBatch(messages, options) {
      const all = [...messages];
      const response = await queue.sendBatch(all, options);
      sent(all.length);
      return response;
    },
  };
}

/**
 * A Durable Object namespace whose stubs count each request: every RPC method call and every `fetch` is one
 * (Cloudflare bills each RPC method call on a stub as one request). Ids, names and options pass through.
 */
export function meterNamespace<T extends object>(namespace: T, request: () => void): T {
  return new Proxy(namespace, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== "function") return value;
      if (property === "get" || property === "getByName") {
        return (...args: unknown[]) => meterStub(Reflect.apply(value, target, args), request);
      }
      if (property === "jurisdiction") {
        return (...args: unknown[]) => meterNamespace(Reflect.apply(value, target, args), request);
      }
      return value.bind(target);
    },
  });
}

function meterStub<T>(stub: T, request: () => void): T {
  if (typeof stub !== "object" || stub === null) return stub;
  return new Proxy(stub, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      // `then` is looked up by `await`, never a call of ours; symbols are the runtime's own.
      if (typeof value !== "function" || typeof property === "symbol" || property === "then") return value;
      return (...args: unknown[]) => {
        request();
        return Reflect.apply(value, target, args);
      };
    },
  });
}
