import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrations";
import { openDatabase } from "@/lib/db/open";
import { createPGlite, pgliteAdapterFactory } from "@/lib/db/pglite";
import { seedReferenceData } from "@/lib/demo/seed";
import { PG_TEMPLATE_DB, SNAPSHOT_FILE, testPostgresUrl, withDatabaseName } from "./template";

/**
 * Runs once per integration run: migrates a template database with the real
 * migrations, which each test file then copies (PGlite: a data-dir snapshot;
 * PostgreSQL: CREATE DATABASE ... TEMPLATE).
 */
export default async function setup() {
  const url = testPostgresUrl();
  if (url) {
    const admin = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
    await admin.end();
    const d = await openDatabase({ kind: "postgres", url: withDatabaseName(url, PG_TEMPLATE_DB) });
    await applyMigrations(d.factory);
    await seedReferenceData(d.prisma);
    await d.close();
    return;
  }
  const pglite = await createPGlite();
  await applyMigrations(pgliteAdapterFactory(pglite));
  const { PrismaClient } = await import("@/generated/prisma/client");
  const prisma = new PrismaClient({ adapter: pgliteAdapterFactory(pglite) });
  await seedReferenceData(prisma);
  await prisma.$disconnect();
  const dump = await pglite.dumpDataDir("gzip");
  mkdirSync(path.dirname(SNAPSHOT_FILE), { recursive: true });
  writeFileSync(SNAPSHOT_FILE, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
}
