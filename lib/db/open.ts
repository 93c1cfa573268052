import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "@/generated/prisma/client";
import type { Database } from "./postgres";
import { lockDataDir, type DirLock } from "./lock";
import { openPostgres, TRANSACTION_OPTIONS } from "./postgres";
import { snapshotPglite } from "@/lib/backup/snapshot";
import { createPGlite, pgliteAdapterFactory } from "./pglite";
import { openPgliteThread } from "./pglite-thread";

export type { Database } from "./postgres";

export type OpenOptions =
  /** `preparedStatements`: DATABASE_PREPARED_STATEMENTS (lib/db/postgres.ts, lib/db/pglite-statements.ts); on when not given. */
  | { kind: "postgres"; url: string; poolSize?: number; preparedStatements?: boolean }
  /** `thread`: PGlite runs in a thread of its own (the server: lib/db/pglite-thread.ts). */
  | { kind: "pglite-dir"; dataDir: string; thread?: boolean; preparedStatements?: boolean }
  | { kind: "pglite-memory"; loadDataDir?: Blob | File; preparedStatements?: boolean };

export { openPostgres };

/**
 * The embedded database's folder exists but PGlite cannot open it: an unclean stop (a kill, a
 * power cut) can leave it so (electric-sql/pglite#327; the crash test counts how often, see
 * docs/decisions/0016). The message says what to do; the cause is kept.
 */
export class DataDirUnopenableError extends Error {
  constructor(readonly dir: string, cause: unknown) {
    super(
      `The embedded database in ${dir} could not be opened (${cause instanceof Error ? cause.message : String(cause)}). ` +
        `Nothing was changed. Keep a copy of that folder, then either restore your latest backup into a new ` +
        `folder (npm run restore; README, Operations) and start with LOGDESK_DATA_DIR set to it, or, if it holds nothing ` +
        `you need, start with an empty LOGDESK_DATA_DIR.`,
      { cause },
    );
    this.name = "DataDirUnopenableError";
  }
}

/**
 * The database the settings name, for the command-line scripts (db, audit:verify, audit:checkpoint):
 * PostgreSQL at DATABASE_URL, or the embedded folder, each with DATABASE_PREPARED_STATEMENTS. The
 * server opens its own (lib/server/boot.ts: PGlite in its thread, PostgreSQL under the start-up lock).
 */
export function openConfigured(e: { DATABASE_URL?: string; DATABASE_PREPARED_STATEMENTS: boolean; dataDir: string }): Promise<Database> {
  const preparedStatements = e.DATABASE_PREPARED_STATEMENTS;
  return openDatabase(e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL, preparedStatements } : { kind: "pglite-dir", dataDir: e.dataDir, preparedStatements });
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.kind === "postgres") return openPostgres(opts.url, opts.poolSize, opts.preparedStatements);
  let lock: DirLock | undefined;
  let pglite: PGlite;
  if (opts.kind === "pglite-dir" && opts.thread) {
    lock = lockDataDir(opts.dataDir);
    let thread;
    try {
      thread = await openPgliteThread(path.join(opts.dataDir, "pglite"), opts.preparedStatements);
    } catch (err) {
      lock.release();
      throw new DataDirUnopenableError(path.join(path.resolve(opts.dataDir), "pglite"), err);
    }
    const prisma = new PrismaClient({ adapter: thread.factory, transactionOptions: TRANSACTION_OPTIONS });
    const held = lock;
    return {
      prisma,
      factory: thread.factory,
      kind: "pglite",
      snapshot: () => thread.snapshot(),
      stopped: thread.stopped,
      async close() {
        try {
          await prisma.$disconnect();
          await thread.close();
        } finally {
          held.release();
        }
      },
    };
  }
  if (opts.kind === "pglite-dir") {
    lock = lockDataDir(opts.dataDir);
    try {
      pglite = await createPGlite(path.join(opts.dataDir, "pglite"));
      // A damaged folder can open and fail only at its first query.
      await pglite.query("SELECT 1");
    } catch (err) {
      lock.release();
      throw new DataDirUnopenableError(path.join(path.resolve(opts.dataDir), "pglite"), err);
    }
  } else {
    pglite = await createPGlite(undefined, { loadDataDir: opts.loadDataDir });
  }
  const factory = pgliteAdapterFactory(pglite, opts.preparedStatements);
  const prisma = new PrismaClient({ adapter: factory, transactionOptions: TRANSACTION_OPTIONS });
  return {
    prisma,
    factory,
    kind: "pglite",
    pglite,
    snapshot: () => snapshotPglite(pglite),
    async close() {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
      lock?.release();
    },
  };
}
