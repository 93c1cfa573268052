import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertArtefactsOpen, assertArtefactVersion, lockArtefact, updateArtefactAtVersion } from "./access";
import { assertArtefactTransition } from "./lifecycle";
import { canUpload, type ArtefactStatus, type Team } from "./rules";
import type { TWithdrawArtefact } from "./schemas";
import { settleCase } from "./settle-case";
import { now } from "@/lib/clock";

/**
 * The team takes an artefact out of the case (a rejected extract, a failed redaction, the wrong
 * file): its approvals are voided and it no longer holds the case in review. Its files and record
 * stay; a shared artefact cannot be withdrawn.
 */
export async function withdrawArtefact(user: SessionUser, input: TWithdrawArtefact): Promise<{ caseStatus: string }> {
  authorize(user, "artefact.redact");
  return db().$transaction(async (tx) => {
    const { artefact: a, kase: c } = await lockArtefact(tx, user, input.artefactId);
    if (!canUpload(user.role, c.team as Team | null)) throw new AppError("FORBIDDEN", "Only the team the case is routed to withdraws its artefacts.");
    assertArtefactsOpen(c);
    assertArtefactVersion(a, input.version);
    assertArtefactTransition(a.status as ArtefactStatus, "withdrawn", user.role, {
      shared: "This artefact was already shared with the customer; it stays on the record.",
      withdrawn: "This artefact was already withdrawn.",
    });
    await updateArtefactAtVersion(tx, a.id, input.version, { status: "withdrawn" });
    const voided = await tx.artefactApproval.updateMany({ where: { artefactId: a.id, voidedAt: null }, data: { voidedAt: now(), voidReason: "artefact withdrawn" } });
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
