// Where a server that a spec starts itself writes its output: files in E2E_SPEC_LOG_DIR (one .log for
// its JSON stdout, one .stderr), so global-teardown.ts scans them for secrets like the shared server's.
import { mkdirSync, openSync, readdirSync } from "node:fs";
import path from "node:path";

function dir(): string {
  const d = process.env.E2E_SPEC_LOG_DIR;
  if (!d) throw new Error("E2E_SPEC_LOG_DIR is unset (playwright.config.ts sets it)");
  mkdirSync(d, { recursive: true });
  return d;
}

let starts = 0;

/** `stdio` for spawn: no stdin, stdout and stderr written to `<name>-<port>-<start>.log` and `.stderr` (one pair per start, so each holds one start-up banner). */
export function specServerStdio(name: string, port: number): ["ignore", number, number] {
  const base = path.join(dir(), `${name}-${port}-${process.pid}-${++starts}`);
  return ["ignore", openSync(`${base}.log`, "w"), openSync(`${base}.stderr`, "w")];
}

/** The spec servers' logs of this run: each .log with its .stderr. */
export function specServerLogs(): { log: string; stderr: string }[] {
  const d = process.env.E2E_SPEC_LOG_DIR;
  if (!d) return [];
  let names: string[];
  try {
    names = readdirSync(d);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith(".log")).map((n) => ({ log: path.join(d, n), stderr: path.join(d, n.replace(/\.log$/, ".stderr")) }));
}
