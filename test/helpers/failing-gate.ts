import type { SendGate } from "../../src/durable-objects/send-gate";

/**
 * Fault injection at the SendGate binding: the first `times` calls of `method`, on any invitation's gate,
 * throw as an unreachable Durable Object would, before reaching it; every other call goes to the real object.
 */
export function withFailingGate(env: Env, method: keyof SendGate & string, times = 1) {
  let failed = 0;
  const namespace = new Proxy(env.SEND_GATE, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== "function") return value;
      if (property !== "get") return value.bind(target);
      return (...args: unknown[]) => {
        const stub = Reflect.apply(value, target, args) as object;
        return new Proxy(stub, {
          get(stubTarget, name) {
            const member: unknown = Reflect.get(stubTarget, name);
            if (name !== method || failed >= times || typeof member !== "function") return member;
            return async () => {
              failed += 1;
              throw new Error(
                `Durable Object unreachable: injected fault (test/helpers/failing-gate.ts) on ${method}`,
              );
            };
          },
        });
      };
    },
  });
  return { env: { ...env, SEND_GATE: namespace }, failures: () => failed };
}
