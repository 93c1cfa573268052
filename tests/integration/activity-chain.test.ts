// The activity log's hash chain on the real database (PGlite here, PostgreSQL in scripts/test-postgres.sh):
// sealed writes, the append-only trigger, tampering with the trigger disabled, concurrent writers,
// chaining entries written before the chain, and npm run audit:verify as a child process.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { recordActivity, SYSTEM } from "@/lib/audit";
import { GENESIS } from "@/lib/audit/chain";
import { sealLegacyEntries, verifyActivityChain, type ChainReport } from "@/lib/audit/verify";
import { db, type Tx } from "@/lib/db";
import { createPGlite } from "@/lib/db/pglite";
import { inviteStaff } from "@/lib/staff/service";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/factories";
import { testPostgresUrl, withDatabaseName } from "../support/template";

const ref = useTestDatabase();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const write = (n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => db().$transaction((tx) => recordActivity(tx, { actor: SYSTEM, action: "test.write", entityType: "Test", entityId: `w${i}`, meta: { i, at: new Date(0) } }))));

const ids = async () => (await db().activityLog.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);

class Rollback extends Error {
  constructor(public report: ChainReport) {
    super("rollback");
  }
}

/** Disables the trigger, tampers and verifies inside one transaction, then rolls it all back. */
async function tamperAndVerify(tamper: (tx: Tx) => Promise<unknown>): Promise<ChainReport> {
  try {
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "ActivityLog" DISABLE TRIGGER "ActivityLog_append_only"`);
      await tamper(tx);
      throw new Rollback(await verifyActivityChain(tx));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.report;
    throw err;
  }
  throw new Error("unreachable");
}

describe("the activity log's hash chain", () => {
  it("seals every entry a service writes, and verifies", async () => {
    const admin = await createUser("admin");
    await inviteStaff({ kind: "user", id: admin.id, role: "admin" }, { email: "chain@corp.example", name: "Chain", role: "support" }, "http://portal.test");
    await write(5);
    const rows = await db().activityLog.findMany({ orderBy: { id: "asc" } });
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash ?? "") && r.prevHash)).toBe(true);
    expect(rows[0]!.prevHash).toBe(GENESIS);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    const report = await verifyActivityChain(db());
    expect(report).toMatchObject({ ok: true, count: BigInt(rows.length), headHash: rows.at(-1)!.hash, lastId: rows.at(-1)!.id });
  });

  it.each([
    ["UPDATE", `UPDATE "ActivityLog" SET "action" = 'x'`],
    ["UPDATE of the hash", `UPDATE "ActivityLog" SET "hash" = NULL`],
    ["DELETE", `DELETE FROM "ActivityLog"`],
    ["TRUNCATE", `TRUNCATE "ActivityLog"`],
    ["an unsealed INSERT", `INSERT INTO "ActivityLog" ("action", "entityType", "entityId") VALUES ('x', 'y', 'z')`],
    ["removing the chain head", `DELETE FROM "ActivityChainHead"`],
  ])("the trigger refuses %s", async (_n, sql) => {
    await expect(db().$executeRawUnsafe(sql)).rejects.toThrow(/append-only|written sealed|cannot be removed/);
    expect((await verifyActivityChain(db())).ok).toBe(true);
  });

  it.each<[string, (tx: Tx, all: bigint[]) => Promise<unknown>, (all: bigint[]) => bigint]>([
    ["a changed row", (tx, all) => tx.$executeRaw`UPDATE "ActivityLog" SET "entityId" = 'forged' WHERE "id" = ${all[2]}`, (all) => all[2]!],
    ["a changed JSON value", (tx, all) => tx.$executeRaw`UPDATE "ActivityLog" SET "meta" = '{"i": 99}' WHERE "id" = ${all[3]}`, (all) => all[3]!],
    ["a deleted row", (tx, all) => tx.$executeRaw`DELETE FROM "ActivityLog" WHERE "id" = ${all[2]}`, (all) => all[3]!],
    ["the last row deleted", (tx, all) => tx.$executeRaw`DELETE FROM "ActivityLog" WHERE "id" = ${all.at(-1)}`, (all) => all.at(-1)!],
    [
      "a row inserted at the start",
      (tx) => tx.$executeRaw`INSERT INTO "ActivityLog" ("id", "action", "entityType", "entityId", "prevHash", "hash") VALUES (0, 'x', 'y', 'z', ${GENESIS}, ${"a".repeat(64)})`,
      () => 0n,
    ],
    [
      "a row appended after the head",
      (tx, all) => tx.$executeRaw`INSERT INTO "ActivityLog" ("id", "action", "entityType", "entityId", "prevHash", "hash") VALUES (${all.at(-1)! + 100n}, 'x', 'y', 'z', ${GENESIS}, ${"a".repeat(64)})`,
      (all) => all.at(-1)! + 100n,
    ],
    [
      "two rows swapped",
      async (tx, all) => {
        await tx.$executeRaw`UPDATE "ActivityLog" SET "id" = -1 WHERE "id" = ${all[2]}`;
        await tx.$executeRaw`UPDATE "ActivityLog" SET "id" = ${all[2]} WHERE "id" = ${all[3]}`;
        await tx.$executeRaw`UPDATE "ActivityLog" SET "id" = ${all[3]} WHERE "id" = -1`;
      },
      (all) => all[2]!,
    ],
    ["a later time", (tx, all) => tx.$executeRaw`UPDATE "ActivityLog" SET "at" = "at" + interval '1 second' WHERE "id" = ${all[1]}`, (all) => all[1]!],
  ])("with the trigger disabled, verification names the entry after %s", async (_n, tamper, expected) => {
    const all = await ids();
    const report = await tamperAndVerify((tx) => tamper(tx, all));
    expect(report).toMatchObject({ ok: false, id: expected(all) });
    expect((await verifyActivityChain(db())).ok).toBe(true); // rolled back
  });

  it("keeps one chain under 20 parallel writers (plus services writing meanwhile)", async () => {
    const before = await db().activityLog.count();
    const admin = await createUser("admin");
    await Promise.all([
      write(20),
      ...[1, 2, 3].map((i) => inviteStaff({ kind: "user", id: admin.id, role: "admin" }, { email: `par${i}@corp.example`, name: `Par ${i}`, role: "csm" }, "http://portal.test")),
      recordActivity(db(), { actor: SYSTEM, action: "test.outside", entityType: "Test", entityId: "o" }),
    ]);
    const after = await db().activityLog.count();
    expect(after).toBe(before + 24);
    expect(await verifyActivityChain(db())).toMatchObject({ ok: true, count: BigInt(after) });
  });

  it("chains entries written before the chain existed, once", async () => {
    const count = await db().activityLog.count();
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "ActivityLog" DISABLE TRIGGER "ActivityLog_append_only"`);
      await tx.$executeRawUnsafe(`UPDATE "ActivityLog" SET "hash" = NULL, "prevHash" = NULL`);
      await tx.$executeRawUnsafe(`ALTER TABLE "ActivityLog" ENABLE TRIGGER "ActivityLog_append_only"`);
      await tx.$executeRaw`UPDATE "ActivityChainHead" SET "hash" = ${GENESIS}, "lastId" = NULL, "count" = 0`;
    });
    expect(await verifyActivityChain(db())).toMatchObject({ ok: false, reason: expect.stringMatching(/not sealed/) });
    expect(await sealLegacyEntries(db())).toBe(count);
    expect(await sealLegacyEntries(db())).toBe(0);
    expect(await verifyActivityChain(db())).toMatchObject({ ok: true, count: BigInt(count) });
    await write(2);
    expect(await verifyActivityChain(db())).toMatchObject({ ok: true, count: BigInt(count + 2) });
  });

  it("npm run audit:verify exits 0 with the count and head, then 1 naming a changed entry", async () => {
    const url = testPostgresUrl();
    let envVars: Record<string, string>;
    let tamper: (sql: string) => Promise<void>;
    if (url) {
      const dbUrl = withDatabaseName(url, (ref.current as unknown as { name: string }).name);
      envVars = { DATABASE_URL: dbUrl };
      tamper = async (sql) => void (await db().$executeRawUnsafe(sql));
    } else {
      // The test database lives in memory: copy it to a folder the script can open.
      const dir = mkdtempSync(path.join(os.tmpdir(), "logdesk-chain-"));
      dirs.push(dir);
      const dump = await ref.current.pglite!.dumpDataDir("gzip");
      const copy = await createPGlite(path.join(dir, "pglite"), { loadDataDir: dump });
      await copy.close();
      envVars = { LOGDESK_DATA_DIR: dir, DATABASE_URL: "" };
      tamper = async (sql) => {
        const p = await createPGlite(path.join(dir, "pglite"));
        await p.exec(sql);
        await p.close();
      };
    }
    const all = await ids();
    const ok = await run(envVars);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`holds: ${all.length} entries, head [0-9a-f]{64}`));
    const victim = all[Math.floor(all.length / 2)]!;
    await tamper(
      `ALTER TABLE "ActivityLog" DISABLE TRIGGER "ActivityLog_append_only"; UPDATE "ActivityLog" SET "action" = 'forged' WHERE "id" = ${victim}; ` +
        `ALTER TABLE "ActivityLog" ENABLE TRIGGER "ActivityLog_append_only"`,
    );
    const bad = await run(envVars);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`first entry that does not fit: id ${victim}`);
  }, 120_000);
});

function run(envVars: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "--import", "./scripts/register.mjs", "scripts/audit-verify.ts"],
      { cwd: process.cwd(), timeout: 90_000, env: { ...process.env, ...envVars, npm_lifecycle_event: "" } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}
