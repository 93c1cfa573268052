import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { queueNotification } from "@/lib/outbox";
import { assertOwnQueue, lockVisibleCase } from "./access";
import { STALE_QUEUE, updateLoadedCase } from "./concurrency";
import { TRIAGE_CASE } from "./queues";
import type { TAssignCase, TriageResult } from "./triage-schemas";

/**
 * Step 6, triage: assigns a case to a member of its team (or unassigns it with null). The
 * assignee must be an active SIRT member for a SIRT case, a Support agent for a Support case;
 * they are told through the outbox unless they took it themselves.
 */
export async function assignCase(user: SessionUser, input: TAssignCase): Promise<TriageResult> {
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, TRIAGE_CASE);
    assertOwnQueue(c, user);
    const assignee = input.assigneeId
      ? await tx.user.findFirst({ where: { id: input.assigneeId, role: c.team!, active: true }, select: { id: true, email: true, name: true } })
      : null;
    if (input.assigneeId && !assignee) {
      const team = c.team === "sirt" ? "SIRT" : "Support";
      throw new AppError("VALIDATION", `Assign the case to an active ${team} member.`, { assigneeId: [`Choose an active member of ${team}.`] });
    }
    const version = await updateLoadedCase(tx, c, input.version, { assigneeId: assignee?.id ?? null }, STALE_QUEUE);
    await recordActivity(tx, {
      actor: actorOf(user),
      action: assignee ? "case.assign" : "case.unassign",
      entityType: "Case",
      entityId: c.id,
      caseId: c.id,
      before: { assigneeId: c.assigneeId },
      after: { assigneeId: assignee?.id ?? null },
    });
    if (assignee && assignee.id !== user.id && assignee.id !== c.assigneeId) {
      await queueNotification(tx, {
        kind: "case.assigned",
        to: assignee.email,
        caseId: c.id,
        subject: `${c.reference}: assigned to you`,
        body: `${user.name} assigned ${c.reference} (${c.account.name}) to you.\nOpen it from your team's queue in Logdesk.`,
      });
    }
    return { version };
  });
}
