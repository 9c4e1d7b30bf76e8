import type { RequestHistory } from "../../src/durable-objects/request-history";

type Namespace = DurableObjectNamespace<RequestHistory>;

/**
 * The real RequestHistory namespace with a fault injected into every stub it gives: each call to `record` or
 * `list` throws ("throw") or never answers ("hang"); ids and names pass through. Counts the calls it broke.
 */
export function faultyHistory(namespace: Namespace, fault: "throw" | "hang") {
  let calls = 0;
  const broken = () => {
    calls += 1;
    return fault === "throw"
      ? Promise.reject(new Error("injected: the request history is down"))
      : new Promise<never>(() => {});
  };
  const faulty = new Proxy(namespace, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property !== "get" || typeof value !== "function") {
        return typeof value === "function" ? value.bind(target) : value;
      }
      return (...args: unknown[]) => {
        const stub: object = Reflect.apply(value, target, args);
        return new Proxy(stub, {
          get(stubTarget, name) {
            if (name === "record" || name === "list" || name === "unauthenticated") return broken;
            const member: unknown = Reflect.get(stubTarget, name);
            return typeof member === "function" ? member.bind(stubTarget) : member;
          },
        });
      };
    },
  });
  return { namespace: faulty, calls: () => calls };
}
