import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError, conflict } from "@/lib/errors";
import { queueNotification } from "@/lib/outbox";
import { assertArtefactsOpen, assertArtefactVersion, lockArtefact, updateArtefactAtVersion } from "./access";
import { assertArtefactTransition } from "./lifecycle";
import { liveDecisions } from "./queries";
import { approvalKindOf, reviewStatus, type ArtefactStatus } from "./rules";
import type { TDecideArtefact } from "./schemas";
import { settleCase } from "./settle-case";
import { customerContacts } from "@/lib/cases/contacts";
import { now as clockNow } from "@/lib/clock";

// Step 8 (reviewed): Security and Legal each approve or reject; a new redaction voids earlier decisions.

/** An approval that names no residue, or one that is not the current redaction's. */
export const RESIDUE_NOT_REVIEWED = "An approval records that you reviewed what is left in the file (the residue), and this one named none. Reload the review page, review the residue and approve again; nothing was recorded.";
export const RESIDUE_CHANGED = "The residue changed since you reviewed it (the file was redacted again). Reload the review page, review the new residue and approve again; nothing was recorded.";
export const RESIDUE_MISSING = "This artefact was redacted before the residue review existed, so there is no residue to review. The case's team redacts it again; then it can be approved.";

const NOT_READY = "This artefact is not ready for review yet.";

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
    const { artefact: a, kase: c } = await lockArtefact(tx, user, input.artefactId, { review: true });
    assertArtefactsOpen(c);
    assertArtefactVersion(a, input.version);
    assertArtefactTransition(a.status as ArtefactStatus, input.decision, user.role, {
      shared: "This artefact was already shared with the customer; its approvals are final.",
      processing: NOT_READY,
      failed: NOT_READY,
      withdrawn: NOT_READY,
    });
    const residueSha256 = input.residueSha256 && input.residueSha256 === a.residueSha256 ? a.residueSha256 : null;
    if (input.decision === "approved") {
      if (!a.residueSha256) throw new AppError("INVALID_STATE", RESIDUE_MISSING);
      if (!input.residueSha256) throw new AppError("VALIDATION", RESIDUE_NOT_REVIEWED, { residueReviewed: [RESIDUE_NOT_REVIEWED] });
      if (!residueSha256) throw conflict(RESIDUE_CHANGED);
    }
    await updateArtefactAtVersion(tx, a.id, input.version);
    const now = clockNow();
    await tx.artefactApproval.updateMany({ where: { artefactId: a.id, kind, voidedAt: null }, data: { voidedAt: now, voidReason: "replaced by a later decision" } });
    const approval = await tx.artefactApproval.create({
      data: { artefactId: a.id, kind, decision: input.decision, comment: input.comment, decidedById: user.id, decidedAt: now, revision: a.revision, sha256: a.redactedSha256 ?? "", residueSha256 },
      select: { id: true },
    });
    const live = await liveDecisions(tx, a.id, a.revision);
    const status = reviewStatus(a.status as ArtefactStatus, live);
    if (status !== a.status) {
      assertArtefactTransition(a.status as ArtefactStatus, status, user.role);
      await tx.artefact.update({ where: { id: a.id }, data: { status } });
    }
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
      for (const to of await customerContacts(tx, c)) {
        await queueNotification(tx, {
          kind: "artefact.approved",
          to,
          caseId: c.id,
          subject: `${ref}: “${a.filename}” approved, ready to share`,
          body: `Security and Legal approved the redacted form of “${a.filename}” on ${ref}.\nShare it with the customer from the case page in Logdesk: you hand on the redacted file and its signed release manifest.`,
        });
      }
    }
    return { status, caseStatus };
  });
}
