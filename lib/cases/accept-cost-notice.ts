import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError, conflict, notFound } from "@/lib/errors";
import { lockVisibleCase } from "./access";
import { STALE_CASE } from "./concurrency";
import { CASE_FOR_EVALUATION, evaluateAndApply } from "./evaluate-case";

/** Conditions (scope too broad): the customer accepted the cost; the case proceeds, routed to SIRT. */
export async function acceptCostNotice(user: SessionUser, input: { id: string; version: number; noticeId: string; acceptedAt: Date; note: string }) {
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, CASE_FOR_EVALUATION);
    const notice = await tx.costNotice.findFirst({ where: { id: input.noticeId, caseId: c.id } });
    if (!notice) throw notFound("That cost notice");
    if (notice.customerAcceptedAt) throw new AppError("INVALID_STATE", "The customer's acceptance is already recorded.");
    if (c.version !== input.version) throw conflict(STALE_CASE);
    await tx.costNotice.update({ where: { id: notice.id }, data: { customerAcceptedAt: input.acceptedAt, acceptanceNote: input.note || null } });
    await recordActivity(tx, { actor: actorOf(user), action: "costNotice.accept", entityType: "CostNotice", entityId: notice.id, caseId: c.id, after: { acceptedAt: input.acceptedAt } });
    return evaluateAndApply(tx, user, c, input.version, "cost-accepted");
  });
}
