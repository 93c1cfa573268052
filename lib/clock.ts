import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The time services write (requestedAt, acceptedAt, relays, decisions, the activity log's `at`):
 * the real time, unless the caller runs them inside `withClock`. The demo history (lib/demo/history.ts)
 * runs the same services with a clock set back over the last 90 days; tests may do the same. Only
 * the async work started inside `fn` sees the clock, so requests served meanwhile keep real time.
 */
const clocks = new AsyncLocalStorage<() => Date>();

export function now(): Date {
  const clock = clocks.getStore();
  return clock ? clock() : new Date();
}

export function withClock<T>(clock: () => Date, fn: () => Promise<T>): Promise<T> {
  return clocks.run(clock, fn);
}

/** Whether the current async context runs on an injected clock. */
export function hasInjectedClock(): boolean {
  return clocks.getStore() !== undefined;
}
