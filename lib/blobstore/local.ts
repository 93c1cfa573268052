// The local-directory blob store: `<dir>/sha256/<first 2 hex>/<hex>` for blobs and
// `<dir>/tmp/<random>~<pid>~<host>.part` for uploads in progress (the writer's process is in the
// name, so a start after a crash can tell its orphans from another live process's uploads).
import { randomBytes } from "node:crypto";
import { constants as fsConstants, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { contentWriter } from "./content-writer";
import type { BlobStore, BlobWriter } from "./index";
import { isProcessRunning } from "@/lib/process";

export class BlobNotFound extends Error {
  constructor(readonly key: string) {
    super(`blob not found: ${key}`);
    this.name = "BlobNotFound";
  }
}

export class InvalidBlobKey extends Error {
  constructor(key: string) {
    // The key may be hostile (path traversal attempts): quote a bounded, JSON-escaped prefix.
    super(`invalid blob key ${JSON.stringify(key.slice(0, 80))}: expected "sha256:" and 64 lowercase hex digits`);
    this.name = "InvalidBlobKey";
  }
}

/**
 * The store cannot be reached or refused the request (an object store down, wrong credentials, a
 * missing bucket): the message says what failed and why, for the person and the operator. Routes
 * answer it with 503 (lib/http/route.ts).
 */
export class BlobStoreUnavailable extends Error {
  /** What could not be done, for the person (no store address): e.g. "The file could not be stored". */
  readonly action: string;
  constructor(message: string, options?: { cause?: unknown; action?: string }) {
    super(message, options);
    this.name = "BlobStoreUnavailable";
    this.action = options?.action ?? "The file store could not be used";
  }
}

/**
 * By name, not instanceof: the store the portal caches on globalThis may come from another copy of
 * this module (server.ts's worker loads lib/ through tsx, the route handlers through Next's bundle).
 */
export function isBlobStoreUnavailable(err: unknown): err is BlobStoreUnavailable {
  return err instanceof Error && err.name === "BlobStoreUnavailable";
}

/** Likewise by name (see isBlobStoreUnavailable). */
export function isBlobNotFound(err: unknown): err is BlobNotFound {
  return err instanceof Error && err.name === "BlobNotFound";
}

const KEY_RE = /^sha256:([0-9a-f]{64})$/;

export function isBlobKey(key: unknown): key is string {
  return typeof key === "string" && KEY_RE.test(key);
}

/** The 64-hex digest of a valid key; throws InvalidBlobKey otherwise. */
export function blobKeyHex(key: string): string {
  const m = typeof key === "string" ? KEY_RE.exec(key) : null;
  if (!m) throw new InvalidBlobKey(String(key));
  return m[1];
}

export function blobKeyFor(sha256Hex: string): string {
  const key = `sha256:${sha256Hex}`;
  blobKeyHex(key);
  return key;
}

/** sweepTemp's default: a temp file untouched for a day belongs to no live upload. */
export const DEFAULT_TEMP_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** This host's name as it goes into a temp file's name (no `~`, no path separator). */
export const tempHostTag = (host = os.hostname()) => host.replace(/[^A-Za-z0-9.-]/g, "_").slice(0, 64) || "host";

/** The writer of a temp file named by begin(): its pid and host; null for a name without them (older files). */
export function tempFileOwner(name: string): { pid: number; host: string } | null {
  const m = /^[0-9a-f]{32}~(\d+)~([A-Za-z0-9._-]+)\.part$/.exec(name);
  return m ? { pid: Number(m[1]), host: m[2]! } : null;
}


/**
 * Whether no running writer owns a temp file: one of this host whose process is gone, or that
 * names this very process (a start after a crash of a process with the same pid, e.g. pid 1 in a
 * container: this process has not begun an upload yet when it sweeps). Another host's files, and
 * names without an owner, are left to the age sweep.
 */
export function isOrphanTempFile(name: string, self = { pid: process.pid, host: tempHostTag() }, runs: (pid: number) => boolean = isProcessRunning): boolean {
  const owner = tempFileOwner(name);
  if (!owner || owner.host !== self.host) return false;
  return owner.pid === self.pid || !runs(owner.pid);
}

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

function isErrno(e: unknown, ...codes: string[]): boolean {
  return typeof e === "object" && e !== null && codes.includes((e as NodeJS.ErrnoException).code ?? "");
}

/** Best effort: makes a rename (or an unlink) durable on filesystems that support fsync on directories. Backups use it too. */
export async function fsyncDir(dir: string): Promise<void> {
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(dir, "r");
    await h.sync();
  } catch {
    // Not supported everywhere (and not needed for correctness, only for durability).
  } finally {
    await h?.close().catch(() => {});
  }
}

export function localBlobStore(dir: string): BlobStore {
  const root = path.resolve(dir);
  const tmpDir = path.join(root, "tmp");
  const blobDir = path.join(root, "sha256");

  const blobPath = (key: string): string => {
    const hex = blobKeyHex(key);
    return path.join(blobDir, hex.slice(0, 2), hex);
  };

  async function begin(): Promise<BlobWriter> {
    await fs.mkdir(tmpDir, { recursive: true, mode: DIR_MODE });
    const tmpPath = path.join(tmpDir, `${randomBytes(16).toString("hex")}~${process.pid}~${tempHostTag()}.part`);
    const handle = await fs.open(tmpPath, "wx", FILE_MODE);
    let handleClosed = false;
    const closeHandle = async () => {
      if (handleClosed) return;
      handleClosed = true;
      await handle.close();
    };
    return contentWriter({
      async append(chunk) {
        let off = 0;
        while (off < chunk.byteLength) {
          const { bytesWritten } = await handle.write(chunk, off, chunk.byteLength - off, null);
          off += bytesWritten;
        }
      },
      async place(key) {
        await handle.sync();
        await closeHandle();
        const target = blobPath(key);
        await fs.mkdir(path.dirname(target), { recursive: true, mode: DIR_MODE });
        const existing = await fs.stat(target).catch((e) => {
          if (isErrno(e, "ENOENT")) return null;
          throw e;
        });
        if (existing) {
          await fs.rm(tmpPath, { force: true });
        } else {
          // Atomic; should another writer win the race in between, the bytes are the same.
          await fs.rename(tmpPath, target);
          await fsyncDir(path.dirname(target));
        }
      },
      async discard() {
        await closeHandle().catch(() => {});
        await fs.rm(tmpPath, { force: true });
      },
    });
  }

  async function read(key: string, opts: { start?: number; end?: number } = {}) {
    const p = blobPath(key);
    for (const [name, v] of [["start", opts.start], ["end", opts.end]] as const) {
      if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0)) {
        throw new RangeError(`blob read: ${name} must be a non-negative integer`);
      }
    }
    if (opts.start !== undefined && opts.end !== undefined && opts.end < opts.start) throw new RangeError("blob read: end must not be before start");
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(p, "r");
    } catch (e) {
      if (isErrno(e, "ENOENT", "ENOTDIR")) throw new BlobNotFound(key);
      throw e;
    }
    return handle.createReadStream({ start: opts.start, end: opts.end, autoClose: true });
  }

  async function stat(key: string): Promise<{ size: number } | null> {
    const p = blobPath(key);
    try {
      const s = await fs.stat(p);
      return s.isFile() ? { size: s.size } : null;
    } catch (e) {
      if (isErrno(e, "ENOENT", "ENOTDIR")) return null;
      throw e;
    }
  }

  async function sweepTemp(maxAgeMs: number = DEFAULT_TEMP_MAX_AGE_MS, opts: { orphans?: "all" | "dead-writers" } = {}): Promise<number> {
    let names: string[];
    try {
      names = await fs.readdir(tmpDir);
    } catch (e) {
      if (isErrno(e, "ENOENT")) return 0;
      throw e;
    }
    const cutoff = Date.now() - maxAgeMs;
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith(".part")) continue;
      const p = path.join(tmpDir, name);
      const orphan = opts.orphans === "all" || (opts.orphans === "dead-writers" && isOrphanTempFile(name));
      try {
        const s = await fs.stat(p);
        if (!s.isFile() || (!orphan && s.mtimeMs > cutoff)) continue;
        await fs.unlink(p);
        removed++;
      } catch (e) {
        if (!isErrno(e, "ENOENT")) throw e; // another sweeper (or the writer's abort) got there first
      }
    }
    return removed;
  }

  async function remove(key: string): Promise<boolean> {
    const p = blobPath(key);
    try {
      await fs.unlink(p);
      // The removal survives a power loss before the caller forgets the key (retention clears it as pending next).
      await fsyncDir(path.dirname(p));
      return true;
    } catch (e) {
      if (isErrno(e, "ENOENT", "ENOTDIR")) return false;
      throw e;
    }
  }

  async function check(): Promise<void> {
    try {
      await fs.mkdir(root, { recursive: true, mode: DIR_MODE });
      await fs.access(root, fsConstants.W_OK);
    } catch (e) {
      throw new BlobStoreUnavailable(`the file store ${root} is not writable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
    }
  }

  return { begin, read, stat, sweepTemp, remove, check, describe: () => root };
}
