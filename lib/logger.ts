import pino, { type Logger } from "pino";
import { env } from "@/lib/env";
import { currentLogContext } from "@/lib/logging/context";

/**
 * The portal's one logger: JSON lines on stdout (pino), one object per line with `level`, `time`,
 * `msg`, the request's `requestId` and the `case` it concerns when there is one (lib/logging/context.ts),
 * and whatever the call adds. An error goes under `err` and is written with its whole cause chain
 * (`err.cause`, `err.cause.cause`, ...), so the layer that handles it logs it once; layers that only
 * pass it on do not log it. Secrets are never written: the fields below are replaced by
 * "[redacted]" wherever a call puts them, and no call logs a request's body or headers whole.
 *
 * The call sites' API: `logger.info("message", { some: "fields" })`.
 */
type Level = "debug" | "info" | "warn" | "error";

const SECRET_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "apiToken",
  "accessToken",
  "refreshToken",
  "sessionToken",
  "secret",
  "clientSecret",
  "authorization",
  "cookie",
  "set-cookie",
] as const;

/** pino `redact` paths: the secret fields at the top of a line and up to two objects down (headers, err, its cause). */
export const REDACT_PATHS: string[] = SECRET_FIELDS.flatMap((f) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(f) ? f : `["${f}"]`;
  const join = (prefix: string) => (key.startsWith("[") ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key, join("*"), join("*.*")];
});

export const REDACT_CENSOR = "[redacted]";

/** The pino options (exported for the tests: they build a logger on a stream of their own). */
export function loggerOptions(level: Level): pino.LoggerOptions {
  return {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    base: { pid: process.pid },
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.errWithCause },
    redact: { paths: REDACT_PATHS, censor: REDACT_CENSOR },
    mixin() {
      const c = currentLogContext();
      return c ? (c.case ? { requestId: c.requestId, case: c.case } : { requestId: c.requestId }) : {};
    },
  };
}

function configuredLevel(): Level {
  try {
    return env().LOG_LEVEL;
  } catch {
    return "info"; // an invalid configuration is reported elsewhere
  }
}

// One pino instance per process: server.ts (tsx) and the Next bundle each load this module.
const KEY = Symbol.for("logdesk.pino");
type WithPino = typeof globalThis & { [KEY]?: Logger };
function base(): Logger {
  const g = globalThis as WithPino;
  return (g[KEY] ??= pino(loggerOptions(configuredLevel())));
}

function write(level: Level, message: string, extra?: Record<string, unknown>) {
  const log = base();
  if (extra) log[level](extra, message);
  else log[level](message);
}

export const logger = {
  debug: (m: string, e?: Record<string, unknown>) => write("debug", m, e),
  info: (m: string, e?: Record<string, unknown>) => write("info", m, e),
  warn: (m: string, e?: Record<string, unknown>) => write("warn", m, e),
  error: (m: string, e?: Record<string, unknown>) => write("error", m, e),
};
