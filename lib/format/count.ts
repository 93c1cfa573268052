/**
 * Counts on large lists stop at COUNT_CAP (issue 15): counting every one of 40,000 visible cases on
 * each request cost more than the rest of the page. A count query is asked for COUNT_CAP + 1 rows
 * (`take: COUNT_CAP + 1`), so it reads at most that many; what it returns is shown as "1,000+".
 */
export const COUNT_CAP = 1000;

/** What a capped count query returned, as a total that says whether it is exact. */
export interface CappedTotal {
  /** The exact count, or COUNT_CAP when there are more. */
  total: number;
  /** There are more than `total`. */
  capped: boolean;
}

export function cappedTotal(counted: number, cap = COUNT_CAP): CappedTotal {
  return counted > cap ? { total: cap, capped: true } : { total: counted, capped: false };
}

/** "1,000+" for a capped total, "42" otherwise (en grouping). */
export function formatCount(t: CappedTotal): string {
  return `${t.total.toLocaleString("en")}${t.capped ? "+" : ""}`;
}

/**
 * A list's count when its first page already holds all of it: a page read with one row more than
 * it shows, on page 1, that came back with no more than a page is the whole list, so its length is
 * the exact total and no count query is sent (issue 15: most people's lists are short, and each
 * query costs PGlite about a millisecond of its one thread). Otherwise `count()`.
 */
export function countUnlessWhole(page: number, read: number, pageSize: number, count: () => Promise<number>): Promise<number> {
  return page <= 1 && read <= pageSize ? Promise.resolve(read) : count();
}
