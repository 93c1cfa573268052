import "server-only";
// The background job that redacts an artefact. Kept apart from the service (no session or Next
// imports) because the server's worker loads it before Next has started.
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { recordActivity, SYSTEM } from "@/lib/audit";
import type { BlobStore } from "@/lib/blobstore";
import { holdBlobsForRow, removeBlobIfUnreferenced } from "@/lib/blobstore/references";
import { AppError } from "@/lib/errors";
import type { ClaimedJob } from "@/lib/jobs";
import { queueNotification } from "@/lib/outbox";
import { getCurrentSettings } from "@/lib/settings/current-settings";
import { loadKnownRoots } from "@/lib/accounts/queries";
import { assertArtefactTransition } from "./lifecycle";
import { UploadRejected, type LineLimits } from "./lines";
import { redactToBlob, redactionScopeOf, type RedactionRun } from "./redact";
import { residueCounts, residueSha256 } from "./residue-inventory";
import type { CaseScope } from "./scope-check";
import type { TRedactionOptions } from "./schemas";
import { countRedaction } from "@/lib/metrics/registry";

export const REDACT_JOB = "artefact.redact";

const CASE_SELECT = {
  id: true,
  reference: true,
  resources: true,
  windowFrom: true,
  windowTo: true,
} as const satisfies Prisma.CaseSelect;

/** The case window and the group/project paths it names: what the scope check compares lines with. */
export function caseScopeOf(c: { resources: Prisma.JsonValue; windowFrom: Date | null; windowTo: Date | null }): CaseScope {
  const resources = (Array.isArray(c.resources) ? (c.resources as { kind?: string; path?: string }[]) : [])
    .filter((r) => (r.kind === "group" || r.kind === "project") && typeof r.path === "string")
    .map((r) => r.path as string);
  if (!c.windowFrom || !c.windowTo) throw new AppError("INVALID_STATE", "The case has no time window yet: submit it first.");
  return { from: c.windowFrom, to: c.windowTo, resources };
}

/** The redaction's options as stored on the artefact, with the scope its lines were checked against. */
export interface StoredRedactionOptions extends TRedactionOptions {
  caseScope?: { from: string; to: string; resources: string[] };
}

export const storedScope = (s: CaseScope) => ({ from: s.from.toISOString(), to: s.to.toISOString(), resources: s.resources });

/** The scope an artefact's lines are judged by: the one stored at upload (older rows: the case's). */
export function artefactScope(options: StoredRedactionOptions | null, kase: Parameters<typeof caseScopeOf>[0]): CaseScope {
  const s = options?.caseScope;
  return s ? { from: new Date(s.from), to: new Date(s.to), resources: s.resources } : caseScopeOf(kase);
}

/** A redaction with no progress for this long is taken to be stuck: the team may start it again. */
export const STUCK_AFTER_MS = 10 * 60_000;

// ---------------------------------------------------------------------------------------------
// The redaction job

export interface RedactionDeps {
  store: BlobStore;
  limits: LineLimits;
  /** @deprecated Ignored: the job uses the host lists of the settings in force (lib/settings). */
  internalHosts?: string[];
  /** How often the job writes its progress (ms). */
  progressEveryMs?: number;
}

const REDACTION_FAILED = "The redaction failed; run it again, and tell an administrator if it keeps failing.";

/**
 * This revision's redaction is not tried again: the artefact, still processing, is marked failed
 * (its page offers "redact again"), on the record. Idempotent: a newer revision or a finished one is
 * left alone.
 */
export async function failRedaction(prisma: PrismaClient, artefactId: string, revision: number, message: string, cause: string): Promise<boolean> {
  assertArtefactTransition("processing", "failed", "system");
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.artefact.updateMany({ where: { id: artefactId, revision, status: "processing" }, data: { status: "failed", error: message } });
    if (!count) return false;
    const { caseId } = await tx.artefact.findUniqueOrThrow({ where: { id: artefactId }, select: { caseId: true } });
    await recordActivity(tx, { actor: SYSTEM, action: "artefact.redactionFailed", entityType: "Artefact", entityId: artefactId, caseId, meta: { revision, error: cause.slice(0, 500) } });
    return true;
  });
}

/**
 * A redaction job given up at start because its worker died on its last attempt (lib/jobs
 * `releaseJobsOfDeadWorkers`): without this its artefact stayed "processing" for ever.
 */
export async function abandonRedactionJob(prisma: PrismaClient, job: { payload: unknown }): Promise<void> {
  const { artefactId, revision } = job.payload as { artefactId: string; revision: number };
  await failRedaction(prisma, artefactId, revision, "The redaction stopped with the server several times; run it again, and tell an administrator if it keeps failing.", "the server stopped while the redaction ran, on its last allowed attempt");
}

/**
 * Produces the redacted form of one artefact revision from its raw blob: the scope check's drops,
 * then `lib/redaction` line by line, streamed into the blob store with its own SHA-256. Stale jobs
 * (a newer revision exists) do nothing. On success the artefact is in review and SIRT and Legal
 * are told, in the transaction that records it.
 */
export async function runRedactionJob(prisma: PrismaClient, job: Pick<ClaimedJob, "id" | "payload" | "attempts" | "maxAttempts">, deps: RedactionDeps): Promise<void> {
  const { artefactId, revision } = job.payload as { artefactId: string; revision: number };
  const a = await prisma.artefact.findUnique({
    where: { id: artefactId },
    select: {
      id: true,
      status: true,
      revision: true,
      rawBlobKey: true,
      rawSize: true,
      redactionOptions: true,
      filename: true,
      case: { select: { ...CASE_SELECT, account: { select: { name: true, resources: { select: { kind: true, path: true, email: true } } } } } },
    },
  });
  if (!a || a.revision !== revision || a.status !== "processing" || !a.rawBlobKey) return;
  const options = a.redactionOptions as unknown as StoredRedactionOptions;
  // The settings in force when the job starts (Admin -> Settings), recorded on the result.
  const settings = await getCurrentSettings(prisma);
  // The namespaces Logdesk knows now: a prose path drops a line only under one (scope-check.ts).
  const knownRoots = await loadKnownRoots(prisma);
  let lastWrite = 0;
  let run: RedactionRun;
  try {
    run = await redactToBlob({
      store: deps.store,
      rawKey: a.rawBlobKey,
      limits: deps.limits,
      // The scope check reads URLs and request paths with the same host lists as the redaction.
      caseScope: { ...artefactScope(options, a.case), internalHosts: settings.internalHosts, productHosts: settings.productHosts, knownRoots },
      drop: options,
      redaction: redactionScopeOf(a.case.account.resources, options.disclosePersonalData, settings.internalHosts, settings.productHosts),
      onProgress: async (bytes) => {
        const now = Date.now();
        if (now - lastWrite < (deps.progressEveryMs ?? 500)) return;
        lastWrite = now;
        // A large file outlasts the claim's lease: the worker renews it while this runs (lib/jobs holdLease).
        await prisma.artefact.updateMany({ where: { id: a.id, revision, status: "processing" }, data: { progressBytes: BigInt(bytes) } });
      },
    });
  } catch (err) {
    const final = err instanceof UploadRejected || job.attempts >= job.maxAttempts;
    if (!final) throw err; // retried with back-off
    await failRedaction(prisma, a.id, revision, err instanceof UploadRejected ? err.message : REDACTION_FAILED, String((err as Error)?.message ?? err));
    return;
  }

  // What is left in the file that looks like an identifier: Legal reviews it first; approvals carry its hash.
  const residueHash = residueSha256(run.residue);
  const unknownHosts = residueCounts(run.residue).host.unknown;
  assertArtefactTransition("processing", "in_review", "system");
  const committed = await prisma.$transaction(async (tx) => {
    // Content addressing: the same bytes may be a file being removed as unreferenced; hold them (or retry the job).
    await holdBlobsForRow(tx, deps.store, [run.blob.key, run.rawLineMap?.key]);
    const { count } = await tx.artefact.updateMany({
      where: { id: a.id, revision, status: "processing" },
      data: {
        status: "in_review",
        residue: run.residue as unknown as Prisma.InputJsonValue,
        residueSha256: residueHash,
        redactedBlobKey: run.blob.key,
        redactedSha256: run.blob.sha256,
        redactedSize: BigInt(run.blob.size),
        redactedLines: run.keptLines,
        droppedLines: run.droppedLines,
        redactionSummary: { lines: run.summary.lines, redactions: run.summary.redactions, droppedOutsideWindow: run.droppedOutsideWindow, droppedOutsideScope: run.droppedOutsideScope } as Prisma.InputJsonValue,
        pageIndex: run.pageIndex,
        // Which raw line each redacted line came from, when lines were dropped (the review's raw-beside view).
        rawLineMapKey: run.rawLineMap?.key ?? null,
        progressBytes: a.rawSize ?? BigInt(run.rawBytes),
        error: null,
        settingsVersion: settings.version,
        version: { increment: 1 },
      },
    });
    if (!count) return false; // redacted again meanwhile: this result is not the current one
    // A case closed while its file was redacted stays as it closed (read-only): the result is kept on
    // the artefact, but nobody is asked to review it and the case's visibility does not widen.
    const closed = (await tx.case.findUnique({ where: { id: a.case.id }, select: { status: true } }))?.status === "closed";
    // From now on the case is SIRT's and Legal's to see (visibility.ts), whichever team it is routed to.
    if (!closed) await tx.case.updateMany({ where: { id: a.case.id, artefactReview: false }, data: { artefactReview: true } });
    const ref = a.case.reference ?? "A case";
    const reviewers = closed ? [] : await tx.user.findMany({ where: { role: { in: ["legal", "sirt"] }, active: true }, select: { email: true, role: true } });
    for (const r of reviewers) {
      await queueNotification(tx, {
        kind: "artefact.ready",
        to: r.email,
        caseId: a.case.id,
        dedupeKey: `artefact.ready:${a.id}:${revision}:${r.email}`,
        subject: `${ref}: artefact ready for ${r.role === "legal" ? "Legal review" : "security approval"}`,
        body: `The redacted form of “${a.filename}” on ${ref} (${a.case.account.name}) is ready for ${r.role === "legal" ? "Legal's review" : "SIRT's security approval"}.\n${run.keptLines.toLocaleString("en")} lines, ${Object.values(run.summary.redactions).reduce((s, n) => s + n, 0).toLocaleString("en")} replacements.\nOpen it from Approvals in Logdesk. It is shared with the customer only after Security and Legal both approve.`,
      });
    }
    // Last in the transaction: the chain's lock is held only to commit (lib/audit/index.ts).
    await recordActivity(tx, {
      actor: SYSTEM,
      action: "artefact.redacted",
      entityType: "Artefact",
      entityId: a.id,
      caseId: a.case.id,
      after: { revision, redactedSha256: run.blob.sha256, redactedSize: run.blob.size, lines: run.keptLines, dropped: run.droppedLines, redactions: run.summary.redactions, residueSha256: residueHash, unknownHosts, settingsVersion: settings.version },
      ...(closed ? { meta: { caseClosed: true } } : {}),
    });
    return true;
  });
  // A result no longer wanted (redacted again meanwhile) leaves no file that nothing names.
  if (!committed) for (const key of [run.blob.key, run.rawLineMap?.key]) if (key) await removeBlobIfUnreferenced(prisma, deps.store, key);
  // Redaction throughput for /api/metrics: counted once its result is committed.
  if (committed) countRedaction({ rawBytes: run.rawBytes, rawLines: run.rawLines, redactedBytes: run.blob.size, redactedLines: run.keptLines });
}

