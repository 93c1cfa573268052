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
 * Every plan made for the values of its run (`plan_cache_mode=force_custom_plan`): a prepared
 * statement (lib/db/pglite-statements.ts) would otherwise keep, after its fifth run, a generic plan
 * made from the tables' sizes at that moment, and PGlite has no autovacuum whose statistics would
 * make PostgreSQL plan it again as they grow. Seen: the outbox's lookup by key kept the sequential
 * scan chosen while it was nearly empty, and a first reminder scan writing 20,000 reminders took
 * over 15 minutes instead of 5. A custom plan reads the table's current size each time.
 */
const START_PARAMS = [...PGlite.defaultStartParams, "-c", "plan_cache_mode=force_custom_plan"];

export function createPGlite(dataDir?: string, options: Omit<PGliteOptions, "extensions" | "startParams"> = {}) {
  return PGlite.create({ ...options, ...(dataDir ? { dataDir } : {}), extensions: PGLITE_EXTENSIONS, startParams: START_PARAMS });
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
