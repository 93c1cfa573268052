import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { loadKnownRoots } from "@/lib/accounts/queries";
import { actorOf, recordActivity } from "@/lib/audit";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { BlobStoreUnavailable, isBlobStoreUnavailable, type BlobStore } from "@/lib/blobstore";
import { findVisibleCase, lockVisibleCase } from "@/lib/cases/access";
import { assertLogDiveMayStart } from "@/lib/cases/log-dive";
import { db } from "@/lib/db";
import { BlobVanished, holdBlobsForRow, removeBlobIfUnreferenced } from "@/lib/blobstore/references";
import { AppError, conflict } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs";
import { getCurrentSettings } from "@/lib/settings/current-settings";
import { ARTEFACT_CASE, type ArtefactCase } from "./access";
import { createInspector } from "./inspect";
import { caseScopeOf, REDACT_JOB, storedScope, type StoredRedactionOptions } from "./job";
import { UploadRejected, type LineLimits } from "./lines";
import { canUpload, UPLOADABLE_CASE_STATUSES, type ArtefactStatus, type Team } from "./rules";
import type { TUploadArtefact } from "./schemas";
import { moveCaseToReview } from "./settle-case";
import { formatDateTime } from "@/lib/format/datetime";

// Step 8 (collected): streamed, hashed, scope-checked; the row exists only when the bytes are stored.

export interface UploadedArtefact {
  id: string;
  status: ArtefactStatus;
  rawSha256: string;
  rawSize: number;
  /** The file was this case's artefact whose raw file retention had deleted: it was put back on it (no new artefact, no redaction run). */
  restored?: boolean;
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
function assertCanUpload(user: SessionUser, c: ArtefactCase) {
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
  const before = await findVisibleCase(prisma, user, input.caseId, ARTEFACT_CASE);
  assertCanUpload(user, before);
  // Step 5 before the log-dive: refused before a byte is read, and again under the case's lock.
  await assertLogDiveMayStart(prisma, before.id);
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
    // The object store failed mid-upload (lib/blobstore/s3.ts): the writer's abort removed what it sent; the route answers 503.
    if (isBlobStoreUnavailable(err)) throw new BlobStoreUnavailable(err.message, { cause: err.cause, action: "The file could not be stored, and nothing of it was kept" });
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
      const c = await lockVisibleCase(tx, user, input.caseId, ARTEFACT_CASE);
      assertCanUpload(user, c);
      await assertLogDiveMayStart(tx, c.id);
      const same = await tx.artefact.findFirst({ where: { caseId: c.id, rawSha256: stored.sha256 }, select: { id: true, filename: true, createdAt: true, rawDeletedAt: true, status: true } });
      if (same?.rawDeletedAt) {
        // The same bytes as an artefact whose raw file retention deleted (the case was reopened since):
        // the file is put back on that artefact, which can then be redacted again. Its line map went
        // with the raw file; the next redaction writes a new one.
        await holdBlobsForRow(tx, deps.store, [stored.key]);
        await tx.artefact.update({ where: { id: same.id }, data: { rawBlobKey: stored.key, rawDeletedAt: null, rawLineMapKey: null, version: { increment: 1 } } });
        await recordActivity(tx, {
          actor: actorOf(user),
          action: "artefact.rawRestored",
          entityType: "Artefact",
          entityId: same.id,
          caseId: c.id,
          before: { rawDeletedAt: same.rawDeletedAt.toISOString() },
          after: { filename: input.filename, rawSha256: stored.sha256, rawSize: stored.size },
        });
        return { id: same.id, status: same.status as ArtefactStatus, rawSha256: stored.sha256, rawSize: stored.size, restored: true };
      }
      if (same) throw duplicate(same);
      // The same bytes may be another artefact's file that retention or a refused upload is removing:
      // under the key's lock, the file is checked to be there until this row names it.
      await holdBlobsForRow(tx, deps.store, [stored.key]);
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
      // A case with an artefact had its log-dive (never unset): it closes only with its gap record (step 10).
      await tx.case.updateMany({ where: { id: c.id, logDiveDone: false }, data: { logDiveDone: true } });
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
    // nobody can see or delete, so it goes (unless another artefact names the same bytes, as its raw,
    // redacted or superseded file: checked under the key's lock, lib/blobstore/references.ts).
    await removeBlobIfUnreferenced(prisma, deps.store, stored.key).catch(() => false);
    if (err instanceof BlobVanished) throw conflict("The file could not be kept while another copy of it was being deleted; nothing was stored. Upload it again.");
    // Two uploads of one file raced past the check: the unique index decides.
    if ((err as { code?: string }).code === "P2002") {
      const same = await prisma.artefact.findFirst({ where: { caseId: input.caseId, rawSha256: stored.sha256 }, select: { filename: true, createdAt: true } });
      if (same) throw duplicate(same);
    }
    throw err;
  }
}

function duplicate(same: { filename: string; createdAt: Date }) {
  return conflict(`This file was already uploaded to this case as “${same.filename}” on ${formatDateTime(same.createdAt)} (same SHA-256). Nothing new was stored.`);
}

function isAbort(err: unknown): boolean {
  const e = err as { name?: string; code?: string; message?: string };
  return e?.name === "AbortError" || e?.code === "ECONNRESET" || e?.code === "ERR_STREAM_PREMATURE_CLOSE" || /aborted|terminated/i.test(e?.message ?? "");
}

const formatMb = (bytes: number) => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(bytes % 1024 ** 3 ? 1 : 0)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`);
