/** Delay before retry N (1-based): 5 s, 10 s, 20 s ... capped at 1 hour, with up to 20% jitter. */
export function retryDelayMs(attempt: number, random = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (1 + 0.2 * random()));
}
