import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { actorOf, recordActivity } from "@/lib/audit";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs";
import { assertArtefactsOpen, assertArtefactVersion, lockArtefact, updateArtefactAtVersion } from "./access";
import { assertArtefactTransition } from "./lifecycle";
import { caseScopeOf, REDACT_JOB, storedScope, STUCK_AFTER_MS, type StoredRedactionOptions } from "./job";
import { canUpload, type ArtefactStatus, type Team } from "./rules";
import type { TRedactAgain } from "./schemas";
import { moveCaseToReview } from "./settle-case";
import { now } from "@/lib/clock";

/**
 * Runs the redaction again with other options (the team's answer to a rejection), or with the same
 * options and newer settings (redactAgainWithNewSettings). Any change to the artefact voids its
 * earlier approvals, in the same transaction. A redaction still running refuses a second one, also
 * when the second request comes from a page loaded before the first.
 */
export async function redactAgain(user: SessionUser, input: TRedactAgain, context: { settingsVersion?: number; why?: string } = {}): Promise<{ revision: number }> {
  authorize(user, "artefact.redact");
  return db().$transaction(async (tx) => {
    const { artefact: a, kase: c } = await lockArtefact(tx, user, input.artefactId);
    if (!canUpload(user.role, c.team as Team | null)) throw new AppError("FORBIDDEN", "Only the team the case is routed to redacts its artefacts.");
    assertArtefactsOpen(c);
    if (a.status === "processing" && Date.now() - a.updatedAt.getTime() < STUCK_AFTER_MS) {
      throw new AppError("INVALID_STATE", "Its redaction is still running. If it makes no progress for 10 minutes, you can start it again.");
    }
    if (a.rawDeletedAt) throw new AppError("INVALID_STATE", "Its raw file was deleted under the retention policy: upload the same extract again to put it back on this artefact, then redact it again.");
    assertArtefactVersion(a, input.version);
    assertArtefactTransition(a.status as ArtefactStatus, "processing", user.role, {
      shared: "This artefact was already shared; upload a new extract instead.",
      withdrawn: "This artefact was withdrawn; upload a new extract instead.",
    });
    if (input.disclosePersonalData && !c.personalData) throw new AppError("VALIDATION", "This request did not ask for personal data: the customer's IPs and emails are redacted.");
    const revision = a.revision + 1;
    // The earlier revision's files stay in the store until retention deletes them (lib/retention).
    const superseded = [a.redactedBlobKey, a.rawLineMapKey].filter((k): k is string => !!k && !a.supersededBlobKeys.includes(k));
    const previous = a.redactionOptions as unknown as StoredRedactionOptions | null;
    const options: StoredRedactionOptions = {
      dropOutsideWindow: input.dropOutsideWindow,
      dropOutsideScope: input.dropOutsideScope,
      disclosePersonalData: input.disclosePersonalData,
      caseScope: previous?.caseScope ?? storedScope(caseScopeOf(c)),
    };
    await updateArtefactAtVersion(tx, a.id, input.version, {
      revision,
      status: "processing",
      progressBytes: BigInt(0),
      redactionOptions: options as unknown as Prisma.InputJsonValue,
      ...(superseded.length ? { supersededBlobKeys: { push: superseded }, supersededDeletedAt: null } : {}),
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
    });
    const voided = await tx.artefactApproval.updateMany({ where: { artefactId: a.id, voidedAt: null }, data: { voidedAt: now(), voidReason: `redacted again (revision ${revision})` } });
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
