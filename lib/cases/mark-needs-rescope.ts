import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { queueNotification } from "@/lib/outbox";
import { assertOwnQueue, lockVisibleCase } from "./access";
import { STALE_QUEUE, updateLoadedCase } from "./concurrency";
import { TRIAGE_CASE } from "./queues";
import { assertTransition, type CaseStatus } from "./lifecycle";
import type { TNeedsRescope, TriageResult } from "./triage-schemas";
import { now as clockNow } from "@/lib/clock";

/**
 * Step 6, triage (conditions: scope): the scope is too broad in ways the evaluation's numbers do
 * not show. The case goes back to its author (rescope, team cleared, out of SIRT's queue) with
 * the reason, kept on the case (rescopeReason, until the next evaluation) and written as an
 * internal note on the timeline and in the activity log; no CaseDecision, since nothing was
 * evaluated.
 */
export async function markNeedsRescope(user: SessionUser, input: TNeedsRescope): Promise<TriageResult> {
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, TRIAGE_CASE);
    assertOwnQueue(c, user, true);
    assertTransition(c.status as CaseStatus, "rescope", user.role);
    const now = clockNow();
    const version = await updateLoadedCase(
      tx,
      c,
      input.version,
      {
        status: "rescope",
        team: null,
        assigneeId: null,
        // As a re-scope decision does: the update clock stops until the narrowed scope is accepted again.
        acceptedAt: null,
        nextUpdateDue: null,
        rescopeReason: input.reason,
        rescopeAt: now,
        rescopeById: user.id,
      },
      STALE_QUEUE,
    );
    const body = `Needs re-scope: ${input.reason}`;
    const entry = await tx.timelineEntry.create({ data: { caseId: c.id, authorId: user.id, kind: "note", visibility: "internal", body, createdAt: now }, select: { id: true } });
    await recordActivity(tx, {
      actor: actorOf(user),
      action: "case.needsRescope",
      entityType: "Case",
      entityId: c.id,
      caseId: c.id,
      before: { status: c.status, team: c.team, assigneeId: c.assigneeId },
      after: { status: "rescope", team: null, assigneeId: null, reason: input.reason },
      meta: { entryId: entry.id },
    });
    const author = await tx.user.findUnique({ where: { id: c.authorId }, select: { email: true, active: true } });
    if (author?.active) {
      await queueNotification(tx, {
        kind: "case.needsRescope",
        to: author.email,
        caseId: c.id,
        subject: `${c.reference}: needs re-scope`,
        body: `SIRT sent ${c.reference} (${c.account.name}) back for a narrower scope.\nReason: ${input.reason}\nNarrow the scope with the customer and resubmit the case from its page in Logdesk.`,
      });
    }
    return { version };
  });
}
