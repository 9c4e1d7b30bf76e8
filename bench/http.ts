// One request at a time to the local Worker, with a free choice of Host header (the link hosts are chosen by
// it), through node:http rather than fetch, which may not send a Host of the caller's choosing.
import { request as httpRequest } from "node:http";

export interface Target {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The Host header, e.g. start.localhost:<port>; the URL's own when left out. */
  host?: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestSpec {
  method: "GET" | "POST" | "PATCH";
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export function send(target: Target, spec: RequestSpec): Promise<Answer> {
  const url = new URL(spec.path, target.url);
  const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  const headers: Record<string, string> = {
    ...(target.host ? { Host: target.host } : {}),
    ...(payload === undefined ? {} : { "Content-Type": "application/json" }),
    ...spec.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: spec.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: <T>() => JSON.parse(text) as T,
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${spec.method} ${spec.path}: no answer in 30 s`)));
    req.end(payload);
  });
}

/** The request, or an error naming what came back instead of the expected status. */
export async function expectStatus(target: Target, spec: RequestSpec, status: number): Promise<Answer> {
  const answer = await send(target, spec);
  if (answer.status !== status) {
    throw new Error(
      `${spec.method} ${spec.path}: expected HTTP ${status}, got ${answer.status} ${answer.text.slice(0, 300)}`,
    );
  }
  return answer;
}
