import { ERROR_STATUS } from "../../src/http/errors";
import type { Dialect } from "./route-table";

/** The dialect that answers a URL path: the Vortex API under /api/v1, the AutoDoc shape everywhere else. */
export function dialectOfPath(pathname: string): Dialect {
  if (pathname === "/api/v1" || pathname.startsWith("/api/v1/")) return "vortex";
  return pathname.startsWith("/admin/") ? "admin" : "autodoc";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function autodocShape(status: number, body: unknown, requestId: string | null): string | null {
  if (!isRecord(body) || Object.keys(body).join() !== "error") return "the body is not {error: {…}}";
  const error = body.error;
  if (!isRecord(error)) return "`error` is not an object";
  const code = String(error.code);
  const expected = Object.entries(ERROR_STATUS).find(([name]) => name === code)?.[1];
  if (expected !== status) return `code ${code} is not a known code for HTTP ${status}`;
  if (typeof error.message !== "string" || error.message === "") return "no message";
  if (error.requestId !== requestId || !requestId) return "requestId differs from X-Request-Id";
  const details = error.details;
  if (details !== undefined) {
    const ok =
      Array.isArray(details) &&
      details.every((d) => isRecord(d) && typeof d.field === "string" && typeof d.message === "string");
    if (!ok) return "details are not [{field, message}]";
  }
  return null;
}

function vortexShape(body: unknown): string | null {
  if (!isRecord(body) || Object.keys(body).join() !== "error") return 'the body is not exactly {"error": …}';
  return typeof body.error === "string" && body.error !== "" ? null : "`error` is not a message";
}

/** Why a 4xx answer is not in its dialect's error shape (null when it is), and its AutoDoc error code. */
export async function checkErrorShape(
  dialect: Dialect,
  res: Response,
): Promise<{ problem: string | null; code: string | null }> {
  const text = await res.text();
  if (!res.headers.get("Content-Type")?.startsWith("application/json")) {
    return { problem: `not JSON: ${text.slice(0, 80)}`, code: null };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { problem: `unparseable JSON: ${text.slice(0, 80)}`, code: null };
  }
  const problem =
    dialect === "vortex"
      ? vortexShape(body)
      : autodocShape(res.status, body, res.headers.get("X-Request-Id"));
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  return {
    problem: problem ? `${problem}: ${text.slice(0, 200)}` : null,
    code: typeof error.code === "string" ? error.code : null,
  };
}
