import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import { authorize, type SessionUser } from "@/lib/auth/session";
import type { BlobStore } from "@/lib/blobstore";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { assertCanReadRedacted, loadArtefact } from "./access";
import { fileTypeOf } from "./file-type";
import { formatDate } from "@/lib/format/datetime";
import { canReadRaw, releaseFilename, safeFilename, type Team } from "./rules";

/** A raw file deleted under the retention policy (lib/retention): a 410 that says so. */
function rawFileGone(at: Date, sha256: string): AppError {
  return new AppError("GONE", `The raw file was deleted on ${formatDate(at)} under the retention policy (its SHA-256 ${sha256} is kept).`);
}

// Steps 8-9: downloads of either form and the signed release manifest, each on the record.

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
    if (a.rawDeletedAt) throw rawFileGone(a.rawDeletedAt, a.rawSha256);
    await logged(a.rawSha256);
    return {
      stream: await store.read(a.rawBlobKey),
      filename: safeFilename(a.filename),
      size: Number(a.rawSize ?? 0),
      sha256: a.rawSha256,
      contentType: a.compression === "gzip" ? "application/gzip" : fileTypeOf(a.filename, a.format as "ndjson" | "text").contentType,
    };
  }
  assertCanReadRedacted(user.role, kase.team, a.status);
  if (!a.redactedBlobKey || !a.redactedSha256) throw new AppError("INVALID_STATE", "The redacted form is not ready yet.");
  if (a.redactedDeletedAt) throw new AppError("GONE", `This withdrawn artefact's redacted file was deleted on ${formatDate(a.redactedDeletedAt)} under the retention policy (its SHA-256 ${a.redactedSha256} is kept).`);
  await logged(a.redactedSha256);
  return {
    stream: await store.read(a.redactedBlobKey),
    filename: releaseFilename(a.filename, a.format as "ndjson" | "text"),
    size: Number(a.redactedSize ?? 0),
    sha256: a.redactedSha256,
    contentType: fileTypeOf(a.filename, a.format as "ndjson" | "text").contentType,
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
