import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { authorize, type SessionUser } from "@/lib/auth/session";
import type { VisibleCase } from "@/lib/cases/access";
import { visibleCasesWhere } from "@/lib/cases/visibility";
import { db, type Tx } from "@/lib/db";
import { assertCanReadRedacted, findVisibleArtefact } from "./access";
import type { ResidueInventory } from "./residue-inventory";
import { STUCK_AFTER_MS } from "./job";
import { approvalKindOf, canReadRaw, canReadRedacted, canUpload, releaseFilename, type ArtefactStatus, type Team } from "./rules";
import type { ScopeSummary } from "./scope-check";
import type { TRedactionOptions } from "./schemas";

// The artefacts' shared reads: the case page's views, the progress bar, the residue
// and the live decisions (the approval queue is approval-queue.ts). Reviewing a file is review-artefact.ts; downloads open-artefact-file.ts.

export interface ApprovalView {
  id: string;
  kind: "security" | "legal";
  decision: "approved" | "rejected";
  comment: string;
  by: string;
  at: Date;
  revision: number;
  /** The residue inventory the decision was taken on (approvals always name one). */
  residueSha256: string | null;
  voidedAt: Date | null;
  voidReason: string | null;
}

export interface ShareView {
  id: string;
  recipient: string;
  channel: string;
  by: string;
  at: Date;
}

export interface ArtefactView {
  id: string;
  caseId: string;
  filename: string;
  redactedFilename: string;
  status: ArtefactStatus;
  format: string;
  compression: string;
  uploadedBy: string;
  createdAt: Date;
  rawSha256: string | null;
  rawSize: number | null;
  rawLines: number | null;
  redactedSha256: string | null;
  redactedSize: number | null;
  redactedLines: number | null;
  droppedLines: number | null;
  /** SHA-256 of the current redaction's residue inventory; null while redacting, or for a redaction older than the residue review. */
  residueSha256: string | null;
  /** The settings version the current redaction ran with (the case page's release warnings compare it with the one in force). */
  settingsVersion: number | null;
  progress: number;
  scopeCheck: ScopeSummary | null;
  summary: { lines: number; redactions: Record<string, number>; droppedOutsideWindow: number; droppedOutsideScope: number } | null;
  options: TRedactionOptions;
  revision: number;
  version: number;
  error: string | null;
  approvals: ApprovalView[];
  shares: ShareView[];
  /** Files deleted under the retention policy (lib/retention); their SHA-256 stay above. */
  deleted: { raw: Date | null; redacted: Date | null; superseded: Date | null };
  /** What this user may do with it. */
  can: { readRaw: boolean; readRedacted: boolean; decide: "security" | "legal" | null; redactAgain: boolean; withdraw: boolean; share: boolean };
  /** Processing with no progress for 10 minutes: the team may start it again. */
  stuck: boolean;
  /** The live decision of each kind on the current revision. */
  live: { security: ApprovalView | null; legal: ApprovalView | null };
}

const VIEW_SELECT = {
  id: true,
  caseId: true,
  filename: true,
  status: true,
  format: true,
  compression: true,
  createdAt: true,
  uploadedById: true,
  rawSha256: true,
  rawSize: true,
  rawLines: true,
  redactedSha256: true,
  redactedSize: true,
  redactedLines: true,
  droppedLines: true,
  residueSha256: true,
  settingsVersion: true,
  rawDeletedAt: true,
  redactedDeletedAt: true,
  supersededDeletedAt: true,
  progressBytes: true,
  scopeCheck: true,
  redactionSummary: true,
  redactionOptions: true,
  revision: true,
  version: true,
  error: true,
  updatedAt: true,
  case: { select: { team: true, personalData: true, status: true } },
  approvals: { orderBy: { decidedAt: "desc" }, select: { id: true, kind: true, decision: true, comment: true, decidedById: true, decidedAt: true, revision: true, residueSha256: true, voidedAt: true, voidReason: true } },
  shares: { orderBy: { sharedAt: "desc" }, select: { id: true, recipient: true, channel: true, sharedById: true, sharedAt: true } },
} as const satisfies Prisma.ArtefactSelect;

type ViewRow = Prisma.ArtefactGetPayload<{ select: typeof VIEW_SELECT }>;

async function toViews(user: SessionUser, rows: ViewRow[]): Promise<ArtefactView[]> {
  const ids = new Set<string>();
  for (const r of rows) {
    ids.add(r.uploadedById);
    r.approvals.forEach((a) => ids.add(a.decidedById));
    r.shares.forEach((s) => ids.add(s.sharedById));
  }
  const names = new Map((ids.size ? await db().user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]));
  const num = (v: bigint | null) => (v === null ? null : Number(v));
  return rows.map((r) => {
    const team = r.case.team as Team | null;
    const approvals: ApprovalView[] = r.approvals.map((a) => ({
      id: a.id,
      kind: a.kind,
      decision: a.decision,
      comment: a.comment,
      by: names.get(a.decidedById) ?? "someone",
      at: a.decidedAt,
      revision: a.revision,
      residueSha256: a.residueSha256,
      voidedAt: a.voidedAt,
      voidReason: a.voidReason,
    }));
    const liveOf = (k: "security" | "legal") => approvals.find((a) => a.kind === k && !a.voidedAt && a.revision === r.revision) ?? null;
    const decideKind = approvalKindOf(user.role);
    const status = r.status as ArtefactStatus;
    const readRaw = canReadRaw(user.role, team);
    const open = r.case.status !== "closed";
    const stuck = status === "processing" && Date.now() - r.updatedAt.getTime() > STUCK_AFTER_MS;
    // The scope check's samples are raw lines, and the outside paths name other accounts: raw readers only.
    const scope = r.scopeCheck as unknown as ScopeSummary | null;
    const scopeCheck = scope && !readRaw ? { ...scope, samples: [], outsideResources: [] } : scope;
    return {
      id: r.id,
      caseId: r.caseId,
      filename: r.filename,
      redactedFilename: releaseFilename(r.filename, r.format as "ndjson" | "text"),
      status: r.status as ArtefactStatus,
      format: r.format,
      compression: r.compression,
      uploadedBy: names.get(r.uploadedById) ?? "someone",
      createdAt: r.createdAt,
      rawSha256: r.rawSha256,
      rawSize: num(r.rawSize),
      rawLines: r.rawLines,
      redactedSha256: r.redactedSha256,
      redactedSize: num(r.redactedSize),
      redactedLines: r.redactedLines,
      droppedLines: r.droppedLines,
      residueSha256: r.residueSha256,
      settingsVersion: r.settingsVersion,
      deleted: { raw: r.rawDeletedAt, redacted: r.redactedDeletedAt, superseded: r.supersededDeletedAt },
      progress: progressOf(r),
      scopeCheck,
      summary: r.redactionSummary as unknown as ArtefactView["summary"],
      options: r.redactionOptions as unknown as TRedactionOptions,
      revision: r.revision,
      version: r.version,
      error: r.error,
      approvals,
      shares: r.shares.map((s) => ({ id: s.id, recipient: s.recipient, channel: s.channel, by: names.get(s.sharedById) ?? "someone", at: s.sharedAt })),
      can: {
        readRaw,
        readRedacted: canReadRedacted(user.role, team, status),
        decide: open && decideKind && ["in_review", "approved", "rejected"].includes(status) ? decideKind : null,
        redactAgain: open && !r.rawDeletedAt && canUpload(user.role, team) && !["shared", "withdrawn"].includes(status) && (status !== "processing" || stuck),
        withdraw: open && canUpload(user.role, team) && !["shared", "withdrawn"].includes(status),
        share: open && (user.role === "support" || user.role === "csm") && (status === "approved" || status === "shared"),
      },
      stuck,
      live: { security: liveOf("security"), legal: liveOf("legal") },
    };
  });
}

/** The artefacts of a case the user may see (none for Admin), newest first. */
export async function listCaseArtefacts(user: SessionUser, caseId: string): Promise<ArtefactView[]> {
  return caseArtefactViews(user, { caseId, case: visibleCasesWhere(user) });
}

/** listCaseArtefacts for a case the guard already found for this user (the case page): not scoped again. */
export async function artefactsOfCase(user: SessionUser, c: VisibleCase): Promise<ArtefactView[]> {
  return caseArtefactViews(user, { caseId: c.id });
}

async function caseArtefactViews(user: SessionUser, where: Prisma.ArtefactWhereInput): Promise<ArtefactView[]> {
  if (user.role === "admin") return [];
  authorize(user, "artefact.read");
  const rows = await db().artefact.findMany({ where, orderBy: { createdAt: "desc" }, select: VIEW_SELECT });
  return toViews(user, rows);
}

/** One artefact on a case the user may see. */
export async function getArtefact(user: SessionUser, artefactId: string): Promise<ArtefactView> {
  authorize(user, "artefact.read");
  const row = await findVisibleArtefact(db(), user, artefactId, { select: VIEW_SELECT });
  return (await toViews(user, [row]))[0]!;
}

/** The share of the raw file a redaction has read (0 when its size is unknown). */
const progressOf = (r: { progressBytes: bigint; rawSize: bigint | null }) => (r.rawSize && r.rawSize > BigInt(0) ? Math.min(1, Number(r.progressBytes) / Number(r.rawSize)) : 0);

/** What the progress bar polls every second: one small, visibility-scoped read. */
export async function artefactProgress(user: SessionUser, artefactId: string) {
  authorize(user, "artefact.read");
  const r = await findVisibleArtefact(db(), user, artefactId, { select: { status: true, progressBytes: true, rawSize: true, error: true, version: true } });
  return { status: r.status as ArtefactStatus, progress: progressOf(r), error: r.error, version: r.version };
}

export interface ResidueView {
  /** null: nothing to show (still redacting, failed, or redacted before the residue review existed). */
  residue: ResidueInventory | null;
  residueSha256: string | null;
  revision: number;
}

/**
 * The residue of the current redaction: what is left in the redacted file that looks like an
 * identifier, and why it stayed. Its samples are redacted lines, so it is shown to whoever may
 * read the redacted form, and only then.
 */
export async function artefactResidue(user: SessionUser, artefactId: string): Promise<ResidueView> {
  authorize(user, "artefact.read");
  const r = await findVisibleArtefact(db(), user, artefactId, { select: { status: true, revision: true, residue: true, residueSha256: true, case: { select: { team: true } } } });
  assertCanReadRedacted(user.role, r.case.team, r.status);
  const ready = r.status !== "processing" && r.status !== "failed" && r.residueSha256 !== null && r.residue !== null;
  return { residue: ready ? (r.residue as unknown as ResidueInventory) : null, residueSha256: ready ? r.residueSha256 : null, revision: r.revision };
}

/** Live (not voided) decisions about the artefact's current revision. */
export async function liveDecisions(tx: Tx, artefactId: string, revision: number) {
  return tx.artefactApproval.findMany({
    where: { artefactId, revision, voidedAt: null },
    select: { id: true, kind: true, decision: true, comment: true, decidedAt: true, decidedById: true, residueSha256: true },
    orderBy: { decidedAt: "asc" },
  });
}
