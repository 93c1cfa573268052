/** What withTimeout rejects with when the time ran out. */
export const TIMED_OUT = Symbol("timed out");

/** `p`, or a rejection with TIMED_OUT after `ms` (p itself goes on; its outcome is then ignored). */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(TIMED_OUT), ms);
    timer.unref?.();
  });
  p.catch(() => {}); // lost to the timeout: not an unhandled rejection
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
