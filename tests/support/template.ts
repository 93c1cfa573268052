import path from "node:path";

/** Where the migrated PGlite snapshot lives, and the PostgreSQL template database's name. */
export const SNAPSHOT_FILE = path.resolve("node_modules/.cache/logdesk/pglite-template.tar.gz");
export const PG_TEMPLATE_DB = "logdesk_test_template";

/** TEST_DATABASE_URL (set by scripts/test-postgres.sh) switches the integration suite to PostgreSQL. */
export function testPostgresUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
