import { env } from "@/lib/env";

/** Structured one-line logs to stdout/stderr. */
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  try {
    return ORDER[env().LOG_LEVEL];
  } catch {
    return ORDER.info; // an invalid configuration is reported elsewhere
  }
}

function serialise(extra?: Record<string, unknown>) {
  if (!extra) return "";
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(extra)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  return " " + JSON.stringify(out);
}

function log(level: Level, message: string, extra?: Record<string, unknown>) {
  if (ORDER[level] < threshold()) return;
  const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}${serialise(extra)}`;
  (level === "error" || level === "warn" ? console.error : console.log)(line);
}

export const logger = {
  debug: (m: string, e?: Record<string, unknown>) => log("debug", m, e),
  info: (m: string, e?: Record<string, unknown>) => log("info", m, e),
  warn: (m: string, e?: Record<string, unknown>) => log("warn", m, e),
  error: (m: string, e?: Record<string, unknown>) => log("error", m, e),
};
