import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { visibleCasesWhere } from "@/lib/cases/visibility";
import { actorOf, recordActivity } from "@/lib/audit";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { BlobStore } from "@/lib/blobstore";
import type { LineLimits } from "./lines";
import { PAGE_LINES, readRawForRedacted, readRedactedLines, searchRedacted, type ReviewLine } from "./redact";
import type { ResidueInventory } from "./residue";
import { STUCK_AFTER_MS } from "./job";
import { approvalKindOf, canReadRaw, canReadRedacted, canUpload, releaseFilename, safeFilename, type ArtefactStatus, type Team } from "./rules";
import type { ScopeSummary } from "./scope-check";
import type { TRedactionOptions } from "./schemas";
import { loadArtefact } from "./service";

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
  progress: number;
  scopeCheck: ScopeSummary | null;
  summary: { lines: number; redactions: Record<string, number>; droppedOutsideWindow: number; droppedOutsideScope: number } | null;
  options: TRedactionOptions;
  revision: number;
  version: number;
  error: string | null;
  approvals: ApprovalView[];
  shares: ShareView[];
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
  const names = new Map((await db().user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
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
        redactAgain: open && canUpload(user.role, team) && !["shared", "withdrawn"].includes(status) && (status !== "processing" || stuck),
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
  if (user.role === "admin") return [];
  authorize(user, "artefact.read");
  const rows = await db().artefact.findMany({ where: { caseId, case: visibleCasesWhere(user) }, orderBy: { createdAt: "desc" }, select: VIEW_SELECT });
  return toViews(user, rows);
}

/** One artefact on a case the user may see. */
export async function getArtefact(user: SessionUser, artefactId: string): Promise<ArtefactView> {
  authorize(user, "artefact.read");
  if (!/^[0-9a-f-]{36}$/i.test(artefactId)) throw notFound("That artefact");
  const row = await db().artefact.findFirst({ where: { id: artefactId, case: visibleCasesWhere(user) }, select: VIEW_SELECT });
  if (!row) throw notFound("That artefact");
  return (await toViews(user, [row]))[0]!;
}

/** What the progress bar polls. */
/** The share of the raw file a redaction has read (0 when its size is unknown). */
const progressOf = (r: { progressBytes: bigint; rawSize: bigint | null }) => (r.rawSize && r.rawSize > BigInt(0) ? Math.min(1, Number(r.progressBytes) / Number(r.rawSize)) : 0);

/** What the progress bar polls every second: one small, visibility-scoped read. */
export async function artefactProgress(user: SessionUser, artefactId: string) {
  authorize(user, "artefact.read");
  if (!/^[0-9a-f-]{36}$/i.test(artefactId)) throw notFound("That artefact");
  const r = await db().artefact.findFirst({
    where: { id: artefactId, case: visibleCasesWhere(user) },
    select: { status: true, progressBytes: true, rawSize: true, error: true, version: true },
  });
  if (!r) throw notFound("That artefact");
  return { status: r.status as ArtefactStatus, progress: progressOf(r), error: r.error, version: r.version };
}

export interface ReviewPage {
  lines: ReviewLine[];
  page: number;
  pages: number;
  total: number;
  query: string;
  capped: boolean;
  showsRaw: boolean;
  /** Why the raw lines asked for are not shown beside the redacted ones, or null. */
  rawNote: string | null;
}

/** Raw lines asked for on an artefact whose redaction dropped lines before the job recorded which it kept. */
export const RAW_LINES_NEED_REDACTION =
  "This file was redacted before Logdesk recorded which raw line each redacted line came from, and lines were dropped from it, so the raw lines cannot be lined up with the redacted ones. Redact again to see the raw line beside each.";

const SEARCH_PAGE = 50;

/**
 * A page of the redacted artefact for review, or a page of search hits; with `raw`, and when the
 * user may read the raw form, the raw line each redacted line came from beside it.
 */
export async function reviewArtefact(user: SessionUser, artefactId: string, q: { page: number; query: string; raw: boolean }, store: BlobStore, limits: LineLimits): Promise<ReviewPage> {
  authorize(user, "artefact.read");
  const { artefact: a, kase } = await loadArtefact(db(), user, artefactId);
  if (!canReadRedacted(user.role, kase.team as Team | null, a.status as ArtefactStatus)) throw notReleasedYet();
  const showsRaw = q.raw && canReadRaw(user.role, kase.team as Team | null);
  const empty = { lines: [], page: 1, pages: 1, total: 0, query: q.query, capped: false, showsRaw, rawNote: null };
  if (!a.redactedBlobKey || !a.redactedLines) return empty;
  const pageIndex = (a.pageIndex as number[] | null) ?? [];
  let lines: ReviewLine[];
  let total: number;
  let capped = false;
  let perPage: number;
  if (q.query) {
    perPage = SEARCH_PAGE;
    const found = await scanning(() => searchRedacted(store, a.redactedBlobKey!, q.query, (q.page - 1) * perPage, perPage, limits));
    ({ hits: lines, total, capped } = found);
  } else {
    perPage = PAGE_LINES;
    total = a.redactedLines;
    const page = Math.min(q.page, Math.max(1, Math.ceil(total / perPage)));
    lines = await readRedactedLines(store, a.redactedBlobKey, pageIndex, (page - 1) * perPage, perPage, limits);
  }
  let rawNote: string | null = null;
  if (showsRaw && lines.length && a.rawBlobKey) {
    // The raw line of each redacted line as the job kept it (its record of the drops): no drop
    // rule is applied again, so nothing changed since (finder, registry, settings) can shift them.
    const source = { rawKey: a.rawBlobKey, rawLineMapKey: a.rawLineMapKey, droppedLines: a.droppedLines ?? 0 };
    const raws = await scanning(() => readRawForRedacted(store, source, lines.map((l) => l.n - 1), limits));
    if (raws === null) {
      rawNote = RAW_LINES_NEED_REDACTION;
    } else {
      for (const l of lines) l.raw = raws.get(l.n - 1);
      // Chain of custody: raw lines shown on screen are a read of the raw form, like a download.
      await recordActivity(db(), { actor: actorOf(user), action: "artefact.viewRaw", entityType: "Artefact", entityId: a.id, caseId: kase.id, meta: { lines: lines.map((l) => l.raw?.n ?? null).filter((n) => n !== null).slice(0, 100), query: q.query || undefined } });
    }
  }
  const pages = Math.max(1, Math.ceil(total / perPage));
  return { lines, page: Math.min(q.page, pages), pages, total, query: q.query, capped, showsRaw: showsRaw && rawNote === null, rawNote };
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
  if (user.role === "admin" || !/^[0-9a-f-]{36}$/i.test(artefactId)) throw notFound("That artefact");
  const r = await db().artefact.findFirst({
    where: { id: artefactId, case: visibleCasesWhere(user) },
    select: { status: true, revision: true, residue: true, residueSha256: true, case: { select: { team: true } } },
  });
  if (!r) throw notFound("That artefact");
  if (!canReadRedacted(user.role, r.case.team as Team | null, r.status as ArtefactStatus)) throw notReleasedYet();
  const ready = r.status !== "processing" && r.status !== "failed" && r.residueSha256 !== null && r.residue !== null;
  return { residue: ready ? (r.residue as unknown as ResidueInventory) : null, residueSha256: ready ? r.residueSha256 : null, revision: r.revision };
}

const notReleasedYet = () => new AppError("INVALID_STATE", "The redacted file is yours to see once Security and Legal have approved it.");

/**
 * Whole-file scans (search, the raw lines beside a page) run at most two at a time per process, so
 * a few reviewers paging through large files cannot take every core from the rest of the portal.
 */
const MAX_SCANS = 2;
let activeScans = 0;
const waitingScans: (() => void)[] = [];
async function scanning<T>(work: () => Promise<T>): Promise<T> {
  if (activeScans >= MAX_SCANS) await new Promise<void>((resolve) => waitingScans.push(resolve));
  activeScans++;
  try {
    return await work();
  } finally {
    activeScans--;
    waitingScans.shift()?.();
  }
}

export interface Download {
  stream: NodeJS.ReadableStream & AsyncIterable<Buffer>;
  filename: string;
  size: number;
  sha256: string;
  contentType: string;
}

/**
 * The redacted file (anyone who may see the case) or the raw file as uploaded (the case's team and
 * Legal; Support and CSMs on Support's cases only). The raw form is never part of a release.
 */
export async function openArtefactFile(user: SessionUser, artefactId: string, form: "redacted" | "raw", store: BlobStore): Promise<Download> {
  authorize(user, "artefact.read");
  const { artefact: a, kase } = await loadArtefact(db(), user, artefactId);
  // Chain of custody: every download of either form is on the record.
  const logged = (sha256: string | null) =>
    recordActivity(db(), { actor: actorOf(user), action: "artefact.download", entityType: "Artefact", entityId: a.id, caseId: kase.id, meta: { form, sha256 } });
  if (form === "raw") {
    if (!canReadRaw(user.role, kase.team as Team | null)) throw notFound("That file");
    if (!a.rawBlobKey || !a.rawSha256) throw notFound("That file");
    await logged(a.rawSha256);
    return {
      stream: await store.read(a.rawBlobKey),
      filename: safeFilename(a.filename),
      size: Number(a.rawSize ?? 0),
      sha256: a.rawSha256,
      contentType: a.compression === "gzip" ? "application/gzip" : a.format === "ndjson" ? "application/x-ndjson" : "text/plain; charset=utf-8",
    };
  }
  if (!canReadRedacted(user.role, kase.team as Team | null, a.status as ArtefactStatus)) throw notReleasedYet();
  if (!a.redactedBlobKey || !a.redactedSha256) throw new AppError("INVALID_STATE", "The redacted form is not ready yet.");
  await logged(a.redactedSha256);
  return {
    stream: await store.read(a.redactedBlobKey),
    filename: releaseFilename(a.filename, a.format as "ndjson" | "text"),
    size: Number(a.redactedSize ?? 0),
    sha256: a.redactedSha256,
    contentType: a.format === "ndjson" ? "application/x-ndjson" : "text/plain; charset=utf-8",
  };
}

/** The signed release manifest of one share, exactly as handed on. */
export async function releaseManifestFile(user: SessionUser, artefactId: string, shareId: string): Promise<{ filename: string; text: string }> {
  authorize(user, "artefact.read");
  const { artefact: a, kase } = await loadArtefact(db(), user, artefactId);
  const share = await db().artefactShare.findFirst({ where: { id: shareId, artefactId: a.id }, select: { document: true, sharedAt: true } });
  if (!share) throw notFound("That release");
  const base = releaseFilename(a.filename, a.format as "ndjson" | "text");
  return { filename: `${kase.reference ?? "release"}-${base}.manifest.json`, text: share.document };
}

export interface ApprovalQueueItem {
  id: string;
  caseId: string;
  reference: string | null;
  account: string;
  filename: string;
  status: ArtefactStatus;
  redactedLines: number | null;
  redactions: number;
  waitingSince: Date;
  security: "approved" | "rejected" | null;
  legal: "approved" | "rejected" | null;
}

/**
 * Artefacts waiting for the user's kind of decision (SIRT: security, Legal: legal), oldest first,
 * paginated; `decided` lists the ones the user's kind already decided instead.
 */
export async function approvalQueue(user: SessionUser, opts: { page: number; perPage?: number; decided?: boolean; newestFirst?: boolean }): Promise<{ items: ApprovalQueueItem[]; total: number; page: number; pages: number }> {
  authorize(user, "approvals.read");
  const kind = approvalKindOf(user.role);
  if (!kind) return { items: [], total: 0, page: 1, pages: 1 };
  const perPage = opts.perPage ?? 25;
  const liveOfKind: Prisma.ArtefactApprovalListRelationFilter = { some: { kind, voidedAt: null } };
  const where: Prisma.ArtefactWhereInput = {
    case: visibleCasesWhere(user),
    ...(opts.decided
      ? { status: { in: ["in_review", "approved", "rejected", "shared"] }, approvals: liveOfKind }
      : { status: "in_review", NOT: { approvals: liveOfKind } }),
  };
  const total = await db().artefact.count({ where });
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, opts.page), pages);
  const rows = await db().artefact.findMany({
    where,
    orderBy: [{ updatedAt: opts.decided || opts.newestFirst ? "desc" : "asc" }, { id: "asc" }],
    skip: (page - 1) * perPage,
    take: perPage,
    select: {
      id: true,
      caseId: true,
      filename: true,
      status: true,
      redactedLines: true,
      redactionSummary: true,
      updatedAt: true,
      revision: true,
      case: { select: { reference: true, account: { select: { name: true } } } },
      approvals: { where: { voidedAt: null }, select: { kind: true, decision: true, revision: true } },
    },
  });
  return {
    total,
    page,
    pages,
    items: rows.map((r) => {
      const live = (k: "security" | "legal") => r.approvals.find((a) => a.kind === k && a.revision === r.revision)?.decision ?? null;
      const redactions = Object.values((r.redactionSummary as { redactions?: Record<string, number> } | null)?.redactions ?? {}).reduce((s, n) => s + n, 0);
      return {
        id: r.id,
        caseId: r.caseId,
        reference: r.case.reference,
        account: r.case.account.name,
        filename: r.filename,
        status: r.status as ArtefactStatus,
        redactedLines: r.redactedLines,
        redactions,
        waitingSince: r.updatedAt,
        security: live("security"),
        legal: live("legal"),
      };
    }),
  };
}
