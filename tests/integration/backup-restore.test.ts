// Issue 14, backup and restore (lib/backup, decision 0015), on real folders: the embedded path
// with and without a server holding the folder (the operator channel is started in this process,
// as server.ts starts it), every refusal leaving nothing behind, and, on the PostgreSQL stage,
// pg_dump into a backup and pg_restore into an empty database with the activity chain verifying.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordActivity, SYSTEM } from "@/lib/audit";
import { verifyActivityChain } from "@/lib/audit/verify";
import { runBackup } from "@/lib/backup/backup";
import { operatorPaths, requestBackupSnapshot, startOperatorChannel, type OperatorChannel } from "@/lib/backup/channel";
import { realIO, type WriteIO } from "@/lib/backup/files";
import { BACKUP_LOCK_KEY, blobRemovalsHeld, holdBlobRemovals } from "@/lib/backup/gate";
import { removeBlobIfUnreferenced } from "@/lib/blobstore/references";
import { blobRelativePath, parseManifest } from "@/lib/backup/manifest";
import { runRestore } from "@/lib/backup/restore";
import { localBlobStore, s3BlobStore, type BlobStore, type BlobStoreConfig } from "@/lib/blobstore";
import { installDatabase, type Database } from "@/lib/db";
import { migrationNames } from "@/lib/db/migrations";
import { openDatabase, openPostgres } from "@/lib/db/open";
import { createPGlite } from "@/lib/db/pglite";
import { openTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";
import { startS3 } from "../support/s3";
import { SNAPSHOT_FILE, testPostgresUrl, withDatabaseName } from "../support/template";

const root = mkdtempSync(path.join(os.tmpdir(), "logdesk-backup-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => path.join(root, `${name}-${++n}`);

/** Three artefacts' worth of blobs in `blobDir` and rows in the installed database: one raw file deleted by retention (its blob gone). */
async function fillPortal(d: Database, blobs: string | BlobStore) {
  const store = typeof blobs === "string" ? localBlobStore(blobs) : blobs;
  const put = async (text: string) => {
    const w = await store.begin();
    await w.write(Buffer.from(text));
    return w.commit();
  };
  const user = await createUser("sirt");
  const account = await createAccount();
  const c = await createCase({ accountId: account.id, authorId: user.id, team: "sirt" });
  const keys: string[] = [];
  for (let i = 0; i < 3; i++) {
    const raw = await put(`{"line":${i},"raw":true}\n`);
    const red = await put(`{"line":${i},"redacted":true}\n`);
    const old = await put(`{"line":${i},"superseded":true}\n`);
    const deleted = i === 2;
    await d.prisma.artefact.create({
      data: {
        caseId: c.id,
        uploadedById: user.id,
        filename: `extract-${i}.ndjson`,
        contentType: "application/x-ndjson",
        status: "approved",
        rawBlobKey: raw.key,
        rawSha256: raw.sha256,
        rawSize: BigInt(raw.size),
        redactedBlobKey: red.key,
        redactedSha256: red.sha256,
        supersededBlobKeys: [old.key],
        ...(deleted ? { rawDeletedAt: new Date() } : {}),
      },
    });
    if (deleted) await store.remove(raw.key);
    else keys.push(raw.key);
    keys.push(red.key, old.key);
  }
  await recordActivity(d.prisma, { actor: SYSTEM, action: "test.backup", entityType: "Case", entityId: c.id, caseId: c.id, after: { filled: true } });
  return { caseId: c.id, keys: keys.sort() };
}

/** A data folder as the portal leaves it: migrated (from the test template), filled, keys beside it. */
async function makeDataFolder(blobs?: BlobStore) {
  const dataDir = fresh("data");
  mkdirSync(dataDir);
  const p = await createPGlite(path.join(dataDir, "pglite"), { loadDataDir: new Blob([readFileSync(SNAPSHOT_FILE)]) });
  await p.close();
  writeFileSync(path.join(dataDir, "session-secret"), "s".repeat(43) + "\n", { mode: 0o600 });
  const d = await openDatabase({ kind: "pglite-dir", dataDir });
  installDatabase(d);
  try {
    const filled = await fillPortal(d, blobs ?? path.join(dataDir, "blobs"));
    return { dataDir, blobDir: path.join(dataDir, "blobs"), ...filled };
  } finally {
    installDatabase(undefined);
    await d.close();
  }
}

const known = await migrationNames();
const backup = (o: { target: string; dataDir: string; blobDir: string; io?: WriteIO; databaseUrl?: string; blobStore?: BlobStoreConfig }) => runBackup({ portalVersion: "test", ...o });
const restore = (o: { source: string; dataDir: string; blobDir?: string; databaseUrl?: string; blobStore?: BlobStoreConfig }) => runRestore({ knownMigrations: known, blobDir: path.join(o.dataDir, "blobs"), ...o });

/** A process that holds `dataDir`'s lock with its own pid, as a running portal does. */
async function holdLock(dataDir: string): Promise<ChildProcess> {
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, ["-e", `require("fs").writeFileSync(${JSON.stringify(path.join(dataDir, "logdesk.lock"))}, process.pid + "\\n", { flag: "wx" }); setInterval(() => {}, 1000)`]);
  for (let i = 0; i < 50 && !existsSync(path.join(dataDir, "logdesk.lock")); i++) await new Promise((r) => setTimeout(r, 50));
  return child;
}
async function stop(child: ChildProcess) {
  child.kill();
  if (child.exitCode === null) await new Promise((r) => child.once("exit", r));
}

describe.skipIf(Boolean(testPostgresUrl()))("backup and restore with the blobs in an S3 store (issue 15)", () => {
  it("backs up by streaming the blobs from the bucket, restores them through it; a store that does not answer refuses the restore, leaving the folder empty", async () => {
    const s3 = await startS3();
    try {
      const live = { kind: "s3" as const, ...s3.config("live") };
      const src = await makeDataFolder(s3BlobStore(live));
      const target = fresh("backup-s3");
      await backup({ target, dataDir: src.dataDir, blobDir: src.blobDir, blobStore: live });
      const m = parseManifest(readFileSync(path.join(target, "manifest.json"), "utf8"));
      expect(m.blobs.map((b) => b.key)).toEqual(src.keys);
      for (const k of src.keys) expect(existsSync(path.join(target, "blobs", blobRelativePath(k))), k).toBe(true);

      // Into another prefix (a new bucket would do the same).
      const restored = { kind: "s3" as const, ...s3.config("restored") };
      const dataDir = fresh("restored-s3");
      await restore({ source: target, dataDir, blobStore: restored });
      expect(readdirSync(dataDir).sort()).toEqual(["pglite", "session-secret"]);
      const store = s3BlobStore(restored);
      for (const k of src.keys) expect(await store.stat(k), k).not.toBeNull();
      expect((await s3.keys()).filter((k) => k.startsWith("restored/tmp/"))).toEqual([]);

      await s3.stop();
      const refused = fresh("restored-s3-down");
      await expect(restore({ source: target, dataDir: refused, blobStore: { kind: "s3", ...s3.config("again") } })).rejects.toThrow(/cannot be reached/);
      expect(readdirSync(path.dirname(refused)).filter((f) => f.startsWith(path.basename(refused)))).toEqual([]);
    } finally {
      await s3.stop();
    }
  }, 120_000);

  it("a backup run without the portal's BLOB_STORE_URL says where it looked", async () => {
    const s3 = await startS3();
    try {
      const src = await makeDataFolder(s3BlobStore(s3.config("live")));
      await expect(backup({ target: fresh("backup-wrong-store"), dataDir: src.dataDir, blobDir: src.blobDir })).rejects.toThrow(/missing from the blob store .*BLOB_STORE_URL/);
    } finally {
      await s3.stop();
    }
  }, 120_000);
});

describe.skipIf(Boolean(testPostgresUrl()))("backup and restore of the embedded database", () => {
  let src: Awaited<ReturnType<typeof makeDataFolder>>;
  let good: string;
  beforeAll(async () => {
    src = await makeDataFolder();
    good = fresh("backup");
    await backup({ target: good, dataDir: src.dataDir, blobDir: src.blobDir });
  }, 120_000);

  it("with no portal running, backs the folder up itself: the blobs the rows need, not the one retention deleted, and the keys", () => {
    const m = parseManifest(readFileSync(path.join(good, "manifest.json"), "utf8"));
    expect(m.database.kind).toBe("pglite");
    expect(m.blobs.map((b) => b.key)).toEqual(src.keys);
    expect(m.blobs).toHaveLength(8);
    expect(m.files.map((f) => f.name)).toEqual(["session-secret"]);
    expect(m.counts).toMatchObject({ cases: 1, artefacts: 3 });
    expect(m.counts.activity).toBeGreaterThan(0);
    expect(m.migration).toBe(known.at(-1));
    // The folder is free again.
    expect(existsSync(path.join(src.dataDir, "logdesk.lock"))).toBe(false);
  });

  it("restores into an empty folder: every row, blob and key, and the activity chain holds", async () => {
    const target = fresh("restored");
    mkdirSync(target);
    await restore({ source: good, dataDir: target });
    expect(readdirSync(target).sort()).toEqual(["blobs", "pglite", "session-secret"]);
    expect(readdirSync(path.dirname(target)).filter((f) => f.includes(".restoring-"))).toEqual([]);
    for (const k of src.keys) expect(existsSync(path.join(target, "blobs", blobRelativePath(k))), k).toBe(true);
    const d = await openDatabase({ kind: "pglite-dir", dataDir: target });
    try {
      expect(await d.prisma.artefact.count()).toBe(3);
      expect(await d.prisma.case.findUnique({ where: { id: src.caseId }, select: { id: true } })).not.toBeNull();
      expect((await verifyActivityChain(d.prisma)).ok).toBe(true);
    } finally {
      await d.close();
    }
  });

  it("restores the blobs into BLOB_DIR when it is outside the data folder, refusing one that is not empty", async () => {
    const target = fresh("restored-data");
    const blobs = fresh("restored-blobs");
    mkdirSync(blobs);
    writeFileSync(path.join(blobs, "stray"), "x");
    await expect(restore({ source: good, dataDir: target, blobDir: blobs })).rejects.toThrow(/the blob store \(BLOB_DIR\) .* is not empty \(stray\)/);
    expect(existsSync(target)).toBe(false);
    rmSync(path.join(blobs, "stray"));
    await restore({ source: good, dataDir: target, blobDir: blobs });
    expect(readdirSync(target).sort()).toEqual(["pglite", "session-secret"]);
    for (const k of src.keys) expect(existsSync(path.join(blobs, blobRelativePath(k))), k).toBe(true);
    expect(readdirSync(root).filter((f) => f.includes(".restoring-"))).toEqual([]);
  });

  it("through a running portal: the server's snapshot over the operator channel, blob removals held while the blobs are copied", async () => {
    const d = await openDatabase({ kind: "pglite-dir", dataDir: src.dataDir });
    const channel = await startOperatorChannel({ dataDir: src.dataDir, blobDir: src.blobDir, snapshot: d.snapshot!, log: { info() {}, warn() {}, error() {} } });
    try {
      const held: boolean[] = [];
      const io: WriteIO = { createWriteStream: (f) => (f.includes(`${path.sep}blobs${path.sep}`) && held.push(blobRemovalsHeld()), realIO.createWriteStream(f)) };
      const target = fresh("via-server");
      const r = await backup({ target, dataDir: src.dataDir, blobDir: "/nowhere: the server names its own", io });
      expect(r.via).toBe("server");
      expect(r.manifest.blobs.map((b) => b.key)).toEqual(src.keys);
      expect(held).toHaveLength(8);
      expect(held.every(Boolean)).toBe(true);
      // Released when the script's connection closes.
      await expect.poll(() => blobRemovalsHeld()).toBe(false);

      // A wrong token is refused by the server, and the backup leaves nothing.
      await expect(requestBackupSnapshot(src.dataDir, async () => {}, { token: "not-the-token" })).rejects.toThrow(/wrong operator token/);
      const { tokenFile } = operatorPaths(src.dataDir);
      const token = readFileSync(tokenFile, "utf8");
      writeFileSync(tokenFile, "guessed\n");
      const refused = fresh("wrong-token");
      await expect(backup({ target: refused, dataDir: src.dataDir, blobDir: src.blobDir })).rejects.toThrow(/wrong operator token/);
      expect(existsSync(refused)).toBe(false);
      writeFileSync(tokenFile, token);
    } finally {
      await channel.close();
      await d.close();
    }
  });

  it("refuses a backup folder that is not empty, and leaves what was in it", async () => {
    const target = fresh("not-empty");
    mkdirSync(target);
    writeFileSync(path.join(target, "keep.txt"), "mine");
    await expect(backup({ target, dataDir: src.dataDir, blobDir: src.blobDir })).rejects.toThrow(/the backup folder .* is not empty \(1 entry, e\.g\. keep\.txt\)/);
    expect(readdirSync(target)).toEqual(["keep.txt"]);
  });

  it("refuses a backup folder it cannot create", async () => {
    const file = fresh("a-file");
    writeFileSync(file, "");
    await expect(backup({ target: path.join(file, "backup"), dataDir: src.dataDir, blobDir: src.blobDir })).rejects.toThrow(/the backup folder .* cannot be created: part of its path is a file \(ENOTDIR\)/);
    await expect(backup({ target: file, dataDir: src.dataDir, blobDir: src.blobDir })).rejects.toThrow(/the backup folder .* is a file, not a folder/);
  });

  it("on a full disk, removes what it wrote and says so", async () => {
    let written = 0;
    const io: WriteIO = {
      createWriteStream: (f) => {
        const real = realIO.createWriteStream(f);
        return new Writable({
          write(chunk: Buffer, _e, cb) {
            written += chunk.length;
            if (written > 200_000) return cb(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
            real.write(chunk, cb);
          },
          final(cb) {
            real.end(cb);
          },
        });
      },
    };
    const created = fresh("full");
    await expect(backup({ target: created, dataDir: src.dataDir, blobDir: src.blobDir, io })).rejects.toThrow(/no space left on the device of .*: the partial backup was removed/);
    expect(existsSync(created)).toBe(false);
    const empty = fresh("full-existing");
    mkdirSync(empty);
    written = 0;
    await expect(backup({ target: empty, dataDir: src.dataDir, blobDir: src.blobDir, io })).rejects.toThrow(/no space left/);
    expect(readdirSync(empty)).toEqual([]);
  });

  it("refuses a live blob store that lost a blob a row still needs, writing nothing", async () => {
    const copy = fresh("broken-live");
    const { cpSync } = await import("node:fs");
    cpSync(src.dataDir, copy, { recursive: true });
    rmSync(path.join(copy, "blobs", blobRelativePath(src.keys[0]!)));
    const target = fresh("of-broken");
    await expect(backup({ target, dataDir: copy, blobDir: path.join(copy, "blobs") })).rejects.toThrow(new RegExp(`blob ${src.keys[0]} is named by an artefact of the snapshot but is missing`));
    expect(existsSync(target)).toBe(false);
  });

  it("blob removals (retention, a refused upload's clean-up) wait while a backup holds them", async () => {
    const store = localBlobStore(fresh("gate-blobs"));
    const w = await store.begin();
    await w.write(Buffer.from("x"));
    const { key } = await w.commit();
    const d = await openTestDatabase();
    try {
      const release = holdBlobRemovals();
      const removal = removeBlobIfUnreferenced(d.prisma, store, key);
      await new Promise((r) => setTimeout(r, 300));
      // The database stays free meanwhile: the wait is outside any transaction.
      expect(await d.prisma.case.count()).toBeGreaterThanOrEqual(0);
      expect(await store.stat(key)).not.toBeNull();
      release();
      expect(await removal).toBe(true);
      expect(await store.stat(key)).toBeNull();
    } finally {
      await d.close();
    }
  });

  describe("restore refuses, touching nothing", () => {
    const spoiled = async (spoil: (dir: string) => void) => {
      const dir = fresh("spoiled");
      const { cpSync } = await import("node:fs");
      cpSync(good, dir, { recursive: true });
      spoil(dir);
      return dir;
    };
    const refuses = async (source: string, target: string, message: RegExp) => {
      await expect(restore({ source, dataDir: target })).rejects.toThrow(message);
      expect(readdirSync(path.dirname(target)).filter((f) => f.includes(".restoring-"))).toEqual([]);
    };

    it("a changed blob", async () => {
      const key = src.keys[1]!;
      const source = await spoiled((d) => writeFileSync(path.join(d, "blobs", blobRelativePath(key)), "tampered\n"));
      const target = fresh("target");
      await refuses(source, target, new RegExp(`does not match its manifest, so nothing was restored:\\n  - blob ${key} is changed`));
      expect(existsSync(target)).toBe(false);
    });

    it("a missing blob", async () => {
      const key = src.keys[2]!;
      const source = await spoiled((d) => rmSync(path.join(d, "blobs", blobRelativePath(key))));
      const target = fresh("target");
      await refuses(source, target, new RegExp(`blob ${key} is missing`));
      expect(existsSync(target)).toBe(false);
    });

    it("a changed dump", async () => {
      const source = await spoiled((d) => writeFileSync(path.join(d, "database.pglite.tar.gz"), "x", { flag: "a" }));
      await refuses(source, fresh("target"), /the database dump database\.pglite\.tar\.gz is changed/);
    });

    it("a folder without a manifest (an unfinished backup)", async () => {
      const source = await spoiled((d) => rmSync(path.join(d, "manifest.json")));
      await refuses(source, fresh("target"), /has no manifest\.json: it is not a Logdesk backup, or one that did not finish/);
    });

    it("a data folder that is not empty", async () => {
      const target = fresh("target");
      mkdirSync(target);
      writeFileSync(path.join(target, "session-secret"), "old");
      await refuses(good, target, /the data folder .* is not empty \(session-secret\)/);
      expect(readdirSync(target)).toEqual(["session-secret"]);
    });

    it("a data folder a running portal holds", async () => {
      const target = fresh("target");
      const child = await holdLock(target);
      try {
        await refuses(good, target, new RegExp(`a portal \\(pid ${child.pid}\\) is using the data folder`));
        expect(readdirSync(target)).toEqual(["logdesk.lock"]);
      } finally {
        await stop(child);
      }
    });

    it("a PostgreSQL target for an embedded backup", async () => {
      const target = fresh("target");
      await expect(restore({ source: good, dataDir: target, databaseUrl: "postgresql://nobody@127.0.0.1:1/none" })).rejects.toThrow(/a backup of the embedded database: unset DATABASE_URL/);
      expect(existsSync(target)).toBe(false);
    });
  });
});

describe.skipIf(!testPostgresUrl())("backup and restore on PostgreSQL (pg_dump, pg_restore)", () => {
  const url = testPostgresUrl()!;
  let source: Database & { name: string };
  let filled: Awaited<ReturnType<typeof fillPortal>>;
  const blobDir = fresh("pg-blobs");
  const dataDir = fresh("pg-data");
  const emptyDb = `logdesk_restore_${process.pid}`;
  const admin = () => new pg.Client({ connectionString: withDatabaseName(url, "postgres") });

  beforeAll(async () => {
    source = await openTestDatabase();
    installDatabase(source);
    filled = await fillPortal(source, blobDir);
    installDatabase(undefined);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, "audit-checkpoint-key.pem"), "not really a key\n");
    const a = admin();
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${emptyDb} WITH (FORCE)`);
    await a.query(`CREATE DATABASE ${emptyDb}`);
    await a.end();
  }, 120_000);
  afterAll(async () => {
    await source?.close();
    const a = admin();
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${emptyDb} WITH (FORCE)`);
    await a.end();
  });

  it("blob removals wait while a backup holds the advisory lock (any process)", async () => {
    const store = localBlobStore(fresh("pg-gate-blobs"));
    const w = await store.begin();
    await w.write(Buffer.from("y"));
    const { key } = await w.commit();
    const backupSession = new pg.Client({ connectionString: withDatabaseName(url, source.name) });
    await backupSession.connect();
    await backupSession.query("SELECT pg_advisory_lock($1::bigint)", [BACKUP_LOCK_KEY]);
    try {
      const removal = removeBlobIfUnreferenced(source.prisma, store, key);
      await new Promise((r) => setTimeout(r, 500));
      expect(await store.stat(key)).not.toBeNull();
      await backupSession.query("SELECT pg_advisory_unlock($1::bigint)", [BACKUP_LOCK_KEY]);
      expect(await removal).toBe(true);
    } finally {
      await backupSession.end();
    }
  });

  it("backs a database up with pg_dump and restores it into an empty one, the chain verifying; refuses a database that is not empty", async () => {
    const target = fresh("pg-backup");
    const r = await backup({ target, dataDir, blobDir, databaseUrl: withDatabaseName(url, source.name) });
    expect(r.via).toBe("pg_dump");
    expect(r.manifest.database.kind).toBe("postgres");
    expect(r.manifest.blobs.map((b) => b.key)).toEqual(filled.keys);
    expect(r.manifest.files.map((f) => f.name)).toEqual(["audit-checkpoint-key.pem"]);

    // Not into the database it came from (not empty), and nothing written.
    const otherBlobs = fresh("pg-restored-blobs");
    const otherData = fresh("pg-restored-data");
    await expect(restore({ source: target, dataDir: otherData, blobDir: otherBlobs, databaseUrl: withDatabaseName(url, source.name) })).rejects.toThrow(/the PostgreSQL database of DATABASE_URL is not empty/);
    expect(existsSync(otherBlobs)).toBe(false);
    expect(existsSync(otherData)).toBe(false);

    await restore({ source: target, dataDir: otherData, blobDir: otherBlobs, databaseUrl: withDatabaseName(url, emptyDb) });
    for (const k of filled.keys) expect(existsSync(path.join(otherBlobs, blobRelativePath(k))), k).toBe(true);
    expect(readFileSync(path.join(otherData, "audit-checkpoint-key.pem"), "utf8")).toBe("not really a key\n");
    const restored = openPostgres(withDatabaseName(url, emptyDb), 2);
    try {
      expect(await restored.prisma.artefact.count()).toBe(3);
      const chain = await verifyActivityChain(restored.prisma);
      expect(chain.ok).toBe(true);
      expect(chain.ok && Number(chain.count)).toBe(r.manifest.counts.activity);
    } finally {
      await restored.close();
    }
  }, 120_000);
});

export type { OperatorChannel };
