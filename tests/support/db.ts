import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { installDatabase, type Database } from "@/lib/db";
import { openDatabase, openPostgres } from "@/lib/db/open";
import { PG_TEMPLATE_DB, SNAPSHOT_FILE, testPostgresUrl, withDatabaseName } from "./template";

/** A fresh, migrated database for one test file: PGlite in memory, or a PostgreSQL copy of the template. */
export async function openTestDatabase(): Promise<Database & { name: string }> {
  const url = testPostgresUrl();
  if (!url) {
    const snapshot = new Blob([readFileSync(SNAPSHOT_FILE)]);
    return Object.assign(await openDatabase({ kind: "pglite-memory", loadDataDir: snapshot }), { name: "pglite" });
  }
  const name = `logdesk_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
  await admin.connect();
  // Copying a template needs it free of other sessions: one copy at a time across workers.
  await admin.query("SELECT pg_advisory_lock(7244)");
  try {
    // A pool that closed lazily may still hold an idle session on the template.
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [PG_TEMPLATE_DB]);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE_DB}`);
  } finally {
    await admin.query("SELECT pg_advisory_unlock(7244)");
    await admin.end();
  }
  const d = openPostgres(withDatabaseName(url, name), 5);
  return {
    ...d,
    name,
    async close() {
      await d.close();
      const a = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Installs a fresh database as the app's `db()` for the test file, and closes it afterwards. */
export function useTestDatabase(): { current: Database } {
  const ref = {} as { current: Database };
  beforeAll(async () => {
    ref.current = await openTestDatabase();
    installDatabase(ref.current);
  });
  afterAll(async () => {
    installDatabase(undefined);
    await ref.current?.close();
  });
  return ref;
}
