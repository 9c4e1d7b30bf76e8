import { createServer, type Server } from "node:http";

export interface ReceivedWebhook {
  body: string;
  signature: string;
}

/** A customer's webhook endpoint on 127.0.0.1: keeps each request's raw body and X-Vortex-Signature. */
export async function startWebhookReceiver(): Promise<{
  url: string;
  received: ReceivedWebhook[];
  close: () => Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        signature: String(req.headers["x-vortex-signature"] ?? ""),
      });
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/vortex-webhooks`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
