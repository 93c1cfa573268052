// Issue 15, several instances: two instances started at once on one fresh PostgreSQL database.
// Each applies migrations, seals the activity chain, writes reference data and (asked for) the demo
// staff; without the start-up lock (lib/server/boot.ts withStartupLock) they raced on the same
// CREATE TABLEs and demo rows. PostgreSQL only: the embedded database has one process per folder.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_STAFF } from "@/lib/demo/data";
import { env } from "@/lib/env";
import { bootDatabase, type BootResult } from "@/lib/server/boot";
import { testPostgresUrl, withDatabaseName } from "../support/template";

const url = testPostgresUrl();
const name = `logdesk_boot_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const dir = mkdtempSync(path.join(os.tmpdir(), "logdesk-boot-"));

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: withDatabaseName(url!, "postgres") });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (url) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
});

describe.skipIf(!url)("two instances starting at once on one PostgreSQL database", () => {
  it("migrate, seed reference data and the demo staff once, one after the other, and both start", { timeout: 180_000 }, async () => {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const e = { ...env(), DATABASE_URL: withDatabaseName(url!, name), DATABASE_POOL_SIZE: 3, embedded: false, LOGDESK_DEMO_DATA: true, LOGDESK_DEMO_HISTORY: false, dataDir: dir, blobDir: path.join(dir, "blobs") };
    const boots: BootResult[] = await Promise.all([bootDatabase(e), bootDatabase(e)]);
    try {
      // One of them seeded the demo staff; the other found the database no longer empty.
      expect(boots.map((b) => b.seededDemo).sort()).toEqual([false, true]);
      // One applied every migration, the other none (they ran one after the other).
      expect(boots.map((b) => b.applied.length).sort((a, b) => a - b)[0]).toBe(0);
      const prisma = boots[0]!.database.prisma;
      expect(await prisma.user.count()).toBe(DEMO_STAFF.length);
      expect(await prisma.activityLog.count({ where: { action: "user.seedDemo" } })).toBe(DEMO_STAFF.length);
      expect(await prisma.calendar.count()).toBe(2);
      const migrations = await prisma.$queryRawUnsafe<{ n: bigint; distinct: bigint }[]>(`SELECT count(*) AS n, count(DISTINCT migration_name) AS distinct FROM _prisma_migrations`);
      expect(migrations[0]!.n).toBe(migrations[0]!.distinct);
    } finally {
      await Promise.all(boots.map((b) => b.database.close()));
    }
  });
});
