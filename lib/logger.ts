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

/**
 * Key names whose values are secrets wherever they appear, in any letter case and at any depth
 * (pino's paths above are exact and shallow): an `Authorization` header three levels down in an
 * error's cause, the tracker's `PRIVATE-TOKEN`, a `csrfToken`, an `x-api-key`.
 */
export const SECRET_KEY = /pass(word|phrase)?$|passwd|token|secret|authori[sz]ation|cookie|api[-_]?key|credential|private[-_]?key/i;
const MAX_DEPTH = 8;

/** A copy of `value` with every secret-named key's value censored (Errors are read as plain objects). */
export function censorSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => censorSecrets(v, depth + 1));
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACT_CENSOR : censorSecrets(v, depth + 1);
  return out;
}

/** Censors a line's fields, except errors (censored after their serializer made plain objects of them). */
function censorLine(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = SECRET_KEY.test(k) ? REDACT_CENSOR : v instanceof Error ? v : censorSecrets(v);
  return out;
}

/** The pino options (exported for the tests: they build a logger on a stream of their own). */
export function loggerOptions(level: Level): pino.LoggerOptions {
  return {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    base: { pid: process.pid },
    formatters: { level: (label) => ({ level: label }), log: censorLine },
    serializers: { err: (e: Error) => censorSecrets(pino.stdSerializers.errWithCause(e)) as Record<string, unknown> },
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
