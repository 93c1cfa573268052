import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { recordActivity, SYSTEM } from "@/lib/audit";
import type { BlobStore } from "@/lib/blobstore";
import { liveBlobReferences, removeBlobIfUnreferenced } from "@/lib/blobstore/references";
import type { Tx } from "@/lib/db";
import { findCurrentSettings } from "@/lib/settings/queries";
import { DEFAULT_RETENTION_DAYS, dueDeletions, removableKeys, retentionEndsAt, type DueDeletion, type RetentionCase } from "./rules";

/** The job kind of one retention run (lib/server/background.ts asks for one an hour). */
export const RETENTION_JOB = "retention.deleteDue";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The retention period in force (Admin -> Settings), in days. */
export async function retentionDaysInForce(prisma: PrismaClient | Tx): Promise<number> {
  const settings = await findCurrentSettings(prisma);
  const days = settings?.policy.retentionDays;
  return typeof days === "number" && Number.isInteger(days) && days > 0 ? days : DEFAULT_RETENTION_DAYS;
}

export interface RetentionRunResult {
  /** Files whose deletion was recorded (one activity entry each). */
  deleted: number;
  /** Blobs removed from the store. */
  removedBlobs: number;
  /** Blobs kept because another artefact still needs the same bytes. */
  keptShared: number;
}

const ARTEFACT_FIELDS = {
  id: true,
  caseId: true,
  status: true,
  rawBlobKey: true,
  rawSha256: true,
  rawLineMapKey: true,
  rawDeletedAt: true,
  redactedBlobKey: true,
  redactedSha256: true,
  redactedDeletedAt: true,
  supersededBlobKeys: true,
  supersededDeletedAt: true,
} as const;

/**
 * Removes the blobs recorded as deleted whose removal did not finish (a crash between the row and
 * the file), when nothing needs them again; then clears them from the row. Returns how many went.
 */
async function finishPendingRemovals(prisma: PrismaClient, store: BlobStore, batch: number): Promise<number> {
  const rows = await prisma.artefact.findMany({ where: { NOT: { blobRemovalsPending: { isEmpty: true } } }, select: { id: true, blobRemovalsPending: true }, take: batch });
  let removed = 0;
  for (const row of rows) {
    for (const key of row.blobRemovalsPending) {
      // Something uploaded since may hold the same bytes again: then the blob is theirs (checked under the key's lock).
      if (await removeBlobIfUnreferenced(prisma, store, key)) removed++;
    }
    await prisma.$executeRaw`UPDATE "Artefact" SET "blobRemovalsPending" = array(SELECT unnest("blobRemovalsPending") EXCEPT SELECT unnest(${row.blobRemovalsPending}::text[])) WHERE id = ${row.id}`;
  }
  return removed;
}

const STAMP: Record<DueDeletion["kind"], "rawDeletedAt" | "redactedDeletedAt" | "supersededDeletedAt"> = {
  raw: "rawDeletedAt",
  redacted: "redactedDeletedAt",
  superseded: "supersededDeletedAt",
};

/**
 * Records one deletion (the stamp, the blobs to remove, the activity entry) in one transaction,
 * after re-checking under the case's lock that the case is still closed past the period and the
 * file not yet deleted. Returns the keys to remove, or null when it no longer applies.
 */
async function recordDeletion(prisma: PrismaClient, d: DueDeletion, days: number, now: Date): Promise<{ remove: string[]; kept: number } | null> {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ closedAt: Date | null }[]>`SELECT "closedAt" FROM "Case" WHERE id = ${d.caseId} FOR UPDATE`;
    const closedAt = locked[0]?.closedAt ?? null;
    if (!closedAt || retentionEndsAt(closedAt, days) > now) return null; // reopened meanwhile
    const a = await tx.artefact.findUnique({ where: { id: d.artefactId }, select: ARTEFACT_FIELDS });
    if (!a || a[STAMP[d.kind]]) return null;
    const remove = removableKeys(d, await liveBlobReferences(tx, d.keys));
    await tx.artefact.update({ where: { id: a.id }, data: { [STAMP[d.kind]]: now, blobRemovalsPending: { push: remove } } });
    const sha256 = d.kind === "raw" ? a.rawSha256 : d.kind === "redacted" ? a.redactedSha256 : null;
    await recordActivity(tx, {
      actor: SYSTEM,
      action: "artefact.retentionDelete",
      entityType: "Artefact",
      entityId: a.id,
      caseId: d.caseId,
      after: { file: d.kind, deletedAt: now.toISOString(), sha256, keys: d.keys, keptShared: d.keys.filter((k) => !remove.includes(k)) },
      meta: { retentionDays: days, caseClosedAt: closedAt.toISOString() },
    });
    return { remove, kept: d.keys.length - remove.length };
  });
}

/**
 * One retention run: deletes the raw and superseded redacted files of cases closed for the
 * retention period (lib/retention/rules.ts), `batch` artefacts at a time until none is due. The
 * row is written first (deleted-at stamp, hash kept, activity entry, and the blobs to remove), then
 * the blobs go, then the row forgets them: a crash in between leaves the removal pending for the
 * next run, never a row that believes in a missing file. Running it again changes nothing.
 */
export async function deleteDueFiles(prisma: PrismaClient, store: BlobStore, opts: { now?: Date; days?: number; batch?: number; maxBatches?: number } = {}): Promise<RetentionRunResult> {
  const now = opts.now ?? new Date();
  const days = opts.days ?? (await retentionDaysInForce(prisma));
  const batch = opts.batch ?? 50;
  const result: RetentionRunResult = { deleted: 0, removedBlobs: await finishPendingRemovals(prisma, store, batch), keptShared: 0 };
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const seen = new Set<string>();
  for (let i = 0; i < (opts.maxBatches ?? 100); i++) {
    const rows = await prisma.artefact.findMany({
      where: {
        id: { notIn: [...seen] },
        case: { closedAt: { lte: cutoff } },
        OR: [
          { rawDeletedAt: null, rawBlobKey: { not: null } },
          { status: "withdrawn", redactedDeletedAt: null, redactedBlobKey: { not: null } },
          { supersededDeletedAt: null, NOT: { supersededBlobKeys: { isEmpty: true } } },
        ],
      },
      select: { ...ARTEFACT_FIELDS, case: { select: { closedAt: true } }, _count: { select: { shares: true } } },
      orderBy: { id: "asc" },
      take: batch,
    });
    if (!rows.length) break;
    const cases: RetentionCase[] = rows.map((r) => ({ id: r.caseId, closedAt: r.case.closedAt, artefacts: [{ ...r, shared: r._count.shares > 0 }] }));
    for (const r of rows) seen.add(r.id);
    for (const d of dueDeletions(cases, days, now)) {
      const recorded = await recordDeletion(prisma, d, days, now);
      if (!recorded) continue;
      result.deleted++;
      result.keptShared += recorded.kept;
      // Each removal re-checks under the key's lock: an upload of the same bytes since the record keeps it.
      for (const key of recorded.remove) if (await removeBlobIfUnreferenced(prisma, store, key)) result.removedBlobs++;
      await prisma.$executeRaw`UPDATE "Artefact" SET "blobRemovalsPending" = array(SELECT unnest("blobRemovalsPending") EXCEPT SELECT unnest(${recorded.remove}::text[])) WHERE id = ${d.artefactId}`;
    }
  }
  return result;
}
