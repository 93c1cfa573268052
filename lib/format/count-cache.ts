/**
 * Remembers, for a minute, that a list's count reached the cap (issue 15). A capped count reads
 * COUNT_CAP + 1 rows on every request only to print "1,000+"; a CSM's list at 100,000 cases spent
 * 13 ms of the database's time on it per page, on a 2-core machine whose other core serves the
 * pages. Only capped counts are kept: an exact total ("1–25 of 37") is always counted afresh, so the
 * one thing that can be stale is "1,000+" for a list that has just dropped below it, for at most a
 * minute (rows and the Next link come from the page's own read, never from here).
 *
 * Keys name the list and everything its count depends on (who, the scope, the filters); one
 * process's memory, at most MAX_KEYS keys, oldest dropped first.
 */
import { COUNT_CAP } from "./count";

export const CAPPED_TTL_MS = 60_000;
const MAX_KEYS = 5_000;

export class CappedCountCache {
  private readonly until = new Map<string, number>();
  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = CAPPED_TTL_MS,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  /** The count as `count` returns it (at most cap + 1), from memory when this key was capped within the TTL. */
  async count(key: string, count: () => Promise<number>, cap = COUNT_CAP): Promise<number> {
    const known = this.known(key, cap);
    if (known !== undefined) return known;
    const n = await count();
    this.remember(key, n, cap);
    return n;
  }

  /** cap + 1 when this key was capped within the TTL; otherwise undefined (count it, then `remember`). */
  known(key: string, cap = COUNT_CAP): number | undefined {
    const until = this.until.get(key);
    if (until === undefined) return undefined;
    if (until > this.now()) return cap + 1;
    this.until.delete(key);
    return undefined;
  }

  /** A count just made for this key: kept when it passed the cap, forgotten otherwise. */
  remember(key: string, n: number, cap = COUNT_CAP): void {
    this.until.delete(key); // re-inserted last: the Map's order is the eviction order
    if (n <= cap) return;
    this.until.set(key, this.now() + this.ttlMs);
    while (this.until.size > this.maxKeys) this.until.delete(this.until.keys().next().value!);
  }

  /** Forgets every key (tests; a deployment never needs it). */
  clear(): void {
    this.until.clear();
  }

  get size(): number {
    return this.until.size;
  }
}

/** The process's cache for list counts. */
export const cappedCounts = new CappedCountCache();
