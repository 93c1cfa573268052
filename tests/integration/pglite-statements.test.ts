// PGlite's statement cache (lib/db/pglite-statements.ts): each parameterised query of the Prisma
// adapter is a named prepared statement of the instance, parsed once and run as Bind, Execute and
// Sync. Checked against PGlite's own query on the same data: every model's rows, typed values,
// errors (at parse, at run, inside a transaction), concurrency, a table changed after its statement
// was prepared, several adapters on one instance, the cap, and a closed instance.
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, PrismaClient } from "@/generated/prisma/client";
import { localBlobStore } from "@/lib/blobstore";
import { installDatabase } from "@/lib/db";
import { maintainEmbeddedDatabase } from "@/lib/db/maintenance";
import { createPGlite, pgliteAdapterFactory } from "@/lib/db/pglite";
import { PGLITE_STATEMENTS } from "@/lib/db/pglite-statements";
import { hashedName } from "@/lib/db/statement-names";
import { seedDemoHistory } from "@/lib/demo/history";
import { seedDemoData } from "@/lib/demo/seed";
import { loadOrCreateSigningKey } from "@/lib/release/keys";
import { SNAPSHOT_FILE, testPostgresUrl } from "../support/template";

// PGlite only: the PostgreSQL run (scripts/test-postgres.sh) has its own tests (prepared-statements.test.ts).
const onPostgres = !!testPostgresUrl();

let pglite: PGlite;
let cached: PrismaClient;
let plain: PrismaClient;
let dir: string;

type Kept = { name: string; statement: string; generic_plans: number; custom_plans: number };
/** The instance's named statements, read with PGlite's own query (not through the cache). */
const kept = async (like = "%") =>
  (await pglite.query<Kept>("SELECT name, statement, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement LIKE $1 ORDER BY name", [like])).rows;

beforeAll(async () => {
  if (onPostgres) return;
  pglite = await createPGlite(undefined, { loadDataDir: new Blob([readFileSync(SNAPSHOT_FILE)]) });
  // Two clients on one instance: through the cache, and through PGlite's own query.
  cached = new PrismaClient({ adapter: pgliteAdapterFactory(pglite, true) });
  plain = new PrismaClient({ adapter: pgliteAdapterFactory(pglite, false) });
  installDatabase({ prisma: cached, factory: pgliteAdapterFactory(pglite, true), kind: "pglite", pglite, close: async () => {} });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-pglite-statements-"));
  await seedDemoData(cached);
  await seedDemoHistory(cached, { now: new Date("2026-12-03T14:30:00Z"), store: localBlobStore(dir), signingKey: await loadOrCreateSigningKey(dir) });
}, 180_000);

afterAll(async () => {
  installDatabase(undefined);
  await cached?.$disconnect();
  await plain?.$disconnect();
  await pglite?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe.skipIf(onPostgres)("PGlite's statement cache", () => {
  it("reads every model's rows as PGlite's own query does (data written through the cache: the demo staff and its history)", async () => {
    const delegate = (c: PrismaClient, model: string) => (c as unknown as Record<string, { findMany(a: object): Promise<unknown[]> }>)[model[0]!.toLowerCase() + model.slice(1)]!;
    let rows = 0;
    for (const model of Object.values(Prisma.ModelName)) {
      const viaCache = await delegate(cached, model).findMany({});
      expect(await delegate(plain, model).findMany({}), model).toEqual(viaCache);
      rows += viaCache.length;
    }
    expect(rows).toBeGreaterThan(500);
    // The history's reads went through named statements.
    expect((await kept()).filter((k) => k.name.startsWith("ld_")).length).toBeGreaterThan(20);
  });

  it("passes each type of value both ways: times, JSON, big integers, decimals, arrays, bytes, null", async () => {
    const sql = "SELECT $1::timestamptz AS t, $2::jsonb AS j, $3::bigint AS b, $4::numeric AS n, $5::text[] AS a, $6::bytea AS y, $7::boolean AS f, $8::int AS z, $9::date AS d";
    const args = [new Date("2026-12-06T10:11:12.345Z"), JSON.stringify({ a: [1, "é"], b: null }), 9007199254740993n, new Prisma.Decimal("12345678901234567890.123"), ["x", "y,z", 'q"'], Buffer.from([0, 1, 255]), false, null, new Date("2026-02-28T00:00:00Z")];
    const viaCache = await cached.$queryRawUnsafe(sql, ...args);
    expect(await plain.$queryRawUnsafe(sql, ...args)).toEqual(viaCache);
    expect(viaCache).toEqual([{ t: args[0], j: { a: [1, "é"], b: null }, b: 9007199254740993n, n: new Prisma.Decimal("12345678901234567890.123"), a: ["x", "y,z", 'q"'], y: Uint8Array.from([0, 1, 255]), f: false, z: null, d: args[8] }]);
  });

  it("parses a text once, and after five runs keeps a generic plan as good as PostgreSQL's custom ones", async () => {
    const sql = "SELECT $1::int + 1 AS n /* once */";
    for (let i = 0; i < 8; i++) expect(await cached.$queryRawUnsafe(sql, i)).toEqual([{ n: i + 1 }]);
    const [one, ...more] = await kept("%/* once */");
    expect(more).toEqual([]);
    expect(one!.name).toBe(hashedName(sql));
    expect(one!.custom_plans).toBe(5);
    expect(one!.generic_plans).toBe(3);
  });

  it("a table that grows from empty: the housekeeping's ANALYZE replaces the generic plan made while it was empty, and its lookup by key uses the index", async () => {
    // Analyzed while empty, as a new install's tables are by a migration or the housekeeping.
    await pglite.exec(`CREATE TABLE ps_grow (id serial PRIMARY KEY, k text UNIQUE, pad text); ANALYZE ps_grow`);
    const sql = "SELECT id FROM ps_grow WHERE k = $1 LIMIT $2 /* grow */";
    for (let i = 0; i < 8; i++) await cached.$queryRawUnsafe(sql, `k${i}`, 1);
    await pglite.exec(`INSERT INTO ps_grow (k, pad) SELECT 'k' || g, repeat('x', 200) FROM generate_series(1, 20000) g`);
    const plan = async () => (await pglite.query<{ "QUERY PLAN": string }>(`EXPLAIN EXECUTE "${hashedName(sql)}"('k5', 1)`)).rows.map((r) => r["QUERY PLAN"]).join("\n");
    // What PostgreSQL keeps until the table's statistics change: with no autovacuum, for ever.
    expect(await plan()).toMatch(/Seq Scan on ps_grow/);
    const done = await maintainEmbeddedDatabase(cached);
    expect(done.map((d) => d.table)).toContain("ps_grow");
    expect(await plan()).toMatch(/Index Scan/);
    for (let i = 0; i < 8; i++) expect(await cached.$queryRawUnsafe(sql, `k${19_990 + i}`, 1)).toEqual([{ id: 19_990 + i }]);
    expect(await plan()).toMatch(/Index Scan/);
  });

  it("leaves to PGlite's own query a text without parameters, one with more than 64, and every text when turned off", async () => {
    expect(await cached.$queryRawUnsafe("SELECT 41 + 1 AS n /* none */")).toEqual([{ n: 42 }]);
    const ids = Array.from({ length: 65 }, (_, i) => i);
    expect(await cached.$queryRawUnsafe(`SELECT ${ids.map((i) => `$${i + 1}::int`).join(" + ")} AS n /* 65 */`, ...ids)).toEqual([{ n: (64 * 65) / 2 }]);
    expect(await plain.$queryRawUnsafe("SELECT $1::int AS n /* off */", 3)).toEqual([{ n: 3 }]);
    expect(await kept("%/* none */")).toEqual([]);
    expect(await kept("%/* 65 */")).toEqual([]);
    expect(await kept("%/* off */")).toEqual([]);
  });

  it("fails as PGlite's own query does: a text PostgreSQL refuses (and keeps nothing), a broken constraint, then runs again", async () => {
    const bad = "SELECT $1::int FROM no_such_table /* bad */";
    const refused = await cached.$queryRawUnsafe(bad, 1).catch((e: unknown) => e);
    const refusedPlain = await plain.$queryRawUnsafe(bad, 1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((refused as Prisma.PrismaClientKnownRequestError).code).toBe((refusedPlain as Prisma.PrismaClientKnownRequestError).code);
    expect(String(refused)).toMatch(/no_such_table/);
    expect(await kept("%/* bad */")).toEqual([]);

    const user = await cached.user.findFirstOrThrow();
    const clash = { data: { email: user.email, name: "Clash", role: user.role } };
    const viaCache = await cached.user.create(clash).catch((e: unknown) => e);
    const viaPlain = await plain.user.create(clash).catch((e: unknown) => e);
    expect((viaCache as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
    expect((viaPlain as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
    expect(await cached.user.count({ where: { email: user.email } })).toBe(1);
  });

  it("inside a transaction: a failed statement rolls the whole transaction back, and its statements stay usable after", async () => {
    const before = await cached.account.count();
    const account = await cached.account.findFirstOrThrow();
    const failed = await cached
      .$transaction(async (tx) => {
        await tx.account.update({ where: { id: account.id }, data: { name: "Renamed in a transaction" } });
        await tx.$queryRawUnsafe("SELECT $1::int / 0 AS n /* in tx */", 1);
      })
      .catch((e: unknown) => e);
    expect(String(failed)).toMatch(/division by zero/);
    expect((await cached.account.findUniqueOrThrow({ where: { id: account.id } })).name).toBe(account.name);
    expect(await cached.account.count()).toBe(before);
    // The statement parsed inside the rolled-back transaction is still the instance's, and runs.
    expect(await cached.$queryRawUnsafe("SELECT $1::int / 0 AS n /* in tx */", 1).catch((e: unknown) => String(e))).toMatch(/division by zero/);
    expect(await cached.$queryRawUnsafe("SELECT $1::int / 1 AS n /* in tx */", 4)).toEqual([{ n: 4 }]);
  });

  it("keeps each answer with its query when many run at once beside transactions", async () => {
    const sql = "SELECT $1::int * 2 AS n, pg_backend_pid() AS p /* many */";
    const work = Array.from({ length: 200 }, (_, i) =>
      i % 10 === 0
        ? cached.$transaction(async (tx) => (await tx.$queryRawUnsafe<{ n: number }[]>(sql, i))[0]!.n + (await tx.account.count()) * 0)
        : cached.$queryRawUnsafe<{ n: number }[]>(sql, i).then((r) => r[0]!.n),
    );
    expect(await Promise.all(work)).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
  });

  it("a table changed after its statements were prepared: planned again, or, when its result's type changed, prepared again", async () => {
    const read = () => cached.account.findMany({ where: { name: { startsWith: "" } }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 3 });
    const first = await read();
    await pglite.exec(`CREATE INDEX "Account_name_test_idx" ON "Account" (name)`);
    await pglite.exec(`ALTER TABLE "Account" ADD COLUMN test_extra int`);
    expect(await read()).toEqual(first);
    await pglite.exec(`ALTER TABLE "Account" DROP COLUMN test_extra; DROP INDEX "Account_name_test_idx"`);
    expect(await read()).toEqual(first);

    // A column's type changes: PostgreSQL refuses the old statement ("cached plan must not change result type").
    await pglite.exec(`CREATE TABLE ps_t (id int PRIMARY KEY, v int); INSERT INTO ps_t VALUES (1, 10)`);
    const sql = "SELECT id, v FROM ps_t WHERE id = $1 /* retyped */";
    expect(await cached.$queryRawUnsafe(sql, 1)).toEqual([{ id: 1, v: 10 }]);
    await pglite.exec(`ALTER TABLE ps_t ALTER COLUMN v TYPE text`);
    // Outside a transaction: closed, prepared again and run once more.
    expect(await cached.$queryRawUnsafe(sql, 1)).toEqual([{ id: 1, v: "10" }]);
    await pglite.exec(`ALTER TABLE ps_t ALTER COLUMN v TYPE bigint USING v::bigint`);
    // Inside a transaction the refusal has already aborted it: it fails, and the next run prepares the statement again.
    const inTx = await cached.$transaction((tx) => tx.$queryRawUnsafe(sql, 1)).catch((e: unknown) => e);
    expect(String(inTx)).toMatch(/cached plan must not change result type/);
    expect(await cached.$transaction((tx) => tx.$queryRawUnsafe(sql, 1))).toEqual([{ id: 1, v: 10n }]);
    // Every statement deallocated behind the cache's back: each is prepared again on its next run.
    await pglite.exec("DEALLOCATE ALL");
    expect(await cached.$queryRawUnsafe(sql, 1)).toEqual([{ id: 1, v: 10n }]);
    expect(await read()).toEqual(first);
  });

  it("shares one instance's statements between its adapters (the migrations' and the client's)", async () => {
    const other = new PrismaClient({ adapter: pgliteAdapterFactory(pglite, true) });
    try {
      const sql = "SELECT $1::int * 3 AS n /* shared */";
      expect(await cached.$queryRawUnsafe(sql, 2)).toEqual([{ n: 6 }]);
      expect(await other.$queryRawUnsafe(sql, 3)).toEqual([{ n: 9 }]);
      expect(await kept("%/* shared */")).toHaveLength(1);
    } finally {
      await other.$disconnect();
    }
  });

  it(`keeps at most ${PGLITE_STATEMENTS} statements, closing the least recently used`, async () => {
    const text = (i: number) => `SELECT $1::int + ${i} AS n /* lru */`;
    const hot = "SELECT $1::int AS n /* lru hot */";
    for (let i = 0; i < PGLITE_STATEMENTS + 20; i++) {
      expect(await cached.$queryRawUnsafe(text(i), 1)).toEqual([{ n: 1 + i }]);
      if (i % 50 === 0) await cached.$queryRawUnsafe(hot, 1); // used all along: never the least recent
    }
    expect((await kept()).length).toBeLessThanOrEqual(PGLITE_STATEMENTS);
    const lru = await kept("%/* lru%");
    expect(lru.map((k) => k.statement)).toContain(hot);
    expect(lru.map((k) => k.statement)).toContain(text(PGLITE_STATEMENTS + 19));
    expect(lru.map((k) => k.statement)).not.toContain(text(0));
    // A closed text runs again (prepared anew).
    expect(await cached.$queryRawUnsafe(text(0), 1)).toEqual([{ n: 1 }]);
  });

  it("a closed instance says so", async () => {
    const closed = await createPGlite(undefined, { loadDataDir: new Blob([readFileSync(SNAPSHOT_FILE)]) });
    const client = new PrismaClient({ adapter: pgliteAdapterFactory(closed, true) });
    expect(await client.$queryRawUnsafe("SELECT $1::int AS n", 1)).toEqual([{ n: 1 }]);
    await closed.close();
    expect(String(await client.$queryRawUnsafe("SELECT $1::int AS n", 1).catch((e: unknown) => e))).toMatch(/closed/i);
    await client.$disconnect();
  });
});
