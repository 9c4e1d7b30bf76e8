// The developer's .dev.vars, kept in step with .dev.vars.example (used by scripts/dev.mjs). Plain Node ESM.
import { appendFileSync, copyFileSync, existsSync, readFileSync } from "node:fs";

/** The KEY=value lines of a dotenv file, as [key, line] pairs in file order; comments and blanks left out. */
function envLines(file: string): [key: string, line: string][] {
  const lines: [string, string][] = [];
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const key = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    if (key !== undefined) lines.push([key, line]);
  }
  return lines;
}

/**
 * Creates `devVars` from `example` when it is missing; otherwise appends the example's lines for keys it
 * lacks and leaves every value already there untouched. A .dev.vars made before a setting moved into it
 * would otherwise run `wrangler dev` with wrangler.toml's production value. Returns the keys added.
 */
export function syncDevVars(example: string, devVars: string): string[] {
  if (!existsSync(devVars)) {
    copyFileSync(example, devVars);
    return [];
  }
  const present = new Set(envLines(devVars).map(([key]) => key));
  const missing = envLines(example).filter(([key]) => !present.has(key));
  if (missing.length === 0) return [];
  const before = readFileSync(devVars, "utf8");
  const separator = before === "" || before.endsWith("\n") ? "" : "\n";
  const block = missing.map(([, line]) => line).join("\n");
  appendFileSync(devVars, `${separator}# Added from ${example} by npm run dev:\n${block}\n`);
  return missing.map(([key]) => key);
}
