// `npm run restore -- <folder>` (decision 0015): checks the backup against its manifest first
// (every blob, the dump, the keys: present, with their SHA-256), then that nothing uses the target,
// then writes everything beside the target and renames it into place, so a refusal or a failure
// leaves the target as it was.
//   Embedded: the target is the data folder (LOGDESK_DATA_DIR), which must be absent or empty and
//   not held by a running process. PostgreSQL: the database of DATABASE_URL must be empty;
//   pg_restore runs in one transaction; the blob store must be absent or empty.
//   An object store (BLOB_STORE_URL) is not emptied nor required empty: the blobs are written
//   through it (content-addressed, so one already there is the same bytes and is kept), and on a
//   failure those this restore added are removed again.
// No `server-only`, no process.env: scripts/restore.ts passes the configuration.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { createReadStream, promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { openBlobStore, type BlobStore, type BlobStoreConfig } from "@/lib/blobstore";
import { childEnv } from "@/lib/env";
import { createPGlite } from "@/lib/db/pglite";
import { pgTool, pgToolVersion, pgVersionProblem } from "./backup";
import { BackupError, copyFileHashed, entriesOf, errnoOf, fsyncDir, hashFile, isInside, libpqTarget, realIO, runningLockHolder } from "./files";
import {
  blobRelativePath,
  checkContents,
  MANIFEST_FILE,
  migrationTooNew,
  parseManifest,
  SNAPSHOT_FACTS_SQL,
  snapshotFactsOf,
  type BackupManifest,
  type FileFacts,
  type FoundContents,
} from "./manifest";

export interface RestoreOptions {
  source: string;
  dataDir: string;
  blobDir: string;
  /** BLOB_STORE_URL's bucket: the blobs are written through it instead of into the folder. */
  blobStore?: BlobStoreConfig;
  databaseUrl?: string;
  pgBinDir?: string;
  /** The migrations this code knows (a backup from a newer schema is refused). */
  knownMigrations: string[];
  say?: (line: string) => void;
}

export interface RestoreResult {
  manifest: BackupManifest;
  ms: number;
  checkMs: number;
}

/** Reads the manifest and hashes everything it names. Throws a sentence listing what does not match. */
export async function checkBackup(source: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = readFileSync(path.join(source, MANIFEST_FILE), "utf8");
  } catch (err) {
    const code = errnoOf(err);
    if (code === "ENOENT") {
      throw new BackupError(`${source} has no ${MANIFEST_FILE}: it is not a Logdesk backup, or one that did not finish; nothing was restored`);
    }
    throw new BackupError(`cannot read ${path.join(source, MANIFEST_FILE)} (${code ?? (err as Error).message}); nothing was restored`);
  }
  let manifest: BackupManifest;
  try {
    manifest = parseManifest(text);
  } catch (err) {
    throw new BackupError(`${(err as Error).message}; nothing was restored`);
  }
  const found: FoundContents = { database: await hashFile(path.join(source, manifest.database.file)), blobs: new Map(), files: new Map() };
  for (const b of manifest.blobs) found.blobs.set(b.key, await hashFile(path.join(source, "blobs", blobRelativePath(b.key))));
  for (const f of manifest.files) found.files.set(f.name, await hashFile(path.join(source, "files", f.name)));
  const problems = checkContents(manifest, found);
  if (problems.length) {
    const shown = problems.slice(0, 10).map((p) => `  - ${p}`);
    if (problems.length > 10) shown.push(`  - and ${problems.length - 10} more`);
    throw new BackupError(`the backup in ${source} does not match its manifest, so nothing was restored:\n${shown.join("\n")}`);
  }
  return manifest;
}

/** Refuses a target folder that is in use or holds anything. */
async function checkEmptyFolder(dir: string, what: string): Promise<void> {
  const entries = await entriesOf(dir, what);
  if (entries && entries.length) {
    throw new BackupError(`${what} ${dir} is not empty (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""}): restore into a new or empty one (move the old one aside first); nothing was restored`);
  }
}

function tempBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.restoring-${randomBytes(4).toString("hex")}`);
}

async function copyBlobsInto(source: string, manifest: BackupManifest, blobRoot: string): Promise<void> {
  for (const b of manifest.blobs) {
    const rel = blobRelativePath(b.key);
    const facts = await copyFileHashed(path.join(source, "blobs", rel), path.join(blobRoot, rel), realIO);
    // Checked before; checked again as it is written (the backup folder could change in between).
    if (facts.sha256 !== b.sha256) throw new BackupError(`blob ${b.key} changed while it was being restored; nothing was restored`);
  }
}

/**
 * Writes the backup's blobs through an object store, each streamed and checked against its key;
 * returns the keys it added (those already there are the same bytes, content-addressed, and stay).
 * On a failure it removes what it added and rethrows.
 */
async function writeBlobsThrough(store: BlobStore, source: string, manifest: BackupManifest, say?: (line: string) => void): Promise<string[]> {
  const added: string[] = [];
  try {
    say?.(`restoring ${manifest.blobs.length} blobs into ${store.describe()}`);
    for (const b of manifest.blobs) {
      if ((await store.stat(b.key))?.size === b.size) continue;
      const w = await store.begin();
      try {
        for await (const chunk of createReadStream(path.join(source, "blobs", blobRelativePath(b.key)))) await w.write(chunk as Buffer);
      } catch (err) {
        await w.abort();
        throw err;
      }
      const info = await w.commit();
      if (info.key !== b.key) {
        // Not a blob of this backup after all (changed since it was checked): not kept.
        await store.remove(info.key).catch(() => {});
        throw new BackupError(`blob ${b.key} changed while it was being restored; nothing was restored`);
      }
      added.push(b.key);
    }
    return added;
  } catch (err) {
    await removeBlobs(store, added);
    throw err;
  }
}

async function removeBlobs(store: BlobStore, keys: string[]): Promise<void> {
  for (const key of keys) await store.remove(key).catch(() => {});
}

async function copyFilesInto(source: string, manifest: BackupManifest, dir: string): Promise<void> {
  for (const f of manifest.files) {
    const facts = await copyFileHashed(path.join(source, "files", f.name), path.join(dir, f.name), realIO);
    if (facts.sha256 !== f.sha256) throw new BackupError(`file ${f.name} changed while it was being restored; nothing was restored`);
  }
}

/** Moves `from` into the place of `to` (absent, or an empty folder, which rename replaces). */
async function moveIntoPlace(from: string, to: string, what: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (err) {
    const code = errnoOf(err);
    if (code === "ENOTEMPTY" || code === "EEXIST") throw new BackupError(`${what} ${to} was written to while the restore ran (something started on it); nothing was restored`);
    throw err;
  }
  await fsyncDir(path.dirname(to));
}

function compareCounts(manifest: BackupManifest, got: BackupManifest["counts"]): void {
  const want = manifest.counts;
  if (got.cases !== want.cases || got.artefacts !== want.artefacts || got.activity !== want.activity || got.activityLastId !== want.activityLastId) {
    throw new BackupError(
      `the restored database does not hold what the manifest says (cases ${got.cases}/${want.cases}, artefacts ${got.artefacts}/${want.artefacts}, activity entries ${got.activity}/${want.activity}); nothing was restored`,
    );
  }
}

async function restorePglite(o: RestoreOptions, manifest: BackupManifest): Promise<void> {
  const dataDir = path.resolve(o.dataDir);
  const blobDir = path.resolve(o.blobDir);
  const holder = runningLockHolder(dataDir);
  if (holder !== null) {
    throw new BackupError(`a portal (pid ${holder}) is using the data folder ${dataDir}: stop it, move the folder aside, and restore into an empty one; nothing was restored`);
  }
  await checkEmptyFolder(dataDir, "the data folder");
  const objectStore = o.blobStore?.kind === "s3" ? openBlobStore(o.blobStore) : null;
  const blobsInside = objectStore !== null || isInside(blobDir, dataDir);
  if (!blobsInside) await checkEmptyFolder(blobDir, "the blob store (BLOB_DIR)");
  let added: string[] = [];

  const tmp = tempBeside(dataDir);
  const blobTmp = blobsInside ? path.join(tmp, path.relative(dataDir, blobDir)) : tempBeside(blobDir);
  await fs.mkdir(tmp, { recursive: true, mode: 0o700 });
  try {
    o.say?.("restoring the database");
    const tar = gunzipSync(await fs.readFile(path.join(o.source, manifest.database.file)));
    const pglite = await createPGlite(path.join(tmp, "pglite"), { loadDataDir: new Blob([tar as unknown as Uint8Array<ArrayBuffer>]) });
    try {
      compareCounts(manifest, snapshotFactsOf((await pglite.query<Parameters<typeof snapshotFactsOf>[0]>(SNAPSHOT_FACTS_SQL)).rows[0]!).counts);
    } finally {
      await pglite.close();
    }
    if (objectStore) {
      added = await writeBlobsThrough(objectStore, o.source, manifest, o.say);
    } else {
      o.say?.(`restoring ${manifest.blobs.length} blobs`);
      await fs.mkdir(blobTmp, { recursive: true, mode: 0o700 });
      await copyBlobsInto(o.source, manifest, blobTmp);
    }
    await copyFilesInto(o.source, manifest, tmp);
    if (!blobsInside) await moveIntoPlace(blobTmp, blobDir, "the blob store");
    try {
      await moveIntoPlace(tmp, dataDir, "the data folder");
    } catch (err) {
      if (!blobsInside) await fs.rm(blobDir, { recursive: true, force: true });
      throw err;
    }
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    if (!blobsInside) await fs.rm(blobTmp, { recursive: true, force: true });
    if (objectStore) await removeBlobs(objectStore, added);
    throw err;
  }
}

async function restorePostgres(o: RestoreOptions, manifest: BackupManifest, url: string): Promise<void> {
  const tool = pgTool("pg_restore", o.pgBinDir);
  const version = await pgToolVersion(tool);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new BackupError(`cannot connect to PostgreSQL (DATABASE_URL): ${(err as Error).message}; nothing was restored`, { cause: err });
  }
  const blobDir = path.resolve(o.blobDir);
  const dataDir = path.resolve(o.dataDir);
  const blobTmp = tempBeside(blobDir);
  const objectStore = o.blobStore?.kind === "s3" ? openBlobStore(o.blobStore) : null;
  let added: string[] = [];
  let wroteFiles: string[] = [];
  try {
    const serverNum = Number((await client.query<{ server_version_num: string }>("SHOW server_version_num")).rows[0]!.server_version_num);
    const problem = pgVersionProblem(tool, version, serverNum);
    if (problem) throw new BackupError(`${problem}; nothing was restored`);
    if (manifest.database.dumpVersion && Number.parseInt(manifest.database.dumpVersion, 10) > Number.parseInt(version, 10)) {
      throw new BackupError(`the dump was written by pg_dump ${manifest.database.dumpVersion}, newer than this pg_restore ${version}: set PG_BIN_DIR to a pg_restore of version ${Number.parseInt(manifest.database.dumpVersion, 10)} or later; nothing was restored`);
    }
    const tables = (
      await client.query<{ name: string }>(
        `SELECT schemaname || '.' || tablename AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1 LIMIT 4`,
      )
    ).rows.map((r) => r.name);
    if (tables.length) {
      throw new BackupError(`the PostgreSQL database of DATABASE_URL is not empty (it has tables: ${tables.slice(0, 3).join(", ")}${tables.length > 3 ? ", …" : ""}): a portal may be using it. Restore into a new, empty database (createdb) and point DATABASE_URL at it; nothing was restored`);
    }
    if (!objectStore) await checkEmptyFolder(blobDir, "the blob store");
    // The data folder's keys: written where absent; a different key already there is refused (its checkpoints and releases would not verify).
    const toWrite: string[] = [];
    for (const f of manifest.files) {
      const there = await hashFile(path.join(dataDir, f.name));
      if (!there) toWrite.push(f.name);
      else if (there.sha256 !== f.sha256) {
        throw new BackupError(`${path.join(dataDir, f.name)} exists and differs from the backup's: move it aside (the backup's copy signed this portal's checkpoints and releases); nothing was restored`);
      }
    }
    if (objectStore) {
      added = await writeBlobsThrough(objectStore, o.source, manifest, o.say);
    } else {
      await fs.mkdir(blobTmp, { recursive: true, mode: 0o700 });
      o.say?.(`restoring ${manifest.blobs.length} blobs beside ${blobDir}`);
      await copyBlobsInto(o.source, manifest, blobTmp);
    }
    o.say?.(`pg_restore ${version} (one transaction)`);
    const { conninfo, password } = libpqTarget(url);
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(tool, ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", `--dbname=${conninfo}`, path.join(o.source, manifest.database.file)], {
        env: childEnv(password ? { PGPASSWORD: password } : {}),
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      child.once("error", reject);
      child.once("close", (code) => resolve({ code, stderr }));
    });
    if (r.code !== 0) throw new BackupError(`pg_restore failed (exit ${r.code}), its one transaction rolled back: ${r.stderr.trim().split("\n").slice(-3).join(" / ")}; nothing was restored`);
    const facts = snapshotFactsOf((await client.query(SNAPSHOT_FACTS_SQL)).rows[0]);
    compareCounts(manifest, facts.counts);
    await fs.mkdir(dataDir, { recursive: true });
    await copyFilesInto(o.source, { ...manifest, files: manifest.files.filter((f) => toWrite.includes(f.name)) }, dataDir);
    wroteFiles = toWrite;
    if (!objectStore) {
      await fs.mkdir(path.dirname(blobDir), { recursive: true });
      await moveIntoPlace(blobTmp, blobDir, "the blob store");
    }
  } catch (err) {
    await fs.rm(blobTmp, { recursive: true, force: true });
    if (objectStore) await removeBlobs(objectStore, added);
    for (const name of wroteFiles) await fs.rm(path.join(dataDir, name), { force: true });
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function runRestore(o: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  const source = path.resolve(o.source);
  o.say?.(`checking ${source} against its manifest`);
  const manifest = await checkBackup(source);
  const checkMs = Date.now() - started;
  if (migrationTooNew(manifest.migration, o.knownMigrations)) {
    throw new BackupError(`the backup's database has migration ${manifest.migration}, newer than this version of Logdesk knows: restore it with the version that made it (${manifest.portalVersion}) or later; nothing was restored`);
  }
  if (manifest.database.kind === "pglite" && o.databaseUrl) {
    throw new BackupError("this is a backup of the embedded database: unset DATABASE_URL to restore it into LOGDESK_DATA_DIR; nothing was restored");
  }
  if (manifest.database.kind === "postgres" && !o.databaseUrl) {
    throw new BackupError("this is a backup of a PostgreSQL database: set DATABASE_URL to an empty database to restore it into; nothing was restored");
  }
  try {
    if (o.databaseUrl) await restorePostgres({ ...o, source }, manifest, o.databaseUrl);
    else await restorePglite({ ...o, source }, manifest);
  } catch (err) {
    if (errnoOf(err) === "ENOSPC") throw new BackupError("no space left on the device: what was written was removed; nothing was restored", { cause: err });
    if (err instanceof BackupError) throw err;
    throw new BackupError(`the restore failed and what it wrote was removed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return { manifest, ms: Date.now() - started, checkMs };
}

export type { FileFacts };
