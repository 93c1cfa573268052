import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { actorOf, recordActivity } from "@/lib/audit";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { assertTransition, type CaseStatus } from "@/lib/cases/lifecycle";
import { assertNotClosed, findVisibleCase, lockCase } from "@/lib/cases/access";
import { visibleCasesWhere } from "@/lib/cases/visibility";
import { db, type Tx } from "@/lib/db";
import { AppError, conflict, notFound } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs";
import { queueNotification } from "@/lib/outbox";
import { getCurrentSettings } from "@/lib/settings/current-settings";
import { loadKnownRoots } from "@/lib/accounts/queries";
import { findSettingsVersion } from "@/lib/settings/queries";
import { REDACT_WITH_NEW_SETTINGS_STATUSES, sameHostLists } from "@/lib/settings/rules";
import { signManifest, MANIFEST_FORMAT, type ReleaseManifest } from "@/lib/release/manifest";
import type { SigningKey } from "@/lib/release/keys";
import type { BlobStore } from "@/lib/blobstore";
import { createInspector } from "./inspect";
import { caseScopeOf, REDACT_JOB, storedScope, STUCK_AFTER_MS, type StoredRedactionOptions } from "./job";
import { UploadRejected, type LineLimits } from "./lines";
import {
  approvalKindOf,
  canUpload,
  caseStatusFor,
  releaseFilename,
  reviewStatus,
  UPLOADABLE_CASE_STATUSES,
  type ArtefactStatus,
  type Team,
} from "./rules";
import type { TDecideArtefact, TRedactAgain, TShareArtefact, TUploadArtefact, TWithdrawArtefact } from "./schemas";
import { SHARE_CHANNELS } from "./schemas";

export { REDACT_JOB, runRedactionJob } from "./job";

const UUID = /^[0-9a-f-]{36}$/i;

/** An approval that names no residue, or one that is not the current redaction's. */
export const RESIDUE_NOT_REVIEWED = "An approval records that you reviewed what is left in the file (the residue), and this one named none. Reload the review page, review the residue and approve again; nothing was recorded.";
export const RESIDUE_CHANGED = "The residue changed since you reviewed it (the file was redacted again). Reload the review page, review the new residue and approve again; nothing was recorded.";
export const RESIDUE_MISSING = "This artefact was redacted before the residue review existed, so there is no residue to review. The case's team redacts it again; then it can be approved.";

export const SHARE_NEEDS_RESIDUE = "This artefact was approved without a review of what is left in the file (it was redacted before the residue review existed). The case's team redacts it again; Security and Legal then approve it on its residue, and it can be shared.";

/** What a person sees when the artefact changed after they loaded it. */
export const STALE_ARTEFACT = "This artefact changed since you opened it (a new redaction or another decision). Reload to see it; nothing was recorded.";

// ---------------------------------------------------------------------------------------------
// Reading

const CASE_SELECT = {
  id: true,
  reference: true,
  status: true,
  team: true,
  version: true,
  authorId: true,
  accountId: true,
  resources: true,
  windowFrom: true,
  windowTo: true,
  personalData: true,
  account: { select: { name: true } },
} as const satisfies Prisma.CaseSelect;

type CaseRow = Prisma.CaseGetPayload<{ select: typeof CASE_SELECT }>;

/** A case the user may see (Admin never sees artefacts); anything else is not found. */
const loadCase = (tx: Tx | PrismaClient, user: SessionUser, caseId: string): Promise<CaseRow> => findVisibleCase(tx, user, caseId, { select: CASE_SELECT });

const ARTEFACT_SELECT = {
  id: true,
  caseId: true,
  filename: true,
  status: true,
  format: true,
  compression: true,
  rawBlobKey: true,
  rawSha256: true,
  rawSize: true,
  rawLines: true,
  decompressedSize: true,
  redactedBlobKey: true,
  redactedSha256: true,
  redactedSize: true,
  redactedLines: true,
  droppedLines: true,
  scopeCheck: true,
  redactionSummary: true,
  redactionOptions: true,
  residueSha256: true,
  settingsVersion: true,
  pageIndex: true,
  rawLineMapKey: true,
  progressBytes: true,
  revision: true,
  version: true,
  error: true,
  createdAt: true,
  updatedAt: true,
  uploadedById: true,
} as const satisfies Prisma.ArtefactSelect;

type ArtefactRow = Prisma.ArtefactGetPayload<{ select: typeof ARTEFACT_SELECT }>;

/** An artefact on a case the user may see, with that case; otherwise not found. */
export async function loadArtefact(tx: Tx | PrismaClient, user: SessionUser, artefactId: string): Promise<{ artefact: ArtefactRow; kase: CaseRow }> {
  if (user.role === "admin" || !UUID.test(artefactId)) throw notFound("That artefact");
  const artefact = await tx.artefact.findFirst({ where: { id: artefactId, case: visibleCasesWhere(user) }, select: ARTEFACT_SELECT });
  if (!artefact) throw notFound("That artefact");
  return { artefact, kase: await loadCase(tx, user, artefact.caseId) };
}


/** Nothing about a closed case's artefacts changes any more. */
const assertCaseOpen = (c: { status: string }) => assertNotClosed(c, "its artefacts");

/** loadArtefact with the case row locked first (so the read sees the latest commit). */
async function lockedArtefact(tx: Tx, user: SessionUser, artefactId: string) {
  if (user.role === "admin" || !UUID.test(artefactId)) throw notFound("That artefact");
  const found = await tx.artefact.findFirst({ where: { id: artefactId, case: visibleCasesWhere(user) }, select: { caseId: true } });
  if (!found) throw notFound("That artefact");
  await lockCase(tx, found.caseId);
  return loadArtefact(tx, user, artefactId);
}

// ---------------------------------------------------------------------------------------------
// Upload (step 8): streamed, hashed, scope-checked; the row exists only when the bytes are stored

export interface UploadedArtefact {
  id: string;
  status: ArtefactStatus;
  rawSha256: string;
  rawSize: number;
}

export interface UploadDeps {
  store: BlobStore;
  limits: LineLimits;
  maxUploadBytes: number;
}

function refuseUpload(message: string, field = "file"): AppError {
  return new AppError("VALIDATION", message, { [field]: [message] });
}

/** Checks that the user may upload to this case now; used before reading the body and again in the transaction. */
function assertCanUpload(user: SessionUser, c: CaseRow) {
  if (!canUpload(user.role, c.team as Team | null)) {
    throw new AppError("FORBIDDEN", c.team ? `Only the team the case is routed to (${c.team === "sirt" ? "SIRT" : "Support"}) uploads its artefacts.` : "This case is not routed to a team.");
  }
  if (!(UPLOADABLE_CASE_STATUSES as readonly string[]).includes(c.status)) {
    throw new AppError("INVALID_STATE", `Artefacts are uploaded once the case is accepted; this one is ${c.status.replace(/_/g, " ")}.`);
  }
}

/**
 * Streams an upload into the blob store while hashing it and checking every line against the
 * case's window and resources. Bad input (empty, binary, corrupt or bomb gzip, invalid UTF-8,
 * over-long lines, a cut-off body) is refused with nothing stored; the same file twice on one
 * case is refused. A complete upload becomes an artefact whose redaction job is queued in the
 * same transaction.
 */
export async function uploadArtefact(user: SessionUser, input: TUploadArtefact, body: AsyncIterable<Uint8Array>, deps: UploadDeps): Promise<UploadedArtefact> {
  authorize(user, "artefact.upload");
  const prisma = db();
  const before = await loadCase(prisma, user, input.caseId);
  assertCanUpload(user, before);
  if (input.disclosePersonalData && !before.personalData) {
    throw refuseUpload("This request did not ask for personal data: the customer's IPs and emails are redacted.", "disclosePersonalData");
  }

  // The scope check finds resources in URLs and request paths by the settings' host lists, as the
  // redaction job will (one finder).
  const { internalHosts, productHosts } = await getCurrentSettings(prisma);
  // A prose path drops a line only under a namespace Logdesk knows (scope-check.ts).
  const knownRoots = await loadKnownRoots(prisma);
  const writer = await deps.store.begin();
  const inspector = createInspector({ ...caseScopeOf(before), internalHosts, productHosts, knownRoots }, deps.limits);
  let stored: { key: string; sha256: string; size: number };
  let inspected: Awaited<ReturnType<typeof inspector.end>>;
  try {
    for await (const chunk of body) {
      if (writer.bytes + chunk.length > deps.maxUploadBytes) {
        throw refuseUpload(`The file is larger than the ${formatMb(deps.maxUploadBytes)} upload limit.`);
      }
      await writer.write(chunk);
      await inspector.push(chunk);
    }
    inspected = await inspector.end();
    stored = await writer.commit();
  } catch (err) {
    inspector.destroy();
    await writer.abort();
    if (err instanceof UploadRejected) throw refuseUpload(err.message);
    if (isAbort(err)) throw refuseUpload("The upload was cut off before the whole file arrived; nothing was stored. Try again.");
    throw err;
  }

  // The scope the lines were checked against travels with the artefact: the redaction job and the
  // review's raw-beside view apply the same one, whatever happens to the case later.
  const options: StoredRedactionOptions = {
    dropOutsideWindow: input.dropOutsideWindow,
    dropOutsideScope: input.dropOutsideScope,
    disclosePersonalData: input.disclosePersonalData,
    caseScope: storedScope(caseScopeOf(before)),
  };
  try {
    return await prisma.$transaction(async (tx) => {
      await lockCase(tx, before.id);
      const c = await loadCase(tx, user, input.caseId);
      assertCanUpload(user, c);
      const same = await tx.artefact.findFirst({ where: { caseId: c.id, rawSha256: stored.sha256 }, select: { filename: true, createdAt: true } });
      if (same) throw duplicate(same);
      const artefact = await tx.artefact.create({
        data: {
          caseId: c.id,
          uploadedById: user.id,
          filename: input.filename,
          contentType: inspected.format === "ndjson" ? "application/x-ndjson" : "text/plain",
          status: "processing",
          format: inspected.format,
          compression: inspected.stats.compression,
          rawBlobKey: stored.key,
          rawSha256: stored.sha256,
          rawSize: BigInt(stored.size),
          rawLines: inspected.stats.lines,
          decompressedSize: BigInt(inspected.stats.decompressedBytes),
          scopeCheck: inspected.scope as unknown as Prisma.InputJsonValue,
          redactionOptions: options as unknown as Prisma.InputJsonValue,
        },
        select: { id: true, revision: true },
      });
      await enqueueJob(tx, REDACT_JOB, { artefactId: artefact.id, revision: artefact.revision }, { dedupeKey: `${REDACT_JOB}:${artefact.id}:${artefact.revision}`, maxAttempts: 3 });
      await moveCaseToReview(tx, user, c);
      await recordActivity(tx, {
        actor: actorOf(user),
        action: "artefact.upload",
        entityType: "Artefact",
        entityId: artefact.id,
        caseId: c.id,
        after: {
          filename: input.filename,
          rawSha256: stored.sha256,
          rawSize: stored.size,
          format: inspected.format,
          compression: inspected.stats.compression,
          lines: inspected.stats.lines,
          outsideWindow: inspected.scope.outsideWindow,
          outsideScope: inspected.scope.outsideScope,
          options,
        },
      });
      return { id: artefact.id, status: "processing" as const, rawSha256: stored.sha256, rawSize: stored.size };
    });
  } catch (err) {
    // Refused after the bytes were stored: a blob no artefact names would be raw customer data
    // nobody can see or delete, so it goes (unless another case holds the same file).
    if ((await prisma.artefact.count({ where: { rawBlobKey: stored.key } })) === 0) await deps.store.remove(stored.key).catch(() => {});
    // Two uploads of one file raced past the check: the unique index decides.
    if ((err as { code?: string }).code === "P2002") {
      const same = await prisma.artefact.findFirst({ where: { caseId: input.caseId, rawSha256: stored.sha256 }, select: { filename: true, createdAt: true } });
      if (same) throw duplicate(same);
    }
    throw err;
  }
}

function duplicate(same: { filename: string; createdAt: Date }) {
  return conflict(`This file was already uploaded to this case as “${same.filename}” on ${same.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC (same SHA-256). Nothing new was stored.`);
}

function isAbort(err: unknown): boolean {
  const e = err as { name?: string; code?: string; message?: string };
  return e?.name === "AbortError" || e?.code === "ECONNRESET" || e?.code === "ERR_STREAM_PREMATURE_CLOSE" || /aborted|terminated/i.test(e?.message ?? "");
}

const formatMb = (bytes: number) => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(bytes % 1024 ** 3 ? 1 : 0)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`);

/** An upload (or a new redaction) puts the case's artefacts in review, by the transition table. */
async function moveCaseToReview(tx: Tx, user: SessionUser, c: Pick<CaseRow, "id" | "status" | "version">) {
  if (c.status === "artefacts_in_review") return;
  assertTransition(c.status as CaseStatus, "artefacts_in_review", user.role);
  // Conditional on the status read: of two uploads racing, one moves the case and logs it.
  const { count } = await tx.case.updateMany({ where: { id: c.id, status: c.status as CaseStatus }, data: { status: "artefacts_in_review", version: { increment: 1 } } });
  if (!count) return;
  await recordActivity(tx, { actor: actorOf(user), action: "case.artefactsInReview", entityType: "Case", entityId: c.id, caseId: c.id, before: { status: c.status }, after: { status: "artefacts_in_review" } });
}

// ---------------------------------------------------------------------------------------------
// Review: Security and Legal each approve or reject; a new redaction voids earlier decisions

/** Live (not voided) decisions about the artefact's current revision. */
async function liveDecisions(tx: Tx, artefactId: string, revision: number) {
  return tx.artefactApproval.findMany({
    where: { artefactId, revision, voidedAt: null },
    select: { id: true, kind: true, decision: true, comment: true, decidedAt: true, decidedById: true, residueSha256: true },
    orderBy: { decidedAt: "asc" },
  });
}

/** Moves the case with its artefacts (review <-> approved), by the transition table. */
async function settleCase(tx: Tx, user: SessionUser, c: Pick<CaseRow, "id" | "status">) {
  const statuses = (await tx.artefact.findMany({ where: { caseId: c.id }, select: { status: true } })).map((a) => a.status as ArtefactStatus);
  const next = caseStatusFor(c.status, statuses);
  if (!next) return c.status;
  assertTransition(c.status as CaseStatus, next, user.role);
  const { count } = await tx.case.updateMany({ where: { id: c.id, status: c.status as CaseStatus }, data: { status: next, version: { increment: 1 } } });
  if (!count) return c.status;
  await recordActivity(tx, { actor: actorOf(user), action: next === "approved" ? "case.artefactsApproved" : "case.artefactsInReview", entityType: "Case", entityId: c.id, caseId: c.id, before: { status: c.status }, after: { status: next } });
  return next;
}

export interface DecisionResult {
  status: ArtefactStatus;
  caseStatus: string;
}

/**
 * SIRT's security approval or Legal's review of the current redaction. A second decision of the
 * same kind replaces the first (which is kept, voided). The loaded version guards against deciding
 * on a redaction that changed meanwhile, and an approval must name the residue inventory of the
 * current redaction (its SHA-256): the reviewer saw what is left in the file. A rejection needs none.
 */
export async function decideArtefact(user: SessionUser, input: TDecideArtefact): Promise<DecisionResult> {
  const kind = approvalKindOf(user.role);
  if (!kind) throw new AppError("FORBIDDEN", "Only SIRT (security) and Legal approve artefacts.");
  authorize(user, kind === "security" ? "artefact.approveSecurity" : "artefact.approveLegal");
  return db().$transaction(async (tx) => {
    const { artefact: a, kase: c } = await lockedArtefact(tx, user, input.artefactId);
    assertCaseOpen(c);
    if (a.version !== input.version) throw conflict(STALE_ARTEFACT);
    if (!["in_review", "approved", "rejected"].includes(a.status)) {
      throw new AppError("INVALID_STATE", a.status === "shared" ? "This artefact was already shared with the customer; its approvals are final." : "This artefact is not ready for review yet.");
    }
    const residueSha256 = input.residueSha256 && input.residueSha256 === a.residueSha256 ? a.residueSha256 : null;
    if (input.decision === "approved") {
      if (!a.residueSha256) throw new AppError("INVALID_STATE", RESIDUE_MISSING);
      if (!input.residueSha256) throw new AppError("VALIDATION", RESIDUE_NOT_REVIEWED, { residueReviewed: [RESIDUE_NOT_REVIEWED] });
      if (!residueSha256) throw conflict(RESIDUE_CHANGED);
    }
    const { count } = await tx.artefact.updateMany({ where: { id: a.id, version: input.version }, data: { version: { increment: 1 } } });
    if (count !== 1) throw conflict(STALE_ARTEFACT);
    const now = new Date();
    await tx.artefactApproval.updateMany({ where: { artefactId: a.id, kind, voidedAt: null }, data: { voidedAt: now, voidReason: "replaced by a later decision" } });
    const approval = await tx.artefactApproval.create({
      data: { artefactId: a.id, kind, decision: input.decision, comment: input.comment, decidedById: user.id, decidedAt: now, revision: a.revision, sha256: a.redactedSha256 ?? "", residueSha256 },
      select: { id: true },
    });
    const live = await liveDecisions(tx, a.id, a.revision);
    const status = reviewStatus(a.status as ArtefactStatus, live);
    if (status !== a.status) await tx.artefact.update({ where: { id: a.id }, data: { status } });
    await recordActivity(tx, {
      actor: actorOf(user),
      action: input.decision === "approved" ? "artefact.approve" : "artefact.reject",
      entityType: "Artefact",
      entityId: a.id,
      caseId: c.id,
      before: { status: a.status },
      after: { status, kind, decision: input.decision, comment: input.comment, revision: a.revision, sha256: a.redactedSha256, residueSha256, approvalId: approval.id },
    });
    const caseStatus = await settleCase(tx, user, c);
    const ref = c.reference ?? "A case";
    const label = kind === "security" ? "Security (SIRT)" : "Legal";
    // The team that uploaded learns of every decision; Support/CSM learn when it can be shared.
    const uploader = await tx.user.findUnique({ where: { id: a.uploadedById }, select: { email: true, active: true } });
    if (uploader?.active && uploader.email !== user.email) {
      await queueNotification(tx, {
        kind: "artefact.decided",
        to: uploader.email,
        caseId: c.id,
        subject: `${ref}: ${label} ${input.decision} “${a.filename}”`,
        body: `${label} ${input.decision} the redacted form of “${a.filename}” on ${ref}.${input.comment ? `\nComment: ${input.comment}` : ""}${input.decision === "rejected" ? "\nRedact it again with other options, or upload a corrected extract." : ""}`,
      });
    }
    if (status === "approved") {
      // The case's author and the account's CSMs: whoever speaks to the customer shares it.
      const sharers = await tx.user.findMany({
        where: { active: true, OR: [{ id: c.authorId }, { role: "csm", managedAccounts: { some: { accountId: c.accountId } } }] },
        select: { email: true },
      });
      for (const sharer of sharers) {
        await queueNotification(tx, {
          kind: "artefact.approved",
          to: sharer.email,
          caseId: c.id,
          subject: `${ref}: “${a.filename}” approved, ready to share`,
          body: `Security and Legal approved the redacted form of “${a.filename}” on ${ref}.\nShare it with the customer from the case page in Logdesk: you hand on the redacted file and its signed release manifest.`,
        });
      }
    }
    return { status, caseStatus };
  });
}

/**
 * Runs the redaction again with other options (the team's answer to a rejection), or with the same
 * options and newer settings (redactAgainWithNewSettings). Any change to the artefact voids its
 * earlier approvals, in the same transaction. A redaction still running refuses a second one, also
 * when the second request comes from a page loaded before the first.
 */
export async function redactAgain(user: SessionUser, input: TRedactAgain, context: { settingsVersion?: number; why?: string } = {}): Promise<{ revision: number }> {
  authorize(user, "artefact.redact");
  return db().$transaction(async (tx) => {
    const { artefact: a, kase: c } = await lockedArtefact(tx, user, input.artefactId);
    if (!canUpload(user.role, c.team as Team | null)) throw new AppError("FORBIDDEN", "Only the team the case is routed to redacts its artefacts.");
    assertCaseOpen(c);
    if (a.status === "processing" && Date.now() - a.updatedAt.getTime() < STUCK_AFTER_MS) {
      throw new AppError("INVALID_STATE", "Its redaction is still running. If it makes no progress for 10 minutes, you can start it again.");
    }
    if (a.version !== input.version) throw conflict(STALE_ARTEFACT);
    if (a.status === "shared") throw new AppError("INVALID_STATE", "This artefact was already shared; upload a new extract instead.");
    if (a.status === "withdrawn") throw new AppError("INVALID_STATE", "This artefact was withdrawn; upload a new extract instead.");
    if (input.disclosePersonalData && !c.personalData) throw new AppError("VALIDATION", "This request did not ask for personal data: the customer's IPs and emails are redacted.");
    const revision = a.revision + 1;
    const previous = a.redactionOptions as unknown as StoredRedactionOptions | null;
    const options: StoredRedactionOptions = {
      dropOutsideWindow: input.dropOutsideWindow,
      dropOutsideScope: input.dropOutsideScope,
      disclosePersonalData: input.disclosePersonalData,
      caseScope: previous?.caseScope ?? storedScope(caseScopeOf(c)),
    };
    const { count } = await tx.artefact.updateMany({
      where: { id: a.id, version: input.version },
      data: {
        version: { increment: 1 },
        revision,
        status: "processing",
        progressBytes: BigInt(0),
        redactionOptions: options as unknown as Prisma.InputJsonValue,
        redactedBlobKey: null,
        redactedSha256: null,
        redactedSize: null,
        redactedLines: null,
        droppedLines: null,
        redactionSummary: Prisma.DbNull,
        pageIndex: Prisma.DbNull,
        rawLineMapKey: null,
        residue: Prisma.DbNull,
        residueSha256: null,
        // The job records the settings version it runs with.
        settingsVersion: null,
        error: null,
      },
    });
    if (count !== 1) throw conflict(STALE_ARTEFACT);
    const voided = await tx.artefactApproval.updateMany({ where: { artefactId: a.id, voidedAt: null }, data: { voidedAt: new Date(), voidReason: `redacted again (revision ${revision})` } });
    await enqueueJob(tx, REDACT_JOB, { artefactId: a.id, revision }, { dedupeKey: `${REDACT_JOB}:${a.id}:${revision}`, maxAttempts: 3 });
    await recordActivity(tx, {
      actor: actorOf(user),
      action: "artefact.redactAgain",
      entityType: "Artefact",
      entityId: a.id,
      caseId: c.id,
      before: { revision: a.revision, status: a.status, options: a.redactionOptions, redactedSha256: a.redactedSha256 },
      after: { revision, status: "processing", options, voidedApprovals: voided.count, ...context },
    });
    await moveCaseToReview(tx, user, c);
    return { revision };
  });
}

/**
 * "Redact again with the new settings": the case's team re-runs an artefact in review, rejected, or
 * approved and not yet shared, with the options it has and the settings in force now, once a newer
 * settings version changed the host lists (a policy-only change redacts nothing differently, so it
 * is refused rather than void approvals for nothing). Goes through redactAgain, so earlier decisions
 * (both approvals of an approved artefact) are voided the same way and a redaction already running
 * refuses it.
 */
export async function redactAgainWithNewSettings(user: SessionUser, input: { artefactId: string; version: number }): Promise<{ revision: number; settingsVersion: number }> {
  authorize(user, "artefact.redact");
  const { artefact: a } = await loadArtefact(db(), user, input.artefactId);
  if (a.status === "processing") throw new AppError("INVALID_STATE", "Its redaction is still running; it uses the settings in force when it started. Wait for it to finish.");
  if (a.status === "shared") throw new AppError("INVALID_STATE", "This artefact was already shared; its released file stays as it was. Upload a new extract instead.");
  if (!(REDACT_WITH_NEW_SETTINGS_STATUSES as readonly string[]).includes(a.status)) {
    throw new AppError("INVALID_STATE", "Only an artefact in review, rejected, or approved and not yet shared is redacted again with new settings; upload a new extract instead.");
  }
  const used = a.settingsVersion;
  const current = await getCurrentSettings();
  if (used !== null && used >= current.version) throw new AppError("INVALID_STATE", `This artefact was already redacted with the settings in force (version ${current.version}).`);
  const before = used === null ? null : await findSettingsVersion(db(), used);
  if (before && sameHostLists(before, current)) {
    throw new AppError(
      "INVALID_STATE",
      `The settings in force (version ${current.version}) have the same internal host suffixes and product hosts as version ${used}, which this artefact was redacted with: the newer versions changed only policy values. A new redaction would give the same file and void its decisions for nothing; nothing was changed.`,
    );
  }
  const options = (a.redactionOptions ?? {}) as unknown as StoredRedactionOptions;
  const r = await redactAgain(
    user,
    { artefactId: a.id, version: input.version, dropOutsideWindow: options.dropOutsideWindow ?? true, dropOutsideScope: options.dropOutsideScope ?? true, disclosePersonalData: options.disclosePersonalData ?? false },
    { settingsVersion: current.version, why: "new settings" },
  );
  return { revision: r.revision, settingsVersion: current.version };
}

/**
 * The team takes an artefact out of the case (a rejected extract, a failed redaction, the wrong
 * file): its approvals are voided and it no longer holds the case in review. Its files and record
 * stay; a shared artefact cannot be withdrawn.
 */
export async function withdrawArtefact(user: SessionUser, input: TWithdrawArtefact): Promise<{ caseStatus: string }> {
  authorize(user, "artefact.redact");
  return db().$transaction(async (tx) => {
    const { artefact: a, kase: c } = await lockedArtefact(tx, user, input.artefactId);
    if (!canUpload(user.role, c.team as Team | null)) throw new AppError("FORBIDDEN", "Only the team the case is routed to withdraws its artefacts.");
    assertCaseOpen(c);
    if (a.version !== input.version) throw conflict(STALE_ARTEFACT);
    if (a.status === "shared") throw new AppError("INVALID_STATE", "This artefact was already shared with the customer; it stays on the record.");
    if (a.status === "withdrawn") throw new AppError("INVALID_STATE", "This artefact was already withdrawn.");
    const { count } = await tx.artefact.updateMany({ where: { id: a.id, version: input.version }, data: { version: { increment: 1 }, status: "withdrawn" } });
    if (count !== 1) throw conflict(STALE_ARTEFACT);
    const voided = await tx.artefactApproval.updateMany({ where: { artefactId: a.id, voidedAt: null }, data: { voidedAt: new Date(), voidReason: "artefact withdrawn" } });
    await recordActivity(tx, {
      actor: actorOf(user),
      action: "artefact.withdraw",
      entityType: "Artefact",
      entityId: a.id,
      caseId: c.id,
      before: { status: a.status },
      after: { status: "withdrawn", reason: input.reason, voidedApprovals: voided.count },
    });
    return { caseStatus: await settleCase(tx, user, c) };
  });
}

// ---------------------------------------------------------------------------------------------
// Release (step 9): only an artefact with both approvals, only by Support or the CSM

export interface ShareResult {
  shareId: string;
  keyId: string;
}

/**
 * Records that Support or the CSM handed the redacted file and its signed release manifest to the
 * customer. Only the current redaction with both live approvals can be shared; the raw form never is.
 */
export async function shareArtefact(user: SessionUser, input: TShareArtefact, key: SigningKey): Promise<ShareResult> {
  authorize(user, "artefact.share");
  return db().$transaction(async (tx) => {
    const { artefact: a, kase: c } = await lockedArtefact(tx, user, input.artefactId);
    assertCaseOpen(c);
    if (a.version !== input.version) throw conflict(STALE_ARTEFACT);
    const live = await liveDecisions(tx, a.id, a.revision);
    const approvals = live.filter((d) => d.decision === "approved");
    const has = (k: "security" | "legal") => approvals.some((d) => d.kind === k);
    if (!(a.status === "approved" || a.status === "shared") || !has("security") || !has("legal") || !a.redactedSha256) {
      throw new AppError("INVALID_STATE", "Only an artefact approved by both Security and Legal can be shared.");
    }
    // Both approvals must have been given on this redaction's residue: an artefact approved before
    // the residue review (no inventory, or approvals without its hash) goes back for a new redaction.
    if (!a.residueSha256 || approvals.some((d) => d.residueSha256 !== a.residueSha256)) {
      throw new AppError("INVALID_STATE", SHARE_NEEDS_RESIDUE);
    }
    const { count } = await tx.artefact.updateMany({ where: { id: a.id, version: input.version }, data: { version: { increment: 1 }, status: "shared" } });
    if (count !== 1) throw conflict(STALE_ARTEFACT);
    const people = new Map((await tx.user.findMany({ where: { id: { in: [user.id, ...approvals.map((d) => d.decidedById)] } }, select: { id: true, name: true, email: true } })).map((p) => [p.id, p]));
    const shareId = randomUUID();
    const sharedAt = new Date();
    const summary = a.redactionSummary as { redactions?: Record<string, number> } | null;
    const manifest: ReleaseManifest = {
      format: MANIFEST_FORMAT,
      case: { reference: c.reference ?? c.id, account: c.account.name },
      release: {
        id: shareId,
        sharedBy: { name: people.get(user.id)?.name ?? user.name, email: people.get(user.id)?.email ?? user.email },
        sharedAt: sharedAt.toISOString(),
        recipient: input.recipient,
        channel: SHARE_CHANNELS[input.channel],
      },
      artefacts: [
        {
          filename: releaseFilename(a.filename, a.format as "ndjson" | "text"),
          sha256: a.redactedSha256,
          size: Number(a.redactedSize ?? 0),
          form: "redacted",
          rawSha256: a.rawSha256 ?? "",
          redactions: summary?.redactions ?? {},
          lines: a.redactedLines ?? 0,
          approvals: (["security", "legal"] as const).map((k) => {
            const d = approvals.find((x) => x.kind === k)!;
            const p = people.get(d.decidedById);
            return { kind: k, decision: "approved" as const, by: p?.name ?? "Logdesk staff", at: d.decidedAt.toISOString(), ...(d.residueSha256 ? { residueSha256: d.residueSha256 } : {}) };
          }),
        },
      ],
    };
    const signed = signManifest(manifest, key);
    await tx.artefactShare.create({
      data: {
        id: shareId,
        artefactId: a.id,
        sharedById: user.id,
        recipient: input.recipient,
        channel: input.channel,
        manifest: manifest as unknown as Prisma.InputJsonValue,
        signature: signed.signature.value,
        document: `${JSON.stringify(signed, null, 2)}\n`,
        sharedAt,
      },
    });
    await recordActivity(tx, {
      actor: actorOf(user),
      action: "artefact.share",
      entityType: "Artefact",
      entityId: a.id,
      caseId: c.id,
      before: { status: a.status },
      after: { status: "shared", shareId, recipient: input.recipient, channel: input.channel, sha256: a.redactedSha256, keyId: signed.signature.keyId },
    });
    if (c.status === "approved") {
      assertTransition("approved", "shared", user.role);
      await tx.case.update({ where: { id: c.id }, data: { status: "shared", version: { increment: 1 } } });
      await recordActivity(tx, { actor: actorOf(user), action: "case.shared", entityType: "Case", entityId: c.id, caseId: c.id, before: { status: "approved" }, after: { status: "shared" } });
    }
    return { shareId, keyId: signed.signature.keyId };
  });
}
