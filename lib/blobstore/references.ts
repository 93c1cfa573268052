import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import type { BlobStore } from "@/lib/blobstore";
import type { Tx } from "@/lib/db";
import { BACKUP_LOCK_KEY, blobRemovalsAllowed, blobRemovalsHeld } from "@/lib/backup/gate";

/**
 * Blobs are content-addressed, so two artefacts (or an artefact's raw file and another's redacted
 * one) can name the same blob. A blob is removed only when no row needs it, and that check and the
 * removal must not interleave with another writer committing the same bytes and naming them: the
 * store keeps the existing file when the same bytes are committed again, so without a lock a
 * remover could check (no reference), the writer commit (file kept) and name it, and the remover
 * then delete a file a row believes in. Both sides take the blob key's transaction-scoped advisory
 * lock: the remover around its check and its removal, the writer around its check that the file is
 * still there and the row that names it.
 */
export async function lockBlobKey(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`blob:${key}`}, 0))`;
}

/** What still needs a blob: any artefact row naming it in a file not recorded as deleted. */
export interface BlobReference {
  artefactId: string;
  kind: "raw" | "redacted" | "superseded";
}

/** Every live reference to `keys`, by key (keys no row names are absent). */
export async function liveBlobReferences(tx: Tx | PrismaClient, keys: string[]): Promise<Map<string, BlobReference[]>> {
  const refs = new Map<string, BlobReference[]>();
  if (!keys.length) return refs;
  const rows = await tx.artefact.findMany({
    where: {
      OR: [
        { rawBlobKey: { in: keys }, rawDeletedAt: null },
        { rawLineMapKey: { in: keys }, rawDeletedAt: null },
        { redactedBlobKey: { in: keys }, redactedDeletedAt: null },
        { supersededBlobKeys: { hasSome: keys }, supersededDeletedAt: null },
      ],
    },
    select: { id: true, rawBlobKey: true, rawLineMapKey: true, rawDeletedAt: true, redactedBlobKey: true, redactedDeletedAt: true, supersededBlobKeys: true, supersededDeletedAt: true },
  });
  const add = (key: string | null, ref: BlobReference) => {
    if (!key || !keys.includes(key)) return;
    refs.set(key, [...(refs.get(key) ?? []), ref]);
  };
  for (const r of rows) {
    if (!r.rawDeletedAt) {
      add(r.rawBlobKey, { artefactId: r.id, kind: "raw" });
      add(r.rawLineMapKey, { artefactId: r.id, kind: "raw" });
    }
    if (!r.redactedDeletedAt) add(r.redactedBlobKey, { artefactId: r.id, kind: "redacted" });
    if (!r.supersededDeletedAt) for (const k of r.supersededBlobKeys) add(k, { artefactId: r.id, kind: "superseded" });
  }
  return refs;
}

/** How long a removal may wait in its transaction for a PostgreSQL backup to finish copying. */
const BACKUP_WAIT_MS = 12 * 60 * 60_000;

/**
 * Removes the blob when no row needs it, under its lock. True when a file was removed. While a
 * backup runs it waits (decision 0015): a backup's snapshot may still name the blob, and it copies
 * the blobs after the snapshot. On PostgreSQL the backup holds BACKUP_LOCK_KEY, taken here shared;
 * in the embedded server the backup holds the in-process gate, checked again inside the
 * transaction (PGlite runs one transaction at a time, so a snapshot is either after this one, and
 * sees its state, or was taken under the gate).
 */
export async function removeBlobIfUnreferenced(prisma: PrismaClient, store: BlobStore, key: string): Promise<boolean> {
  for (;;) {
    await blobRemovalsAllowed();
    const removed = await prisma.$transaction(async (tx) => {
      if (blobRemovalsHeld()) return null;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${BACKUP_LOCK_KEY}::bigint)`;
      await lockBlobKey(tx, key);
      if ((await liveBlobReferences(tx, [key])).get(key)?.length) return false;
      return store.remove(key);
    }, { timeout: BACKUP_WAIT_MS });
    if (removed !== null) return removed;
  }
}

/** A just-committed blob vanished before its row named it (removed as unreferenced meanwhile). */
export class BlobVanished extends Error {
  constructor(public readonly key: string) {
    super(`The stored file ${key} was removed before it was recorded; store it again.`);
    this.name = "BlobVanished";
  }
}

/**
 * Called in the transaction that names `keys` in a row, before it commits: takes each key's lock
 * and checks the file is still in the store, so no remover can take it between this check and the
 * commit (it waits for the lock, then sees the row). Throws BlobVanished when one is gone.
 */
export async function holdBlobsForRow(tx: Tx, store: BlobStore, keys: (string | null | undefined)[]): Promise<void> {
  for (const key of [...new Set(keys.filter((k): k is string => !!k))].sort()) {
    await lockBlobKey(tx, key);
    if (!(await store.stat(key))) throw new BlobVanished(key);
  }
}
