import type { PGlite } from "@electric-sql/pglite";
import type { PgliteSnapshot } from "@/lib/backup/snapshot";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { splitSqlStatements } from "./sql-split";
import { statementName } from "./statement-names";

/** An open database: the Prisma client, the adapter the migration engine uses, and how to close it. */
export interface Database {
  prisma: PrismaClient;
  factory: SqlMigrationAwareDriverAdapterFactory;
  kind: "pglite" | "postgres";
  /** PGlite in this thread only: the underlying instance (tests snapshot it). */
  pglite?: PGlite;
  /** PGlite only: a consistent snapshot for a backup (lib/backup/snapshot.ts). */
  snapshot?: () => Promise<PgliteSnapshot>;
  /** PGlite in its own thread only: settles with the error the thread died of (null once closed). */
  stopped?: Promise<Error | null>;
  close(): Promise<void>;
}

/**
 * How long a transaction may wait to start (Prisma's default is 2 s): a burst of writers, queued on
 * the pool's connections or PGlite's one connection and on the activity chain's head, waits its
 * turn instead of failing the user's save (seen with 20 simultaneous first saves on a busy machine).
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000 } as const;

/**
 * PostgreSQL needs no start-up work: the pool connects on first use. Kept apart from PGlite so Next's bundle never includes it.
 * With `preparedStatements` (DATABASE_PREPARED_STATEMENTS, on by default) each query is a named
 * prepared statement of its connection (statementName), parsed once and, past PostgreSQL's first
 * five runs, planned once when its generic plan is as good: a page's queries, with their relation
 * joins, spent more on planning than on running (Legal's exception list: 2.8 ms to plan, 1.1 ms to
 * run at 100,000 cases). Off for a pooler that cannot keep a connection's statements (PgBouncer in
 * transaction mode before 1.21).
 */
export function openPostgres(url: string, poolSize = 10, preparedStatements = true): Database {
  // Timestamps are stored as UTC in `timestamp` columns and compared with now() (job leases, run
  // times): the session's time zone must be UTC, whatever the server's default (issue 15 review).
  const config = { connectionString: url, max: poolSize, options: "-c TimeZone=UTC" };
  // The adapter passes the name to pg; no name (undefined) is an unnamed statement, as without the option.
  const named = preparedStatements ? { statementNameGenerator: statementName as (q: { sql: string }) => string } : {};
  const pool = new pg.Pool(config);
  if (preparedStatements) pool.on("connect", prepareAgainWhenStale);
  // The client's pool is this one, ended when the client disconnects; the migration engine has its own, as before.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { ...named, disposeExternalPool: true }), transactionOptions: TRANSACTION_OPTIONS });
  return { prisma, factory: migrationFactory(new PrismaPg(config, named)), kind: "postgres", close: () => prisma.$disconnect() };
}

/** PostgreSQL's refusal of a prepared statement whose result columns changed since it was prepared. */
export function isStalePlan(err: unknown): boolean {
  return (err as { code?: unknown })?.code === "0A000" && /cached plan must not change result type/.test(String((err as { message?: unknown }).message));
}

/**
 * A connection's named statements after another instance changed a table under them (a migration
 * in a rolling deploy: a column's type): PostgreSQL refuses such a statement on every run
 * ("cached plan must not change result type"), and pg, which parses a name once per connection,
 * would never prepare it again. So on that refusal the statement is closed (DEALLOCATE) and pg
 * forgets it. Outside a transaction the query then runs again, prepared anew. Inside one,
 * PostgreSQL has aborted the transaction, so the refusal stands (the caller's work fails and is
 * rolled back, nothing half done); the statement is closed before the connection's next use of it.
 */
function prepareAgainWhenStale(client: pg.PoolClient): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  const query = original as (config: unknown, values?: unknown) => Promise<pg.QueryResult>;
  const parsed = (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
  const stale = new Set<string>();
  const close = async (name: string) => {
    await query(`DEALLOCATE "${name}"`);
    stale.delete(name);
  };
  const run = async (config: { name?: string }, values: unknown): Promise<pg.QueryResult> => {
    const name = config.name!;
    // Closed before pg parses it again (a name PostgreSQL still holds would be refused), unless the transaction already failed.
    if (stale.has(name) && client.getTransactionStatus() !== "E") await close(name);
    try {
      return await query(config, values);
    } catch (err) {
      if (!isStalePlan(err)) throw err;
      delete parsed[name];
      stale.add(name);
      if (client.getTransactionStatus() !== "I") throw err;
      await close(name);
      return await query(config, values);
    }
  };
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof config === "object" && config !== null ? (config as { name?: unknown }).name : undefined;
    // Only this portal's names (statement-names.ts), which are plain identifiers; anything else as pg would.
    if (typeof name !== "string" || !/^ld_[0-9a-f]{40}$/.test(name)) return original(config, values, callback);
    if (typeof values === "function") [callback, values] = [values, undefined];
    const result = run(config as { name: string }, values);
    if (typeof callback !== "function") return result;
    result.then((r) => (callback as (e: unknown, r?: unknown) => void)(undefined, r), (e) => (callback as (e: unknown) => void)(e));
    return undefined;
  }) as typeof client.query;
}

/**
 * The factory the migration engine uses: the stock adapter splits a script at
 * every semicolon, even inside a PL/pgSQL body or a comment, so its scripts
 * are split here with `splitSqlStatements` instead (the same statements
 * PGlite runs).
 */
function migrationFactory(inner: PrismaPg): SqlMigrationAwareDriverAdapterFactory {
  const wrap = (adapter: Awaited<ReturnType<PrismaPg["connect"]>>): SqlDriverAdapter => {
    const pool: pg.Pool = adapter.underlyingDriver();
    const onError = (adapter as unknown as { onError(e: unknown): never }).onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      for (const stmt of splitSqlStatements(script)) {
        try {
          await pool.query(stmt);
        } catch (err) {
          onError(err);
        }
      }
    };
    return adapter;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => wrap(await inner.connect()),
    connectToShadowDb: async () => wrap(await inner.connectToShadowDb()),
  };
}
