import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Decision } from "@/lib/workflow";
import { lockVisibleCase } from "./access";
import { updateCaseAtVersion } from "./concurrency";
import { isExceptionPossible } from "./decision-rules";
import { assertTransition } from "./lifecycle";
import { notifyRole } from "./notify";

/** Step 4: ask Legal for an exception to the plan check (the only check an exception can lift). */
export async function requestException(user: SessionUser, input: { id: string; version: number; reason: string }) {
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, { select: { id: true, status: true, reference: true, account: { select: { name: true, plan: true } } } });
    const latest = await tx.caseDecision.findFirst({ where: { caseId: c.id }, orderBy: { evaluatedAt: "desc" } });
    if (c.status !== "ineligible" || !latest || !isExceptionPossible({ outcome: latest.outcome, checks: latest.checks as Decision["checks"] })) {
      throw new AppError("INVALID_STATE", "An exception can be asked only when the plan check is the one condition that failed. The window, ownership and deployment conditions are hard limits.");
    }
    assertTransition("ineligible", "legal_review", user.role);
    await updateCaseAtVersion(tx, c.id, input.version, { status: "legal_review" });
    const ex = await tx.legalException.create({ data: { caseId: c.id, reason: input.reason, requestedById: user.id }, select: { id: true } });
    await notifyRole(tx, "legal", c.id, `${c.reference}: plan exception requested`, `${user.name} asks for an exception to the plan check for ${c.account.name} (${c.account.plan}).\nReason: ${input.reason}\nDecide in Logdesk's Legal queue.`);
    // Last in the transaction: the chain's lock is held only to commit (lib/audit/index.ts).
    await recordActivity(tx, { actor: actorOf(user), action: "exception.request", entityType: "LegalException", entityId: ex.id, caseId: c.id, after: { reason: input.reason } });
    return { exceptionId: ex.id };
  });
}
