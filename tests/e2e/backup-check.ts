// Run by backup-restore.spec.ts (tsx), with both servers stopped:
//   backup-check.ts <live data folder> <restored data folder> <backup folder> <ids.json>
// Compares the restored folder with the live one it was backed up from and with the backup's
// manifest, and prints one JSON line: what was found and every problem (none expected).
//   - the restored database holds what the manifest counted;
//   - every case acknowledged before the backup started is there; every restored case is a live one;
//   - the restored activity log is the live one's prefix, entry for entry (same ids, same hashes);
//   - every artefact's file that is not recorded deleted is in the restored blob store, its bytes
//     hashing to its key.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseManifest, referencedBlobKeys, blobRelativePath, type ArtefactBlobRow } from "@/lib/backup/manifest";
import { openDatabase } from "@/lib/db/open";

async function main() {
  const [live, restored, backup, idsFile] = process.argv.slice(2) as [string, string, string, string];
  const acknowledged = JSON.parse(readFileSync(idsFile, "utf8")) as string[];
  const manifest = parseManifest(readFileSync(path.join(backup, "manifest.json"), "utf8"));
  const problems: string[] = [];
  const a = await openDatabase({ kind: "pglite-dir", dataDir: live });
  const b = await openDatabase({ kind: "pglite-dir", dataDir: restored });
  try {
    const liveCases = new Map((await a.prisma.case.findMany({ select: { id: true, reference: true } })).map((c) => [c.id, c.reference]));
    const cases = await b.prisma.case.findMany({ select: { id: true, reference: true } });
    const restoredIds = new Set(cases.map((c) => c.id));
    // Every restored case is a live one; a reference once given never changes (a case still a draft in the
    // snapshot may have been submitted since, and got its reference in the live portal only).
    for (const c of cases) {
      const liveReference = liveCases.get(c.id);
      if (liveReference === undefined || (c.reference !== null && liveReference !== c.reference)) problems.push(`restored case ${c.id} (${c.reference}) is not the live one`);
    }
    for (const id of acknowledged) if (!restoredIds.has(id)) problems.push(`case ${id}, acknowledged before the backup started, is not restored`);
    if (cases.length !== manifest.counts.cases) problems.push(`${cases.length} cases restored, the manifest counted ${manifest.counts.cases}`);

    const artefacts = await b.prisma.artefact.count();
    if (artefacts !== manifest.counts.artefacts) problems.push(`${artefacts} artefacts restored, the manifest counted ${manifest.counts.artefacts}`);

    const liveLog = new Map((await a.prisma.activityLog.findMany({ select: { id: true, hash: true } })).map((r) => [r.id, r.hash]));
    // The entries of the backup (the restored portal may have written its own since it started).
    const lastId = manifest.counts.activityLastId === null ? 0n : BigInt(manifest.counts.activityLastId);
    const log = (await b.prisma.activityLog.findMany({ select: { id: true, hash: true }, orderBy: { id: "asc" } })).filter((r) => r.id <= lastId);
    for (const r of log) if (liveLog.get(r.id) !== r.hash) problems.push(`activity entry ${r.id} differs from the live one`);
    if (log.length !== manifest.counts.activity) problems.push(`${log.length} activity entries restored, the manifest counted ${manifest.counts.activity}`);
    const liveIds = [...liveLog.keys()].sort((x, y) => (x < y ? -1 : 1));
    if (log.length && liveIds[log.length - 1] !== log.at(-1)!.id) problems.push("the restored activity log is not a prefix of the live one");

    const rows = await b.pglite!.query<ArtefactBlobRow>(`SELECT "rawBlobKey", "rawLineMapKey", "rawDeletedAt" IS NOT NULL AS "rawDeleted", "redactedBlobKey",
      "redactedDeletedAt" IS NOT NULL AS "redactedDeleted", "supersededBlobKeys", "supersededDeletedAt" IS NOT NULL AS "supersededDeleted" FROM "Artefact"`);
    const keys = referencedBlobKeys(rows.rows);
    for (const key of keys) {
      try {
        const bytes = readFileSync(path.join(restored, "blobs", blobRelativePath(key)));
        if (`sha256:${createHash("sha256").update(bytes).digest("hex")}` !== key) problems.push(`restored blob ${key} does not hash to its key`);
      } catch {
        problems.push(`blob ${key} of a restored artefact is missing`);
      }
    }
    console.log(JSON.stringify({ cases: cases.length, liveCases: liveCases.size, acknowledged: acknowledged.length, artefacts, activity: log.length, liveActivity: liveLog.size, blobs: keys.length, problems }));
  } finally {
    await a.close();
    await b.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
