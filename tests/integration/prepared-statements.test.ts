// PostgreSQL: each query is a named prepared statement of its connection (lib/db/postgres.ts,
// DATABASE_PREPARED_STATEMENTS), parsed once and planned once when the generic plan is as good.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openDatabase, openPostgres } from "@/lib/db/open";
import { statementName } from "@/lib/db/statement-names";
import { testPostgresUrl } from "../support/template";

const url = testPostgresUrl();
const SQL = "SELECT $1::int + 1 AS n";

type Prepared = { name: string; statement: string; generic_plans: bigint; custom_plans: bigint };

describe("statementName", () => {
  it.each([
    ["a query", { sql: SQL, args: [1] }, `ld_${createHash("sha1").update(SQL).digest("hex")}`],
    ["64 parameters", { sql: "SELECT $1::int /* 64 */", args: Array.from({ length: 64 }, () => 1) }, expect.stringMatching(/^ld_[0-9a-f]{40}$/)],
    ["65 parameters (a long IN list: each length would be a statement of its own)", { sql: "SELECT $1::int /* 65 */", args: Array.from({ length: 65 }, () => 1) }, undefined],
    ["a text past 20,000 characters", { sql: `SELECT $1::int /* ${"x".repeat(20_000)} */`, args: [1] }, undefined],
    ["no parameters (a simple query, which may hold several statements)", { sql: "UPDATE a SET b = 1; UPDATE c SET d = 2", args: [] }, undefined],
  ])("%s", (_what, q, expected) => {
    expect(statementName(q)).toEqual(expected);
    expect(statementName(q)).toEqual(expected); // remembered per text
  });

  it("gives two texts two names (pg refuses a name it knows with another text)", () => {
    expect(statementName({ sql: "SELECT $1::int", args: [1] })).not.toBe(statementName({ sql: "SELECT $1::int + 0", args: [1] }));
  });
});

describe.skipIf(!url)("prepared statements on PostgreSQL", () => {
  // Through openDatabase, as the server's start-up opens it (lib/server/boot.ts passes DATABASE_PREPARED_STATEMENTS).
  const run = async (prepared: boolean) => {
    const d = await openDatabase({ kind: "postgres", url: url!, poolSize: 1, preparedStatements: prepared });
    try {
      for (let i = 0; i < 8; i++) expect(await d.prisma.$queryRawUnsafe<{ n: number }[]>(SQL, i)).toEqual([{ n: i + 1 }]);
      return await d.prisma.$queryRawUnsafe<Prepared[]>("SELECT name, statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1", SQL);
    } finally {
      await d.close();
    }
  };

  it("keeps a query as one named statement of the connection, planned generically once PostgreSQL finds that as good", async () => {
    const [kept, ...more] = await run(true);
    expect(more).toEqual([]);
    expect(kept!.name).toBe(statementName({ sql: SQL, args: [0] }));
    // Eight runs: PostgreSQL plans the first five for their values, then keeps a generic plan.
    expect(Number(kept!.custom_plans) + Number(kept!.generic_plans)).toBe(8);
    expect(Number(kept!.generic_plans)).toBeGreaterThan(0);
  });

  it("keeps nothing with DATABASE_PREPARED_STATEMENTS=false", async () => {
    expect(await run(false)).toEqual([]);
  });
});

describe.skipIf(!url)("a script of several statements on PostgreSQL", () => {
  it("still runs as a simple query with prepared statements on", async () => {
    const d = openPostgres(url!, 1, true);
    try {
      await d.prisma.$executeRawUnsafe("CREATE TEMP TABLE ps_script (n int); INSERT INTO ps_script VALUES (1); INSERT INTO ps_script VALUES (2)");
      expect(await d.prisma.$queryRawUnsafe<{ n: number }[]>("SELECT n FROM ps_script WHERE n >= $1 ORDER BY n", 1)).toEqual([{ n: 1 }, { n: 2 }]);
    } finally {
      await d.close();
    }
  });
});

describe.skipIf(!url)("another instance's migration changes a result type (a rolling deploy)", () => {
  // One connection each, so the statement is surely prepared on the connection that reads again.
  const open = () => openPostgres(url!, 1, true);
  const table = `ps_migrated_${process.pid}_${Date.now()}`;
  const READ = `SELECT v FROM ${table} WHERE id = $1`;

  it("a read outside a transaction prepares its statement again and answers, with the new type", async () => {
    const a = open(), b = open();
    try {
      await a.prisma.$executeRawUnsafe(`CREATE TABLE ${table} (id int PRIMARY KEY, v int); INSERT INTO ${table} VALUES (1, 7)`);
      expect(await a.prisma.$queryRawUnsafe(READ, 1)).toEqual([{ v: 7 }]);
      await b.prisma.$executeRawUnsafe(`ALTER TABLE ${table} ALTER COLUMN v TYPE bigint`);
      expect(await a.prisma.$queryRawUnsafe(READ, 1)).toEqual([{ v: 7n }]);
      // Once more after a second change, and the connection still has just the one statement by that name.
      await b.prisma.$executeRawUnsafe(`ALTER TABLE ${table} ALTER COLUMN v TYPE text`);
      expect(await a.prisma.$queryRawUnsafe(READ, 1)).toEqual([{ v: "7" }]);
      expect(await a.prisma.$queryRawUnsafe<{ n: bigint }[]>("SELECT count(*) AS n FROM pg_prepared_statements WHERE statement = $1", READ)).toEqual([{ n: 1n }]);
    } finally {
      await b.prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS ${table}`);
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("a transaction that meets it fails once; the next one on the same connection prepares it again", async () => {
    const a = open(), b = open();
    const inTransaction = () => a.prisma.$transaction(async (tx) => tx.$queryRawUnsafe(READ, 1));
    try {
      await a.prisma.$executeRawUnsafe(`CREATE TABLE ${table} (id int PRIMARY KEY, v int); INSERT INTO ${table} VALUES (1, 7)`);
      expect(await inTransaction()).toEqual([{ v: 7 }]);
      await b.prisma.$executeRawUnsafe(`ALTER TABLE ${table} ALTER COLUMN v TYPE bigint`);
      // PostgreSQL aborts the transaction at the statement, so it cannot be run again inside it.
      await expect(inTransaction()).rejects.toThrow(/cached plan must not change result type/);
      expect(await inTransaction()).toEqual([{ v: 7n }]);
      expect(await a.prisma.$queryRawUnsafe(READ, 1)).toEqual([{ v: 7n }]);
    } finally {
      await b.prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS ${table}`);
      await Promise.all([a.close(), b.close()]);
    }
  });
});
