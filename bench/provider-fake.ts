// Resend's API as far as the adapter uses it (src/delivery/providers/resend-provider.ts): `POST /emails` answers
// 200 `{"id": "<uuid>"}` after a fixed latency, however many requests are in flight.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ProviderFake {
  url: string;
  /** Requests to POST /emails so far. */
  received(): number;
  close(): Promise<void>;
}

export async function startResendFake(latencyMs: number): Promise<ProviderFake> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/emails") {
        res.writeHead(404, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ name: "not_found", message: "Not found" }));
        return;
      }
      received += 1;
      setTimeout(() => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ id: randomUUID() }));
      }, latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
