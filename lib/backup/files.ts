// File helpers the backup and the restore share: copying with a SHA-256, hashing, the data
// folder's own files, cleaning up, and the errors they turn into sentences.
// No `server-only`, no process.env: scripts and tests call these with explicit paths.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import { Transform, type Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CHECKPOINT_KEY_FILENAME } from "@/lib/audit/checkpoint";
import { fsyncDir } from "@/lib/blobstore/local";
import { SIGNING_KEY_FILENAME } from "@/lib/release/keys";
import type { FileFacts } from "./manifest";

/** The data folder's own files a restored portal needs: its session secret and the keys that signed its releases and checkpoints. */
export const DATA_FOLDER_FILES = ["session-secret", SIGNING_KEY_FILENAME, CHECKPOINT_KEY_FILENAME] as const;

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BackupError";
  }
}

/** Where files are written: the tests swap it to simulate a full disk. */
export interface WriteIO {
  createWriteStream(file: string): Writable;
}
export const realIO: WriteIO = {
  createWriteStream: (file) => createWriteStream(file, { flags: "wx", mode: 0o600 }),
};

export function errnoOf(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A pass-through that hashes and counts what flows through it. */
export function hashTap(): Transform & { facts(): FileFacts } {
  const hash = createHash("sha256");
  let size = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  return Object.assign(t, { facts: () => ({ size, sha256: hash.digest("hex") }) });
}

/** Writes `source` to a new file (never over one), fsynced, and returns its size and SHA-256. A function source is opened only once the folder is there (an error of a stream nobody listens to yet would be uncaught). */
export async function writeStreamTo(source: Readable | (() => Readable), file: string, io: WriteIO, transforms: Transform[] = []): Promise<FileFacts> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tap = hashTap();
  const src = typeof source === "function" ? source() : source;
  await pipeline([src, ...transforms, tap, io.createWriteStream(file)] as unknown as readonly NodeJS.ReadWriteStream[]);
  await fsyncFile(file);
  return tap.facts();
}

export async function copyFileHashed(from: string, to: string, io: WriteIO): Promise<FileFacts> {
  return writeStreamTo(() => createReadStream(from), to, io);
}

/** Size and SHA-256 of a file, or null when there is none. */
export async function hashFile(file: string): Promise<FileFacts | null> {
  try {
    const tap = hashTap();
    await pipeline(createReadStream(file), tap, async function* (src) {
      for await (const _ of src) void _;
    });
    return tap.facts();
  } catch (err) {
    if (errnoOf(err) === "ENOENT" || errnoOf(err) === "ENOTDIR" || errnoOf(err) === "EISDIR") return null;
    throw err;
  }
}

export async function fsyncFile(file: string): Promise<void> {
  const h = await fs.open(file, "r");
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

export { fsyncDir };

/** Entries of a folder, or null when it does not exist; throws a sentence when it is not a folder. */
export async function entriesOf(dir: string, what: string): Promise<string[] | null> {
  try {
    return await fs.readdir(dir);
  } catch (err) {
    const code = errnoOf(err);
    if (code === "ENOENT") return null;
    if (code === "ENOTDIR") {
      const isFile = await fs.stat(dir).then((st) => st.isFile(), () => false);
      throw new BackupError(isFile ? `${what} ${dir} is a file, not a folder` : `${what} ${dir} cannot be created: part of its path is a file (ENOTDIR)`);
    }
    if (code === "EACCES" || code === "EPERM") throw new BackupError(`${what} ${dir} cannot be read (${code})`);
    throw err;
  }
}

/** The pid in a data folder's logdesk.lock when that process still runs, else null. */
export function runningLockHolder(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(path.join(dataDir, "logdesk.lock"), "utf8").split("\n")[0] ?? "", 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

/** True when `inner` is `outer` or inside it. */
export function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(path.resolve(outer), path.resolve(inner));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** DATABASE_URL as libpq takes it on a command line: Prisma's own parameters dropped, the password apart (for PGPASSWORD, never on argv). */
export function libpqTarget(url: string): { conninfo: string; password: string | undefined } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = "";
  for (const p of ["schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout"]) u.searchParams.delete(p);
  return { conninfo: u.toString(), password };
}

/** "15.18" → 15; a PostgreSQL server_version_num (150018) → 15. */
export function pgMajor(version: string | number): number {
  if (typeof version === "number") return Math.floor(version / 10000);
  const m = /(\d+)(?:\.(\d+))?/.exec(version);
  return m ? Number(m[1]) : NaN;
}
