// The one state machine behind both blob stores' writers (local.ts, s3.ts): writes chained in
// order, the SHA-256 and size kept as they pass, a commit that runs once and places the bytes at
// their content address, an abort that is safe twice or after a commit. A backend says only how
// to append, how to place the finished bytes, and how to throw away a temp.
import { createHash } from "node:crypto";
import type { BlobInfo, BlobWriter } from "./index";

export interface ContentWriterBackend {
  /** Appends a chunk to the temp (called one at a time, in order). */
  append(chunk: Uint8Array): Promise<void>;
  /** Makes the temp durable and puts it at `key` (or keeps the blob already there, the same bytes). */
  place(key: string, size: number): Promise<void>;
  /** Removes the temp, best effort (after a failed commit, or an abort). */
  discard(): Promise<void>;
  /**
   * Abort discards before the writes in flight settle: for a backend whose append may wait on a
   * server that hangs, which the discard releases (S3); otherwise after them.
   */
  discardReleasesWrites?: boolean;
}

export function contentWriter(backend: ContentWriterBackend): BlobWriter {
  const hash = createHash("sha256");
  let bytes = 0;
  let state: "open" | "committing" | "committed" | "aborted" = "open";
  // Writes are chained so that concurrent calls still land in order; the first failure sticks.
  let tail: Promise<void> = Promise.resolve();
  let failed: unknown;
  let committed: Promise<BlobInfo> | undefined;

  return {
    get bytes() {
      return bytes;
    },
    write(chunk: Uint8Array): Promise<void> {
      if (state !== "open") return Promise.reject(new Error(`blob writer is ${state}; cannot write`));
      if (!(chunk instanceof Uint8Array)) return Promise.reject(new TypeError("blob writer: chunk must be a Uint8Array"));
      if (chunk.byteLength === 0) return tail;
      const next = tail.then(async () => {
        if (failed) throw failed;
        await backend.append(chunk);
        hash.update(chunk);
        bytes += chunk.byteLength;
      });
      tail = next.catch((e) => {
        failed ??= e;
      });
      return next;
    },
    commit(): Promise<BlobInfo> {
      if (committed) return committed;
      if (state !== "open") return Promise.reject(new Error(`blob writer is ${state}; cannot commit`));
      state = "committing";
      committed = (async () => {
        try {
          await tail;
          if (failed) throw failed;
          const sha256 = hash.digest("hex");
          const key = `sha256:${sha256}`;
          await backend.place(key, bytes);
          state = "committed";
          return { key, sha256, size: bytes };
        } catch (e) {
          state = "aborted";
          await backend.discard().catch(() => {});
          throw e;
        }
      })();
      return committed;
    },
    async abort(): Promise<void> {
      if (state === "committed" || state === "aborted") return;
      if (state === "committing") {
        // A commit in flight decides; abort after it is a no-op.
        await committed?.catch(() => {});
        return;
      }
      state = "aborted";
      if (backend.discardReleasesWrites) {
        await backend.discard();
        await tail;
      } else {
        await tail;
        await backend.discard();
      }
    },
  };
}
