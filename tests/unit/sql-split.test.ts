import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitSqlStatements } from "@/lib/db/sql-split";

describe("splitSqlStatements", () => {
  it.each([
    ["plain statements", "CREATE TABLE a (x int);\nINSERT INTO a VALUES (1);", ["CREATE TABLE a (x int)", "INSERT INTO a VALUES (1)"]],
    ["no trailing semicolon", "SELECT 1", ["SELECT 1"]],
    ["semicolon in a line comment", "-- a; b\nSELECT 1;", ["-- a; b\nSELECT 1"]],
    ["semicolon in a block comment", "/* a; /* nested; */ b; */ SELECT 1;", ["/* a; /* nested; */ b; */ SELECT 1"]],
    ["semicolon in a string", "SELECT 'a;b', 'it''s;';SELECT 2", ["SELECT 'a;b', 'it''s;'", "SELECT 2"]],
    ["E-string with an escaped quote", "SELECT E'a\\';b';SELECT 2", ["SELECT E'a\\';b'", "SELECT 2"]],
    ["semicolon in a quoted identifier", 'SELECT 1 AS "a;b";', ['SELECT 1 AS "a;b"']],
    [
      "dollar-quoted function body",
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n  RETURN NEW;\nEND\n$fn$;\nCREATE TRIGGER t BEFORE DELETE ON a FOR EACH ROW EXECUTE FUNCTION f();",
      [
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n  RETURN NEW;\nEND\n$fn$",
        "CREATE TRIGGER t BEFORE DELETE ON a FOR EACH ROW EXECUTE FUNCTION f()",
      ],
    ],
    ["anonymous dollar quote", "DO $$ BEGIN PERFORM 1; END $$;", ["DO $$ BEGIN PERFORM 1; END $$"]],
    ["positional parameter is not a dollar quote", "SELECT $1;SELECT 2", ["SELECT $1", "SELECT 2"]],
    ["comment-only tail dropped", "SELECT 1;\n-- the end\n", ["SELECT 1"]],
    ["empty statements dropped", ";;SELECT 1;;", ["SELECT 1"]],
  ])("%s", (_name, script, expected) => {
    expect(splitSqlStatements(script)).toEqual(expected);
  });

  it("splits every migration into statements that each end where PGlite would (no statement starts inside a body)", () => {
    const dir = path.join(process.cwd(), "prisma/migrations");
    for (const name of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      for (const stmt of splitSqlStatements(sql)) {
        expect(stmt.split("$fn$").length % 2, `${name}: ${stmt.slice(0, 80)}`).toBe(1);
      }
    }
  });
});
