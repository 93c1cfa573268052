import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "@/generated/prisma/client";
import type { Database } from "./postgres";
import { lockDataDir, type DirLock } from "./lock";
import { openPostgres, TRANSACTION_OPTIONS } from "./postgres";
import { createPGlite, pgliteAdapterFactory } from "./pglite";

export type { Database } from "./postgres";

export type OpenOptions =
  | { kind: "postgres"; url: string }
  | { kind: "pglite-dir"; dataDir: string }
  | { kind: "pglite-memory"; loadDataDir?: Blob | File };

export { openPostgres };

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
  const prisma = new PrismaClient({ adapter: factory, transactionOptions: TRANSACTION_OPTIONS });
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
