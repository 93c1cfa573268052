// The embedded database in a thread of its own (lib/db/pglite-thread.ts), as the server opens it:
// Prisma's queries, errors and transactions through the thread behave as in the server's thread,
// the backup snapshot comes through, and the folder is kept and locked as before.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { DataDirLockedError } from "@/lib/db/lock";
import { applyMigrations } from "@/lib/db/migrations";
import { DataDirUnopenableError, openDatabase, type Database } from "@/lib/db/open";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "logdesk-thread-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const account = (slug: string) => ({ name: `Account ${slug}`, slug, plan: "premium" as const, deployment: "saas" as const, paying: true });

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("PGlite in its own thread", () => {
  it("answers Prisma as PGlite in the server's thread does: reads, writes, errors, transactions, a snapshot; keeps the folder locked and its data", { timeout: 180_000 }, async () => {
    const dir = tempDir();
    let d: Database = await openDatabase({ kind: "pglite-dir", dataDir: dir, thread: true });
    try {
      expect(d.pglite).toBeUndefined();
      await applyMigrations(d.factory);
      await expect(openDatabase({ kind: "pglite-dir", dataDir: dir, thread: true })).rejects.toThrow(DataDirLockedError);

      const a = await d.prisma.account.create({ data: account("acme") });
      expect(await d.prisma.account.findUniqueOrThrow({ where: { slug: "acme" } })).toMatchObject({ id: a.id, paying: true, version: 1 });
      expect((await d.prisma.account.findUniqueOrThrow({ where: { id: a.id } })).createdAt).toBeInstanceOf(Date);

      // A unique violation is Prisma's P2002, as on PostgreSQL (the services rely on the code).
      const dup = await d.prisma.account.create({ data: account("acme") }).catch((e: unknown) => e);
      expect(dup).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      expect((dup as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");

      // A transaction that throws leaves nothing; one that returns keeps everything.
      await expect(
        d.prisma.$transaction(async (tx) => {
          await tx.account.create({ data: account("rolled-back") });
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      expect(await d.prisma.account.count({ where: { slug: "rolled-back" } })).toBe(0);
      // Several at once take turns on the one connection, none lost.
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          d.prisma.$transaction(async (tx) => {
            const n = await tx.account.count();
            await tx.account.create({ data: account(`t${i}`) });
            return n;
          }),
        ),
      );
      expect(await d.prisma.account.count()).toBe(9);
      // Raw SQL, bytes and time stamps both ways.
      const [row] = await d.prisma.$queryRaw<{ b: Uint8Array; t: Date; n: bigint }[]>`SELECT ${Buffer.from([0, 1, 255])}::bytea AS b, ${new Date("2026-12-05T10:00:00Z")}::timestamp AS t, count(*) AS n FROM "Account"`;
      expect([...row!.b]).toEqual([0, 1, 255]);
      expect(row!.t.toISOString()).toBe("2026-12-05T10:00:00.000Z");
      expect(Number(row!.n)).toBe(9);

      // An argument the thread cannot be sent fails that call only; the connection goes on.
      const adapter = await d.factory.connect();
      await expect(adapter.queryRaw({ sql: "SELECT $1::text AS x", args: [() => "not cloneable"], argTypes: [{ scalarType: "string", arity: "scalar" }] } as never)).rejects.toThrow(/could not be cloned/);
      expect((await adapter.queryRaw({ sql: "SELECT 1 AS one", args: [], argTypes: [] })).rows).toEqual([[1]]);

      const snap = await d.snapshot!();
      expect(snap.tar.size).toBeGreaterThan(100_000);
      expect(snap.keys).toEqual([]);
    } finally {
      await d.close();
    }
    // Closed: the folder is free and holds every row.
    d = await openDatabase({ kind: "pglite-dir", dataDir: dir, thread: true });
    try {
      expect(await d.prisma.account.count()).toBe(9);
    } finally {
      await d.close();
    }
  });

  it("a folder PGlite cannot open is refused with the clear error, and the lock is released", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "pglite"));
    writeFileSync(path.join(dir, "pglite", "PG_VERSION"), "not a database\n");
    await expect(openDatabase({ kind: "pglite-dir", dataDir: dir, thread: true })).rejects.toThrow(DataDirUnopenableError);
    writeFileSync(path.join(dir, "pglite", "PG_VERSION"), "not a database\n");
    await expect(openDatabase({ kind: "pglite-dir", dataDir: dir, thread: true })).rejects.not.toThrow(DataDirLockedError);
  });
});
