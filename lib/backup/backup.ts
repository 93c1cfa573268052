// `npm run backup -- <folder>` (decision 0015): a consistent copy of a running or stopped portal.
//   Embedded: asks the running server over the operator channel for a snapshot, or, with no
//   server running, takes the folder's lock and snapshots it itself. PostgreSQL: pg_dump -Fc of
//   an exported snapshot. Then the blobs that snapshot's rows name (blob removals held meanwhile),
//   the data folder's keys, and last the manifest. Any failure removes what was written.
// No `server-only`, no process.env: scripts/backup.ts passes the configuration.
import { execFile, spawn } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { createGzip } from "node:zlib";
import pg from "pg";
import { isBlobNotFound, localBlobStore, openBlobStore, type BlobStore, type BlobStoreConfig } from "@/lib/blobstore";
import { childEnv } from "@/lib/env";
import { lockDataDir } from "@/lib/db/lock";
import { createPGlite } from "@/lib/db/pglite";
import { OperatorChannelError, requestBackupSnapshot } from "./channel";
import { BACKUP_LOCK_KEY } from "./gate";
import {
  ARTEFACT_BLOB_SQL,
  blobRelativePath,
  buildManifest,
  MANIFEST_FILE,
  referencedBlobKeys,
  SNAPSHOT_FACTS_SQL,
  snapshotFactsOf,
  type ArtefactBlobRow,
  type BackupManifest,
  type FileFacts,
  type SnapshotFacts,
} from "./manifest";
import { snapshotPglite } from "./snapshot";
import {
  BackupError,
  copyFileHashed,
  DATA_FOLDER_FILES,
  entriesOf,
  errnoOf,
  fsyncDir,
  fsyncFile,
  hashFile,
  libpqTarget,
  pgMajor,
  realIO,
  runningLockHolder,
  writeStreamTo,
  type WriteIO,
} from "./files";

export { BackupError } from "./files";

export const PGLITE_DUMP_FILE = "database.pglite.tar.gz";
export const POSTGRES_DUMP_FILE = "database.pgdump";

export interface BackupOptions {
  target: string;
  dataDir: string;
  blobDir: string;
  /** BLOB_STORE_URL's bucket: blobs are read from it (streamed) instead of the folder. */
  blobStore?: BlobStoreConfig;
  databaseUrl?: string;
  /** Where pg_dump is (PG_BIN_DIR); default: the PATH's. */
  pgBinDir?: string;
  portalVersion: string;
  io?: WriteIO;
  /** Progress lines for the person running it. */
  say?: (line: string) => void;
}

export interface BackupResult {
  manifest: BackupManifest;
  /** How the snapshot was taken. */
  via: "server" | "folder" | "pg_dump";
  ms: number;
  bytes: number;
}

/** Creates the backup folder (or checks an existing one is empty and writable); returns how to undo it. */
async function prepareTarget(target: string): Promise<() => Promise<void>> {
  const existing = await entriesOf(target, "the backup folder");
  let created = false;
  if (existing) {
    if (existing.length) {
      throw new BackupError(`the backup folder ${target} is not empty (${existing.length} entr${existing.length === 1 ? "y" : "ies"}, e.g. ${existing.slice(0, 3).join(", ")}): give a new or empty folder; nothing was written`);
    }
  } else {
    try {
      await fs.mkdir(target, { recursive: true, mode: 0o700 });
      created = true;
    } catch (err) {
      throw new BackupError(`cannot create the backup folder ${target} (${errnoOf(err) ?? (err as Error).message}); nothing was written`, { cause: err });
    }
  }
  const undo = async () => {
    if (created) await fs.rm(target, { recursive: true, force: true });
    else for (const name of await fs.readdir(target).catch(() => [])) await fs.rm(path.join(target, name), { recursive: true, force: true });
  };
  try {
    const probe = path.join(target, ".logdesk-write-test");
    await fs.writeFile(probe, "", { flag: "wx" });
    await fs.rm(probe);
  } catch (err) {
    await undo().catch(() => {});
    throw new BackupError(`the backup folder ${target} is not writable (${errnoOf(err) ?? (err as Error).message}); nothing was written`, { cause: err });
  }
  return undo;
}

/** Writes the tar's bytes gzip'd into the dump file as they arrive. */
function gzipWriter(file: string, io: WriteIO): { push(chunk: Uint8Array): Promise<void>; finish(): Promise<FileFacts> } {
  const src = new PassThrough();
  const written = writeStreamTo(src, file, io, [createGzip({ level: 3 })]);
  let failed: unknown;
  written.catch((err) => (failed = err));
  return {
    async push(chunk) {
      if (failed) throw failed;
      if (!src.write(chunk)) {
        await new Promise<void>((resolve, reject) => {
          src.once("drain", resolve);
          written.catch(reject);
        });
      }
    },
    async finish() {
      src.end();
      return written;
    },
  };
}

/** The store the blobs are read from: the object store when configured, else the folder (the running server's, over the channel). */
function sourceStore(o: BackupOptions, blobDir: string): BlobStore {
  return o.blobStore?.kind === "s3" ? openBlobStore(o.blobStore) : localBlobStore(blobDir);
}

async function copyBlobs(keys: string[], store: BlobStore, target: string, io: WriteIO): Promise<Map<string, FileFacts>> {
  const out = new Map<string, FileFacts>();
  const where = store.describe();
  for (const key of keys) {
    const rel = blobRelativePath(key);
    let facts: FileFacts;
    try {
      // Streamed from the store into the backup folder, hashed on the way (an object store's GET: no whole file in memory).
      const dest = path.join(target, "blobs", rel);
      await fs.mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
      const stream = await store.read(key);
      facts = await writeStreamTo(stream as unknown as Readable, dest, io);
    } catch (err) {
      if (isBlobNotFound(err) || errnoOf(err) === "ENOENT") {
        throw new BackupError(`blob ${key} is named by an artefact of the snapshot but is missing from the blob store ${where}: the live portal has a broken artefact (find it with the key), or this backup does not use the portal's blob store (BLOB_DIR, BLOB_STORE_URL); no backup was written`);
      }
      throw err;
    }
    if (`sha256:${facts.sha256}` !== key) {
      throw new BackupError(`blob ${key} in the blob store ${where} has changed (its SHA-256 is now ${facts.sha256}); no backup was written`);
    }
    out.set(key, facts);
  }
  return out;
}

async function copyDataFolderFiles(dataDir: string, target: string, io: WriteIO): Promise<Map<string, FileFacts>> {
  const out = new Map<string, FileFacts>();
  for (const name of DATA_FOLDER_FILES) {
    const from = path.join(dataDir, name);
    if (!existsSync(from)) continue;
    out.set(name, await copyFileHashed(from, path.join(target, "files", name), io));
  }
  return out;
}

async function writeManifest(target: string, manifest: BackupManifest, io: WriteIO): Promise<void> {
  // Written last, under a temporary name then renamed: a folder with manifest.json is a whole backup.
  const tmp = path.join(target, `${MANIFEST_FILE}.partial`);
  await writeStreamTo(Readable.from([Buffer.from(JSON.stringify(manifest, null, 2) + "\n")]), tmp, io);
  await fs.rename(tmp, path.join(target, MANIFEST_FILE));
  await fsyncDir(target);
}

interface Snapshot extends SnapshotFacts {
  keys: string[];
  database: BackupManifest["database"];
  via: BackupResult["via"];
}

/** The embedded database: through the server that holds it, or opened here when none does. The blobs are copied inside `copy`, while removals are held. */
async function backupPglite(o: BackupOptions, io: WriteIO, copy: (snap: Snapshot, blobDir: string) => Promise<void>): Promise<void> {
  const dumpFile = path.join(o.target, PGLITE_DUMP_FILE);
  const holder = runningLockHolder(o.dataDir);
  if (holder !== null) {
    o.say?.(`asking the running portal (pid ${holder}) for a snapshot`);
    const out = gzipWriter(dumpFile, io);
    let answer;
    try {
      answer = await requestBackupSnapshot(o.dataDir, (chunk) => out.push(chunk));
    } catch (err) {
      await out.finish().catch(() => {});
      if (err instanceof OperatorChannelError) {
        throw new BackupError(`the data folder ${o.dataDir} is held by a running process (pid ${holder}) and ${err.message.replace(/^./, (c) => c.toLowerCase())}. If that process is not a portal of this version (a script, an older server), stop it and run the backup again; nothing was written`, { cause: err });
      }
      throw err;
    }
    try {
      const facts = await out.finish();
      await copy({ ...answer.header, via: "server", database: { kind: "pglite", file: PGLITE_DUMP_FILE, ...facts } }, answer.header.blobDir);
    } finally {
      answer.done();
    }
    return;
  }
  if (!existsSync(path.join(o.dataDir, "pglite", "PG_VERSION"))) {
    throw new BackupError(`there is no embedded database in ${o.dataDir} (no pglite/ folder): set LOGDESK_DATA_DIR to the portal's data folder, or DATABASE_URL for PostgreSQL; nothing was written`);
  }
  o.say?.(`no portal runs on ${o.dataDir}: opening it here (the folder is locked meanwhile)`);
  const lock = lockDataDir(o.dataDir);
  try {
    const pglite = await createPGlite(path.join(o.dataDir, "pglite"));
    try {
      const snap = await snapshotPglite(pglite);
      const out = gzipWriter(dumpFile, io);
      const bytes = new Uint8Array(await snap.tar.arrayBuffer());
      for (let off = 0; off < bytes.length; off += 1 << 20) await out.push(bytes.subarray(off, off + (1 << 20)));
      const facts = await out.finish();
      await copy({ ...snap, via: "folder", database: { kind: "pglite", file: PGLITE_DUMP_FILE, ...facts } }, o.blobDir);
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export function pgTool(name: "pg_dump" | "pg_restore", binDir?: string): string {
  return binDir ? path.join(binDir, name) : name;
}

/** pg_dump's (or pg_restore's) version, e.g. "15.18"; a sentence when it is not installed. */
export async function pgToolVersion(tool: string): Promise<string> {
  const r = await new Promise<{ err: Error | null; stdout: string }>((resolve) => execFile(tool, ["--version"], (err, stdout) => resolve({ err, stdout })));
  if (r.err) {
    throw new BackupError(`${tool} is not available (${errnoOf(r.err) ?? r.err.message}): install Debian's postgresql-client (apt-get install postgresql-client), or set PG_BIN_DIR to the folder of a pg_dump/pg_restore as new as the server`);
  }
  const m = /(\d+(?:\.\d+)*)/.exec(r.stdout);
  return m ? m[1]! : r.stdout.trim();
}

/** The refusal when the client tools are older than the server. */
export function pgVersionProblem(tool: string, toolVersion: string, serverVersionNum: number): string | null {
  const client = pgMajor(toolVersion);
  const server = pgMajor(serverVersionNum);
  if (client >= server) return null;
  return (
    `${path.basename(tool)} ${toolVersion} is older than the PostgreSQL ${server} server and cannot ${tool.endsWith("pg_restore") ? "restore into" : "dump"} it: ` +
    `install postgresql-client-${server} from the PostgreSQL apt repository (apt.postgresql.org) and set PG_BIN_DIR=/usr/lib/postgresql/${server}/bin, ` +
    `or run the ${tool.endsWith("pg_restore") ? "restore" : "backup"} where the server's own ${path.basename(tool)} is installed`
  );
}

async function backupPostgres(o: BackupOptions, url: string, copy: (snap: Snapshot, blobDir: string) => Promise<void>): Promise<void> {
  const tool = pgTool("pg_dump", o.pgBinDir);
  const dumpVersion = await pgToolVersion(tool);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new BackupError(`cannot connect to PostgreSQL (DATABASE_URL): ${(err as Error).message}; nothing was written`, { cause: err });
  }
  try {
    const serverNum = Number((await client.query<{ server_version_num: string }>("SHOW server_version_num")).rows[0]!.server_version_num);
    const serverVersion = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
    const problem = pgVersionProblem(tool, dumpVersion, serverNum);
    if (problem) throw new BackupError(`${problem}; nothing was written`);
    // Blob removals (retention, any instance) wait from before the snapshot until the blobs are copied.
    await client.query("SELECT pg_advisory_lock($1::bigint)", [BACKUP_LOCK_KEY]);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshotId = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
    const rows = (await client.query<ArtefactBlobRow>(ARTEFACT_BLOB_SQL)).rows;
    const facts = snapshotFactsOf((await client.query(SNAPSHOT_FACTS_SQL)).rows[0]);
    const file = path.join(o.target, POSTGRES_DUMP_FILE);
    const { conninfo, password } = libpqTarget(url);
    o.say?.(`pg_dump ${dumpVersion} of PostgreSQL ${serverVersion}`);
    const r = await run(tool, ["--format=custom", "--compress=6", `--snapshot=${snapshotId}`, `--file=${file}`, `--dbname=${conninfo}`], childEnv(password ? { PGPASSWORD: password } : {}));
    if (r.code !== 0) {
      const enospc = /No space left on device/i.test(r.stderr);
      const err = new BackupError(`pg_dump failed (exit ${r.code}): ${r.stderr.trim().split("\n").slice(-3).join(" / ")}`);
      if (enospc) Object.assign(err, { code: "ENOSPC" });
      throw err;
    }
    await fsyncFile(file);
    const dumped = (await hashFile(file))!;
    await copy({ ...facts, keys: referencedBlobKeys(rows), via: "pg_dump", database: { kind: "postgres", file: POSTGRES_DUMP_FILE, ...dumped, serverVersion, dumpVersion } }, o.blobDir);
    await client.query("COMMIT");
  } finally {
    await client.end().catch(() => {});
  }
}

export async function runBackup(o: BackupOptions): Promise<BackupResult> {
  const io = o.io ?? realIO;
  const started = Date.now();
  const target = path.resolve(o.target);
  const opts = { ...o, target };
  const undo = await prepareTarget(target);
  let result: BackupResult | undefined;
  try {
    const copy = async (snap: Snapshot, blobDir: string) => {
      o.say?.(`snapshot: ${snap.counts.cases} cases, ${snap.counts.artefacts} artefacts, ${snap.counts.activity} activity entries; copying ${snap.keys.length} blobs`);
      const blobs = await copyBlobs(snap.keys, sourceStore(o, blobDir), target, io);
      const files = await copyDataFolderFiles(o.dataDir, target, io);
      const manifest = buildManifest({ createdAt: new Date(), portalVersion: o.portalVersion, migration: snap.migration, database: snap.database, counts: snap.counts, blobs, files });
      await writeManifest(target, manifest, io);
      const bytes = snap.database.size + [...blobs.values(), ...files.values()].reduce((n, f) => n + f.size, 0);
      result = { manifest, via: snap.via, ms: Date.now() - started, bytes };
    };
    if (o.databaseUrl) await backupPostgres(opts, o.databaseUrl, copy);
    else await backupPglite(opts, io, copy);
    if (!result) throw new BackupError("the backup did not complete");
    return result;
  } catch (err) {
    await undo().catch(() => {});
    if (errnoOf(err) === "ENOSPC") {
      throw new BackupError(`no space left on the device of ${target}: the partial backup was removed; free some space or back up to another disk`, { cause: err });
    }
    if (err instanceof BackupError) throw err;
    throw new BackupError(`the backup failed and what it wrote was removed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
