import { describe, expect, it } from "vitest";
import { readSchema } from "@/lib/db/migration-files";
import { migrationNames, pendingSchemaSql } from "@/lib/db/migrations";
import { checkHealth } from "@/lib/health";
import { useTestDatabase } from "../support/db";

const database = useTestDatabase();

describe("migrations", () => {
  it("the checked-in migrations produce exactly prisma/schema.prisma (fails on a schema change without a migration)", async () => {
    expect(await pendingSchemaSql()).toBe("");
  }, 120_000); // replays every migration into two fresh PGlite instances

  it("the same check catches a schema change that has no migration", async () => {
    const changed = (await readSchema()).replace("model Setting {", "model Setting {\n  note String?");
    expect(await pendingSchemaSql(changed)).toMatch(/ALTER TABLE "Setting" ADD COLUMN\s+"note" TEXT/);
  }, 120_000);

  it("every migration folder is applied to the test database", async () => {
    const rows = await database.current.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(await migrationNames());
  });

  it("/api/health's check is green on a migrated database", async () => {
    const health = await checkHealth();
    expect(health).toMatchObject({ ok: true, database: { ok: true }, migrations: { ok: true, pending: [] } });
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("reports a migration on disk that the database lacks as pending", async () => {
    await database.current.prisma.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL`;
    const health = await checkHealth();
    expect(health.ok).toBe(false);
    expect(health.migrations.pending).toEqual(await migrationNames());
  });
});
