// How much of the machine other processes used while a load ran: all CPU time spent (from /proc/stat) minus
// that of this process and its children (wrangler's workerd processes), as a share of all cores. A shared
// machine's neighbours show up here instead of silently in the figures. Linux only; null elsewhere.
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

interface Sample {
  total: number;
  ours: number;
  at: number;
}

/** CPU time of everyone and of this process tree so far, in clock ticks; null without /proc. */
export function sampleCpu(): Sample | null {
  try {
    const cpu =
      readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    const busy = cpu.slice(0, 8).reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0);
    return { total: busy, ours: treeTicks(process.pid), at: Date.now() };
  } catch {
    return null;
  }
}

/** The share of all cores (0…1) that other processes used between two samples. */
export function othersShare(before: Sample | null, after: Sample | null): number | null {
  if (!before || !after) return null;
  const ticksPerSecond = 100; // USER_HZ, 100 on Linux
  const capacity = ((after.at - before.at) / 1000) * ticksPerSecond * os.cpus().length;
  const others = after.total - before.total - (after.ours - before.ours);
  return capacity > 0 ? Math.max(0, others / capacity) : null;
}

/** utime + stime of a process and all its descendants (children that exited are not counted). */
function treeTicks(root: number): number {
  const stats = new Map<number, { parent: number; ticks: number }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Fields after the command, which is in parentheses and may contain spaces.
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(name), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  let sum = 0;
  for (const [pid, stat] of stats) {
    let ancestor: number | undefined = pid;
    while (ancestor !== undefined && ancestor !== root && ancestor > 1)
      ancestor = stats.get(ancestor)?.parent;
    if (ancestor === root) sum += stat.ticks;
  }
  return sum;
}
