// A consistent snapshot of the embedded database (PGlite), taken by whoever holds the folder: the
// running server (asked over the operator channel) or the backup script when no server runs.
// No `server-only`: the backup script uses it too.
import type { PGlite } from "@electric-sql/pglite";
import { ARTEFACT_BLOB_SQL, referencedBlobKeys, SNAPSHOT_FACTS_SQL, snapshotFactsOf, type ArtefactBlobRow, type SnapshotFacts } from "./manifest";

export interface PgliteSnapshot extends SnapshotFacts {
  /**
   * PGlite's data directory as an uncompressed tar (what PGlite.create's loadDataDir takes): a Blob,
   * or the bytes the database's thread handed over (lib/db/pglite-thread.ts), read the same way.
   */
  tar: Pick<Blob, "size" | "arrayBuffer">;
  /** The blobs the snapshot's rows refer to. */
  keys: string[];
}

/**
 * Inside one PGlite transaction, which holds PGlite's transaction lock (every other query and
 * transaction of the process waits, so none is half-done): a CHECKPOINT (the data files hold every
 * commit; a restore needs no WAL replay), the blob keys and counts the rows name, and the data
 * directory's tar. The portal's requests wait for it (about a second for the demo history).
 */
export async function snapshotPglite(pglite: PGlite): Promise<PgliteSnapshot> {
  return pglite.transaction(async (tx) => {
    await tx.exec("CHECKPOINT");
    const rows = (await tx.query<ArtefactBlobRow>(ARTEFACT_BLOB_SQL)).rows;
    const facts = snapshotFactsOf((await tx.query<Parameters<typeof snapshotFactsOf>[0]>(SNAPSHOT_FACTS_SQL)).rows[0]!);
    const tar = await pglite.dumpDataDir("none");
    return { ...facts, keys: referencedBlobKeys(rows), tar };
  });
}
