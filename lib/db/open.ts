import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "@/generated/prisma/client";
import { lockDataDir, type DirLock } from "./lock";
import { createPGlite, pgliteAdapterFactory } from "./pglite";

/** An open database: the Prisma client, the adapter the migration engine uses, and how to close it. */
export interface Database {
  prisma: PrismaClient;
  factory: SqlMigrationAwareDriverAdapterFactory;
  kind: "pglite" | "postgres";
  /** PGlite only: the underlying instance (tests snapshot it). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export type OpenOptions =
  | { kind: "postgres"; url: string }
  | { kind: "pglite-dir"; dataDir: string }
  | { kind: "pglite-memory"; loadDataDir?: Blob | File };

/** PostgreSQL needs no start-up work: the pool connects on first use. */
export function openPostgres(url: string, poolSize = 10): Database {
  const factory = new PrismaPg({ connectionString: url, max: poolSize });
  const prisma = new PrismaClient({ adapter: factory });
  return { prisma, factory, kind: "postgres", close: () => prisma.$disconnect() };
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.kind === "postgres") return openPostgres(opts.url);
  let lock: DirLock | undefined;
  let pglite: PGlite;
  if (opts.kind === "pglite-dir") {
    lock = lockDataDir(opts.dataDir);
    try {
      pglite = await createPGlite(path.join(opts.dataDir, "pglite"));
    } catch (err) {
      lock.release();
      throw err;
    }
  } else {
    pglite = await createPGlite(undefined, { loadDataDir: opts.loadDataDir });
  }
  const factory = pgliteAdapterFactory(pglite);
  const prisma = new PrismaClient({ adapter: factory });
  return {
    prisma,
    factory,
    kind: "pglite",
    pglite,
    async close() {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
      lock?.release();
    },
  };
}
