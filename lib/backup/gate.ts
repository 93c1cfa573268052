// Blob removals wait while a backup runs (decision 0015): a backup takes its database snapshot
// first and copies the blobs that snapshot's rows name afterwards, so no blob the snapshot still
// believes in may disappear in between. Every removal goes through removeBlobIfUnreferenced
// (lib/blobstore/references.ts), which waits on both of these:
//   Embedded (PGlite): one process owns the folder; the server holds the in-process gate from
//   before the snapshot until the backup script has copied the blobs (its connection closes).
//   PostgreSQL: a backup holds the session advisory lock BACKUP_LOCK_KEY from before its snapshot
//   until its copy is done; each removal takes the same lock shared in its transaction.
// No `server-only`: the backup script uses it too.

/** pg_advisory_lock key of a running backup ("LDBK"). */
export const BACKUP_LOCK_KEY = 0x4c44424b;

const KEY = Symbol.for("logdesk.backup.gate");
type Gate = { holds: number; waiters: (() => void)[] };
const g = globalThis as unknown as Record<symbol, Gate | undefined>;
const gate = (): Gate => (g[KEY] ??= { holds: 0, waiters: [] });

/** Holds blob removals in this process until the returned release is called (idempotent). */
export function holdBlobRemovals(): () => void {
  const s = gate();
  s.holds++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    s.holds--;
    if (s.holds === 0) for (const w of s.waiters.splice(0)) w();
  };
}

export function blobRemovalsHeld(): boolean {
  return gate().holds > 0;
}

/** Resolves once no backup in this process holds blob removals. */
export function blobRemovalsAllowed(): Promise<void> {
  const s = gate();
  if (s.holds === 0) return Promise.resolve();
  return new Promise((resolve) => s.waiters.push(resolve));
}
