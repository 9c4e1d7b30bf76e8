// What `npm run dev` shows of wrangler's output, and what it only writes to the log. Plain Node ESM.
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** The full log of this run: everything wrangler and the Worker printed, in order. */
export function openLog(path) {
  mkdirSync(dirname(path), { recursive: true });
  return createWriteStream(path, { flags: "w" });
}

const ERROR = /✘|\[ERROR\]|\berror\b|Uncaught|Exception|EADDRINUSE/i;
const REQUEST = /^\[wrangler:info\] (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (\S+) /;
const WORKER_LOG_LEVEL = /^\{"level":"(\w+)"/;

/**
 * Whether a line of wrangler's output is shown on the terminal. Before the summary: errors only (the
 * migrations tables, the bindings tables and wrangler's banners are in the log). After it: each request
 * (not the cron ticks the script makes) and the Worker's warnings and errors.
 */
export function shown(line, { ready }) {
  if (line.trim() === "") return false;
  const level = WORKER_LOG_LEVEL.exec(line)?.[1];
  if (level) return level === "warn" || level === "error";
  const request = REQUEST.exec(line);
  if (request) return ready && !request[2].startsWith("/__scheduled");
  return ERROR.test(line);
}

/** Splits a stream into lines, calling `onLine` for each complete one. */
export function eachLine(stream, onLine) {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    const lines = (rest + chunk).split(/\r?\n/);
    rest = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  });
  stream.on("end", () => {
    if (rest !== "") onLine(rest);
  });
}
