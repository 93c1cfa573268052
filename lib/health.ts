import "server-only";
import { db } from "@/lib/db";
import { migrationNames } from "@/lib/db/migration-files";
import { VERSION } from "@/lib/version";

export interface Health {
  ok: boolean;
  version: string;
  database: { ok: boolean; error?: string };
  migrations: { ok: boolean; pending: string[]; applied: number };
}

/** Database reachable, every migration on disk applied, and the version. Never throws. */
export async function checkHealth(): Promise<Health> {
  const health: Health = { ok: false, version: VERSION, database: { ok: false }, migrations: { ok: false, pending: [], applied: 0 } };
  try {
    await db().$queryRaw`SELECT 1`;
    health.database.ok = true;
    const rows = await db().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.migration_name));
    const pending = (await migrationNames()).filter((m) => !applied.has(m));
    health.migrations = { ok: pending.length === 0, pending, applied: applied.size };
  } catch (err) {
    health.database.error = health.database.ok ? undefined : "The database cannot be reached.";
    if (health.database.ok) health.migrations = { ok: false, pending: ["(could not read the migrations table)"], applied: 0 };
    void err;
  }
  health.ok = health.database.ok && health.migrations.ok;
  return health;
}
