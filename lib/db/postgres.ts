import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "@/generated/prisma/client";

/** An open database: the Prisma client, the adapter the migration engine uses, and how to close it. */
export interface Database {
  prisma: PrismaClient;
  factory: SqlMigrationAwareDriverAdapterFactory;
  kind: "pglite" | "postgres";
  /** PGlite only: the underlying instance (tests snapshot it). */
  pglite?: PGlite;
  close(): Promise<void>;
}

/** PostgreSQL needs no start-up work: the pool connects on first use. Kept apart from PGlite so Next's bundle never includes it. */
export function openPostgres(url: string, poolSize = 10): Database {
  const factory = new PrismaPg({ connectionString: url, max: poolSize });
  const prisma = new PrismaClient({ adapter: factory });
  return { prisma, factory, kind: "postgres", close: () => prisma.$disconnect() };
}
