import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Decision } from "@/lib/workflow";
import { lockVisibleCase } from "./access";
import { updateCaseAtVersion } from "./concurrency";
import { isOnlyTooBroad } from "./decision-rules";

/** Conditions (scope too broad): record the cost estimate given to the customer instead of narrowing. */
export async function recordCostNotice(user: SessionUser, input: { id: string; version: number; estimate: string }) {
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, { select: { id: true, status: true } });
    const latest = await tx.caseDecision.findFirst({ where: { caseId: c.id }, orderBy: { evaluatedAt: "desc" } });
    const facts = latest?.facts as { resources: unknown[]; eventTypes: unknown[] } | undefined;
    if (c.status !== "rescope" || !latest || !facts || !isOnlyTooBroad({ outcome: latest.outcome, checks: latest.checks as Decision["checks"] }, facts as never)) {
      throw new AppError("INVALID_STATE", "A cost notice applies only when the scope is too broad (too many resources or event types) and nothing else needs narrowing.");
    }
    await updateCaseAtVersion(tx, c.id, input.version, {});
    const notice = await tx.costNotice.create({ data: { caseId: c.id, estimate: input.estimate, recordedById: user.id }, select: { id: true } });
    await recordActivity(tx, { actor: actorOf(user), action: "costNotice.record", entityType: "CostNotice", entityId: notice.id, caseId: c.id, after: { estimate: input.estimate } });
    return { noticeId: notice.id };
  });
}
