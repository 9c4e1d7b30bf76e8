import type { RouteHandler } from "@hono/zod-openapi";
import { usageByDay } from "../../db/usage-repo";
import type { AppEnv } from "../../env";
import { ApiError, fieldError, validationError } from "../../http/errors";
import type { getUsage } from "./usage.routes";

type Meter = "send.email" | "send.sms";
const METERS: Meter[] = ["send.email", "send.sms"];

function currentMonth(now: Date): { from: Date; to: Date } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { from, to };
}

export const get: RouteHandler<typeof getUsage, AppEnv> = async (c) => {
  const { principal } = c.var;
  if (!principal.livemode) {
    throw new ApiError("forbidden", "Test mode is never billed; ask for usage with a live key.");
  }
  const query = c.req.valid("query");
  const month = currentMonth(new Date());
  const from = query.from ? new Date(query.from) : month.from;
  const to = query.to ? new Date(query.to) : month.to;
  if (from >= to) {
    throw validationError([fieldError("to", "must be after `from`")]);
  }
  const rows = await usageByDay(c.var.db, principal.organizationId, from, to);
  const days = rows.map((row) => ({
    date: row.day,
    meter: row.meter as Meter,
    quantity: Number(row.quantity),
  }));
  const totals = METERS.map((meter) => ({
    meter,
    quantity: days.filter((d) => d.meter === meter).reduce((sum, d) => sum + d.quantity, 0),
  }));
  return c.json(
    { object: "usage" as const, from: from.toISOString(), to: to.toISOString(), totals, days },
    200,
  );
};
