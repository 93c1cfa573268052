import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { withStatementCache } from "./pglite-statements";

/**
 * PGlite ships PostgreSQL's contrib extensions as separate modules that must
 * be loaded when an instance is created. The migrations use pg_trgm (trigram
 * indexes for the case search), so every instance we create loads it.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

/**
 * PostgreSQL's own choice between a prepared statement's generic plan and one made for each run's
 * values (plan_cache_mode auto), as on the PostgreSQL path. A generic plan is made from the tables'
 * statistics at that moment and kept until a table's statistics change; PGlite has no autovacuum,
 * so the housekeeping (lib/db/maintenance.ts, each minute from lib/server/background.ts) analyzes a
 * table that has grown, and that makes PostgreSQL plan its statements again. Seen before it ran
 * that often: the outbox's lookup by key kept the sequential scan chosen while the outbox was empty,
 * and a first reminder scan writing 20,000 reminders took over 15 minutes instead of 5. Plans made
 * for every run instead (`force_custom_plan`) cost the case page's main read 4.1 ms instead of 0.9
 * (100,000 cases).
 */
export function createPGlite(dataDir?: string, options: Omit<PGliteOptions, "extensions"> = {}) {
  return PGlite.create({ ...options, ...(dataDir ? { dataDir } : {}), extensions: PGLITE_EXTENSIONS });
}

/**
 * The Prisma adapter factory for a PGlite instance. The stock factory's shadow
 * database (used by the migration engine to replay migrations) is a bare
 * PGlite without extensions; ours loads them too. With `preparedStatements`
 * (DATABASE_PREPARED_STATEMENTS, on by default) the adapter's queries go
 * through the instance's statement cache (lib/db/pglite-statements.ts).
 */
export function pgliteAdapterFactory(pglite: PGlite, preparedStatements = true): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPGlite((preparedStatements ? withStatementCache(pglite) : pglite) as PGlite);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => inner.connect(),
    async connectToShadowDb() {
      return new PrismaPGlite(await createPGlite()).connect();
    },
  };
}
