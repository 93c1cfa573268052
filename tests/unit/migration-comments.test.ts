import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// PostgreSQL's schema engine splits a migration into statements at every ";", comments included
// (PGlite runs the file whole), so a ";" in a comment breaks `migrate:apply` on PostgreSQL only.
const dir = path.join(process.cwd(), "prisma/migrations");
const migrations = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe("migration files", () => {
  it.each(migrations)("%s has no semicolon inside a comment", (name) => {
    const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    const bad = sql.split("\n").map((line, i) => ({ line, n: i + 1 })).filter(({ line }) => /--.*;/.test(line));
    expect(bad).toEqual([]);
  });
});
