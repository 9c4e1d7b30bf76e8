// A headless Chromium page driven over the DevTools protocol (Node's own WebSocket, no library), for the page
// checks that need a person's hand: type into a field, press a button, then read and photograph the page.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Debian's Chromium, as root and offline: without the background-networking flags it dials Google at start. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--window-size=1280,900",
];

/** Opens `url` in a fresh Chromium; answers the page's `evaluate`, `screenshot` and `close`. */
export async function openPage(chromium, url) {
  const profile = mkdtempSync(join(tmpdir(), "chromium-"));
  const browser = spawn(
    chromium,
    [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, "--remote-debugging-port=0", url],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const port = await new Promise((resolve, reject) => {
    let seen = "";
    browser.stderr.on("data", (chunk) => {
      seen += chunk;
      const match = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    browser.on("exit", () => reject(new Error(`chromium exited before it listened: ${seen.slice(-500)}`)));
  });
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const target = targets.find((t) => t.type === "page");
  if (!target) throw new Error("chromium opened no page");
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));
  let nextId = 0;
  const pending = new Map();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data));
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, (m) =>
        m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result),
      );
      socket.send(JSON.stringify({ id: nextId, method, params }));
    });
  // The page may still be loading `url` (or not yet have begun): wait until it has, whatever it throws meanwhile.
  for (let tries = 0; ; tries += 1) {
    const loaded = await send("Runtime.evaluate", {
      expression: `document.readyState === "complete" && location.href === ${JSON.stringify(url)}`,
      returnByValue: true,
    }).catch(() => null);
    if (loaded?.result?.value === true) break;
    if (tries > 200) throw new Error(`chromium did not load ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    /** The value of a JavaScript expression in the page (awaited if it is a promise). */
    async evaluate(expression) {
      const { result, exceptionDetails } = await send("Runtime.evaluate", {
        expression,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.text}`);
      return result.value;
    },
    async screenshot(path) {
      const { data } = await send("Page.captureScreenshot", { format: "png" });
      writeFileSync(path, Buffer.from(data, "base64"));
    },
    close() {
      socket.close();
      browser.kill();
    },
  };
}
