/**
 * The one place in the tests that waits: polls `probe` until it answers a value (anything but `undefined`,
 * `null` or `false`), and fails with `what` once `timeoutMs` have passed. Tests wait on the thing itself — a
 * row in D1, a message a fake captured — never on time: a probe is a cheap read, not an HTTP request through
 * the Worker, so polling never competes with the queue consumer it waits for. The interval starts at 2 ms and
 * doubles up to 50 ms, so that a probe that is soon true costs almost nothing.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 5_000,
): Promise<T> {
  // performance.now(), not Date: tests move Date with fake timers.
  const deadline = performance.now() + timeoutMs;
  let interval = 2;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(interval * 2, 50);
  }
}
