/**
 * At most one recorded event per key (a client address) per window, counting the ones left out so
 * the next recorded event says how many there were. For refusals anyone can cause at will without
 * signing in (a scraper with a wrong metrics token every 15 s): the security-event table is
 * append-only, so each would otherwise be a row kept for ever. Pure apart from its own memory;
 * per process.
 */
export function createEventThrottle(windowMs: number, maxKeys = 10_000) {
  const seen = new Map<string, { at: number; suppressed: number }>();
  return {
    /** Whether to record now, and how many were left out since the last recorded one. */
    take(key: string, now = Date.now()): { record: boolean; suppressed: number } {
      const last = seen.get(key);
      if (last && now - last.at < windowMs) {
        last.suppressed++;
        return { record: false, suppressed: last.suppressed };
      }
      const suppressed = last?.suppressed ?? 0;
      seen.delete(key); // re-inserted last: the map's order is the eviction order
      seen.set(key, { at: now, suppressed: 0 });
      if (seen.size > maxKeys) seen.delete(seen.keys().next().value!);
      return { record: true, suppressed };
    },
  };
}
