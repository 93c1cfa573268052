import { describe, expect, it } from "vitest";
import { maintainEmbeddedDatabase } from "@/lib/db/maintenance";
import { useTestDatabase } from "../support/db";
import { seedBulkCases } from "../support/bulk-cases";

const database = useTestDatabase();

async function caseVisibility() {
  const [row] = await database.current.prisma.$queryRawUnsafe<{ pages: number; visible: number }[]>(
    `SELECT relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname = 'Case'`,
  );
  return row!;
}

describe("the embedded database's upkeep (PGlite has no autovacuum)", () => {
  it("vacuums a table written since its last vacuum, marking its pages all-visible, and then leaves it be", async () => {
    await seedBulkCases(database.current.prisma, 2_000, { accounts: 20 });
    const before = await caseVisibility();
    expect(before.visible).toBeLessThan(before.pages / 2);

    const first = await maintainEmbeddedDatabase(database.current.prisma);
    expect(first.find((d) => d.table === "Case")?.did).toBe("vacuum");
    const after = await caseVisibility();
    expect(after.pages).toBeGreaterThan(0);
    expect(after.visible).toBe(after.pages);

    expect((await maintainEmbeddedDatabase(database.current.prisma)).map((d) => d.table)).not.toContain("Case");
  }, 120_000);

  it("vacuums again once updates leave enough dead rows", async () => {
    await maintainEmbeddedDatabase(database.current.prisma);
    // Every case updated once: as many dead rows as live ones.
    await database.current.prisma.$executeRawUnsafe(`UPDATE "Case" SET "priority" = 2`);
    const done = await maintainEmbeddedDatabase(database.current.prisma);
    expect(done.find((d) => d.table === "Case")?.did).toBe("vacuum");
  }, 120_000);
});
