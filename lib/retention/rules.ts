// Retention: which files of which closed cases are due for deletion. Pure (no I/O): the job
// (lib/retention/delete-due-files.ts) reads the rows, asks this rule, and deletes what it names.

/** How long files are kept after a case closes when Admin has not set it (Admin -> Settings). */
export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionArtefact {
  id: string;
  status: string;
  rawBlobKey: string | null;
  rawLineMapKey: string | null;
  rawDeletedAt: Date | null;
  redactedBlobKey: string | null;
  redactedDeletedAt: Date | null;
  supersededBlobKeys: string[];
  supersededDeletedAt: Date | null;
  /** Whether its current redacted file was released to the customer. */
  shared: boolean;
}

export interface RetentionCase {
  id: string;
  /** Null while the case is open (also after a reopen). */
  closedAt: Date | null;
  artefacts: RetentionArtefact[];
}

export type RetentionFileKind = "raw" | "redacted" | "superseded";

export interface DueDeletion {
  caseId: string;
  artefactId: string;
  kind: RetentionFileKind;
  /** The blobs to delete (the raw file and its raw line map; the earlier revisions' files). */
  keys: string[];
}

/** When a case closed at `closedAt` stops being kept: `days` whole days later. */
export function retentionEndsAt(closedAt: Date, days: number): Date {
  return new Date(closedAt.getTime() + days * DAY_MS);
}

/**
 * The files due for deletion at `now`. Never for an open case; for a case closed at least `days`
 * days: the raw file always (with its raw line map), the redacted files of earlier revisions, and
 * the current redacted file only of a withdrawn artefact that was never shared. The current
 * redacted file of any other artefact is kept: shared, it is the evidence given to the customer.
 * Files already deleted are not named again.
 */
export function dueDeletions(cases: readonly RetentionCase[], days: number, now: Date): DueDeletion[] {
  const out: DueDeletion[] = [];
  for (const c of cases) {
    if (!c.closedAt || retentionEndsAt(c.closedAt, days) > now) continue;
    for (const a of c.artefacts) {
      if (!a.rawDeletedAt && a.rawBlobKey) {
        out.push({ caseId: c.id, artefactId: a.id, kind: "raw", keys: [a.rawBlobKey, ...(a.rawLineMapKey ? [a.rawLineMapKey] : [])] });
      }
      if (!a.redactedDeletedAt && a.redactedBlobKey && a.status === "withdrawn" && !a.shared) {
        out.push({ caseId: c.id, artefactId: a.id, kind: "redacted", keys: [a.redactedBlobKey] });
      }
      if (!a.supersededDeletedAt && a.supersededBlobKeys.length) {
        out.push({ caseId: c.id, artefactId: a.id, kind: "superseded", keys: [...a.supersededBlobKeys] });
      }
    }
  }
  return out;
}

/** A blob's references that are not being deleted: the blob stays while any of them remains. */
export interface BlobReference {
  artefactId: string;
  kind: RetentionFileKind;
}

/**
 * The keys of `deletion` that may be removed from the store: those no other reference still needs
 * (content addressing lets two artefacts, or a raw and a redacted file, share one blob).
 */
export function removableKeys(deletion: DueDeletion, liveRefs: ReadonlyMap<string, readonly BlobReference[]>): string[] {
  return deletion.keys.filter((key) =>
    (liveRefs.get(key) ?? []).every((r) => r.artefactId === deletion.artefactId && r.kind === deletion.kind),
  );
}
