import type { PrismaClient } from "@/generated/prisma/client";

/**
 * The embedded database's housekeeping. PGlite runs PostgreSQL as a single backend with no
 * autovacuum, so nothing ever marks its tables' pages all-visible (which index-only scans need:
 * the case list's deep pages, issue 15), reclaims the rows updates leave behind, or refreshes the
 * planner's statistics as the tables grow. On PostgreSQL the server's autovacuum does all of it
 * and this is never run.
 */

export interface TableState {
  table: string;
  /**
   * Pages now (the table's size: pg_class.relpages is only renewed by VACUUM or ANALYZE, so a table
   * analyzed while empty stayed at 0 pages, under SMALL_TABLE_PAGES, and was never looked at again),
   * and pages marked all-visible as of the last VACUUM (pg_class).
   */
  pages: number;
  allVisiblePages: number;
  /** Rows as of the last VACUUM or ANALYZE (pg_class.reltuples; -1 when never analyzed). */
  rows: number;
  /** Since this process opened the database (PGlite keeps no statistics across restarts). */
  deadRows: number;
  insertedSinceVacuum: number;
  modifiedSinceAnalyze: number;
}

export type Upkeep = "vacuum" | "analyze" | null;

/** Tables smaller than this many pages (8 KB each) are left alone: a scan of them costs nothing. */
export const SMALL_TABLE_PAGES = 8;

/**
 * What a table needs, by autovacuum's default thresholds (a base plus a share of the table's rows),
 * and, because the counters start at zero each time the database is opened, by the share of its
 * pages not all-visible: a table written to before this start (a bulk import, the last run's
 * work) is caught by that.
 */
export function upkeepFor(t: TableState): Upkeep {
  if (t.pages < SMALL_TABLE_PAGES) return null;
  const rows = Math.max(t.rows, 0);
  const vacuum =
    t.allVisiblePages < t.pages / 2 || t.deadRows > 50 + 0.2 * rows || t.insertedSinceVacuum > 1000 + 0.2 * rows;
  if (vacuum) return "vacuum";
  if (t.rows < 0 || t.modifiedSinceAnalyze > 50 + 0.1 * rows) return "analyze";
  return null;
}

/** Each table's state, biggest first. */
async function tableStates(prisma: PrismaClient): Promise<TableState[]> {
  // The counters of the last second's writes are flushed when the connection next goes idle.
  await prisma.$executeRawUnsafe(`SELECT pg_stat_force_next_flush()`);
  const rows = await prisma.$queryRawUnsafe<
    { table: string; pages: number; all_visible: number; tuples: number; dead: bigint | null; ins: bigint | null; mod: bigint | null }[]
  >(
    `SELECT c.relname AS "table", (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS pages, c.relallvisible AS all_visible, c.reltuples::float8 AS tuples,
            s.n_dead_tup AS dead, s.n_ins_since_vacuum AS ins, s.n_mod_since_analyze AS mod
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      ORDER BY pages DESC`,
  );
  return rows.map((r) => ({
    table: r.table,
    pages: Number(r.pages),
    allVisiblePages: Number(r.all_visible),
    rows: Number(r.tuples),
    deadRows: Number(r.dead ?? 0),
    insertedSinceVacuum: Number(r.ins ?? 0),
    modifiedSinceAnalyze: Number(r.mod ?? 0),
  }));
}

/**
 * VACUUM (ANALYZE) or ANALYZE each table that needs it, one table per statement so that the
 * requests waiting on the single connection get their turn between tables. Returns what was done.
 */
export async function maintainEmbeddedDatabase(prisma: PrismaClient): Promise<{ table: string; did: Exclude<Upkeep, null>; ms: number }[]> {
  const done: { table: string; did: Exclude<Upkeep, null>; ms: number }[] = [];
  for (const t of await tableStates(prisma)) {
    const need = upkeepFor(t);
    if (!need) continue;
    const started = performance.now();
    // The name comes from pg_class (a table of the schema), quoted as an identifier.
    const name = `"${t.table.replaceAll('"', '""')}"`;
    await prisma.$executeRawUnsafe(need === "vacuum" ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
    done.push({ table: t.table, did: need, ms: Math.round(performance.now() - started) });
  }
  return done;
}
