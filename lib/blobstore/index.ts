// Blob store: files addressed by their SHA-256. A writer streams into a temporary file and only
// a completed, fsynced upload is renamed to its content address, so a crash mid-upload leaves at
// most a temporary file (removed by sweepTemp) and never a blob the portal believes in.
// No `server-only` and no process.env here: scripts use this too; the caller passes the directory.
// The S3-compatible store (s3.ts) does the same with a temporary object and a server-side copy.
import { localBlobStore } from "./local";
import { s3BlobStore, type S3BlobStoreConfig } from "./s3";

export interface BlobInfo {
  /** "sha256:<64 lowercase hex>" */
  key: string;
  /** 64 lowercase hex */
  sha256: string;
  size: number;
}

export interface BlobWriter {
  /** Appends bytes; resolves when the OS accepted them (respect backpressure). */
  write(chunk: Uint8Array): Promise<void>;
  readonly bytes: number;
  /** fsyncs, renames the temp file to its content address and returns it. If that blob already exists the temp is removed and the existing one kept (same bytes). */
  commit(): Promise<BlobInfo>;
  /** Removes the temporary file; safe to call twice or after commit (no-op then). */
  abort(): Promise<void>;
}

export interface BlobStore {
  begin(): Promise<BlobWriter>;
  /**
   * Streams a stored blob, optionally a byte range: `start` and `end` are byte offsets with `end`
   * inclusive (as fs.createReadStream). Throws BlobNotFound when missing, InvalidBlobKey for a
   * malformed key.
   */
  read(key: string, opts?: { start?: number; end?: number }): Promise<NodeJS.ReadableStream & AsyncIterable<Buffer>>;
  /** Size of a stored blob, or null when there is none. Throws InvalidBlobKey for a malformed key. */
  stat(key: string): Promise<{ size: number } | null>;
  /**
   * Removes temp files older than maxAgeMs (left by a crash); returns how many. `orphans` also
   * removes, whatever their age, those no running writer owns: "dead-writers" (this host's files
   * whose process is gone, for a start after a crash) or "all" (the caller holds the data folder's
   * lock, so no other process writes here). The S3 store treats both as "dead-writers" (a bucket
   * may be shared by instances on several hosts) and also aborts cut-off multipart uploads.
   */
  sweepTemp(maxAgeMs?: number, opts?: { orphans?: "all" | "dead-writers" }): Promise<number>;
  /** Deletes a stored blob (the caller checked nothing refers to it); false when there was none. */
  remove(key: string): Promise<boolean>;
  /** Resolves when the store answers (the folder is writable, the bucket is there and the credentials are accepted); throws BlobStoreUnavailable otherwise. */
  check(): Promise<void>;
  /** Where the blobs are, for messages: the folder, or s3://bucket/prefix/. No credentials. */
  describe(): string;
}

/** Which store: BLOB_DIR's folder, or an S3-compatible bucket (BLOB_STORE_URL, lib/env.ts). */
export type BlobStoreConfig = { kind: "local"; dir: string } | ({ kind: "s3" } & S3BlobStoreConfig);

export function openBlobStore(config: BlobStoreConfig): BlobStore {
  return config.kind === "s3" ? s3BlobStore(config) : localBlobStore(config.dir);
}

export {
  BlobNotFound,
  BlobStoreUnavailable,
  isBlobNotFound,
  isBlobStoreUnavailable,
  InvalidBlobKey,
  blobKeyFor,
  blobKeyHex,
  isBlobKey,
  isOrphanTempFile,
  localBlobStore,
  tempFileOwner,
  DEFAULT_TEMP_MAX_AGE_MS,
} from "./local";
export { isS3ConfigurationError, s3BlobStore, type S3BlobStoreConfig } from "./s3";
export { parseS3Url } from "./s3-url";
