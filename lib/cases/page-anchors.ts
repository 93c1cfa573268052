/**
 * Where a list's pages by number began, remembered a minute (issue 15). A page chosen by its number
 * far down the list (`?page=200`, from a bookmark, a shared link or a reload) skips every row before
 * it: SIRT's page 200 read 25,000 index entries to skip 5,000 cases, 6.6 ms of PGlite's time on
 * each request. Reading it, the list remembers the row just before the page and the page's last
 * row: the same page again, and the page after it by number, are then read from there like a
 * Next link (lib/cases/keyset.ts), through the sort's index.
 *
 * Only the position is kept, never rows: the page's rows, the visibility and the filters are read
 * afresh each time. What can differ from a fresh OFFSET for at most a minute is which rows count as
 * "page N" when cases were added or removed before it in that minute: the page starts where it
 * started a moment ago instead of shifting by those rows, as a Next link does.
 *
 * Keys name the list and everything its order depends on (who, the scope, the filters, the sort)
 * and the page; one process's memory, at most MAX_KEYS keys, oldest dropped first.
 */
export const ANCHOR_TTL_MS = 60_000;
const MAX_KEYS = 5_000;

export class PageAnchors {
  private readonly kept = new Map<string, { cursor: string; until: number }>();
  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = ANCHOR_TTL_MS,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  /** The cursor of the row just before `page` of the list `list`, when it was read within the TTL. */
  get(list: string, page: number): string | undefined {
    const key = `${page} ${list}`;
    const hit = this.kept.get(key);
    if (!hit) return undefined;
    if (hit.until > this.now()) return hit.cursor;
    this.kept.delete(key);
    return undefined;
  }

  /** Remembers that `page` of the list `list` begins after the row whose cursor this is. */
  set(list: string, page: number, cursor: string): void {
    const key = `${page} ${list}`;
    this.kept.delete(key); // re-inserted last: the Map's order is the eviction order
    this.kept.set(key, { cursor, until: this.now() + this.ttlMs });
    while (this.kept.size > this.maxKeys) this.kept.delete(this.kept.keys().next().value!);
  }

  /** Forgets every page (tests; a deployment never needs it). */
  clear(): void {
    this.kept.clear();
  }

  get size(): number {
    return this.kept.size;
  }
}

/** The process's anchors for the case list's pages by number. */
export const pageAnchors = new PageAnchors();
