import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { DataDirLockedError, lockDataDir } from "@/lib/db/lock";
import { DataDirUnopenableError, openDatabase } from "@/lib/db/open";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "logdesk-dir-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the embedded database folder", () => {
  it("refuses a second opener in the same process with a clear error", () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(/in use by another Logdesk process/);
    lock.release();
    lockDataDir(dir).release();
  });

  it("refuses while another process holds the folder", async () => {
    const dir = tempDir();
    // A child process holds the lock file with its own pid, like a running server.
    const child = spawn(process.execPath, ["-e", `require("fs").writeFileSync(${JSON.stringify(path.join(dir, "logdesk.lock"))}, process.pid + "\\n", { flag: "wx" }); console.log("locked"); setInterval(() => {}, 1000)`]);
    // Until it says it holds the lock (a fixed wait was too short on a loaded machine).
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => String(d).includes("locked") && resolve());
      child.once("exit", (code) => reject(new Error(`the child exited (${code}) before taking the lock`)));
    });
    try {
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`pid ${child.pid}`));
    } finally {
      child.kill();
      await new Promise((r) => child.once("exit", r));
    }
    // Its process is gone: the stale lock is taken over.
    lockDataDir(dir).release();
  });

  it("takes over a lock left by a process that no longer runs", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "logdesk.lock"), "999999999\nsomewhere\n");
    const lock = lockDataDir(dir);
    expect(lock.file).toBe(path.join(dir, "logdesk.lock"));
    lock.release();
  });

  it("keeps every record across a close and a reopen, and refuses a second open meanwhile", { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const first = await openDatabase({ kind: "pglite-dir", dataDir: dir });
    await applyMigrations(first.factory);
    await first.prisma.account.create({ data: { name: "Acme", slug: "acme", plan: "premium", deployment: "saas", paying: true } });
    await expect(openDatabase({ kind: "pglite-dir", dataDir: dir })).rejects.toThrow(DataDirLockedError);
    await first.close();

    const second = await openDatabase({ kind: "pglite-dir", dataDir: dir });
    expect(await applyMigrations(second.factory)).toEqual([]);
    expect(await second.prisma.account.findMany({ select: { slug: true } })).toEqual([{ slug: "acme" }]);
    await second.close();
  });

  it("a folder PGlite cannot open (damaged by an unclean stop) fails with what to do, and releases the lock", async () => {
    const dir = tempDir();
    const first = await openDatabase({ kind: "pglite-dir", dataDir: dir });
    await first.close();
    // The cluster's control file overwritten: what electric-sql/pglite#327 reports after a kill.
    writeFileSync(path.join(dir, "pglite", "global", "pg_control"), Buffer.alloc(8192, 0x5a));
    const err = await openDatabase({ kind: "pglite-dir", dataDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirUnopenableError);
    expect((err as Error).message).toMatch(/could not be opened/);
    expect((err as Error).message).toMatch(/npm run restore/);
    expect((err as Error).message).toContain(path.join(dir, "pglite"));
    lockDataDir(dir).release();
  });
});
