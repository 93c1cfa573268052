import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What every log line written while serving one request carries: its request id and, once a case
 * service has found the case the request concerns, that case's id (`case`). server.ts opens the
 * context around each request; whatever runs inside it (Next, server actions, route handlers,
 * services) inherits it through AsyncLocalStorage.
 *
 * server.ts (loaded by tsx) and the Next bundle each get their own copy of this module, so the
 * storage itself lives on globalThis: both copies must see the same one.
 */
export interface LogContext {
  requestId: string;
  case?: string;
}

const KEY = Symbol.for("logdesk.logContext");
type WithStore = typeof globalThis & { [KEY]?: AsyncLocalStorage<LogContext> };

function storage(): AsyncLocalStorage<LogContext> {
  const g = globalThis as WithStore;
  return (g[KEY] ??= new AsyncLocalStorage<LogContext>());
}

/** Runs `fn` with `context` as the log context of everything it does. */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage().run(context, fn);
}

/** The current request's log context, if there is one (background jobs have none). */
export function currentLogContext(): LogContext | undefined {
  return storage().getStore();
}

/** From here on, this request's log lines name the case `id` (the case guard calls it). */
export function setLogCase(id: string): void {
  const store = storage().getStore();
  if (store) store.case = id;
}
