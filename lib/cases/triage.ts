import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db";
import { AppError, conflict, forbidden, notFound } from "@/lib/errors";
import { queueNotification } from "@/lib/outbox";
import { updateCaseAtVersion } from "./concurrency";
import { assertTransition, type CaseStatus } from "./lifecycle";
import type { TAssignCase, TNeedsRescope, TSetPriority } from "./triage-schemas";
import { visibleCasesWhere } from "./visibility";

/**
 * Triage of a team's queue (issue 4): who works a case, how urgent it is
 * (SIRT), and SIRT sending a case back to its author for a narrower scope.
 * Same shape as lib/cases/service.ts: re-read the case inside the
 * transaction, scoped to what the user may see; check the version the user
 * loaded; write the activity log (and any notification) in that transaction.
 */


const STALE = "This case was changed by someone else since you loaded the queue. Reload to see their changes and try again.";

/** The queue's working statuses: what triage may touch. */
const IN_QUEUE: CaseStatus[] = ["accepted", "in_progress"];

async function loadCase(tx: Tx, user: SessionUser, id: string) {
  const found = await tx.case.findFirst({
    where: { AND: [{ id }, visibleCasesWhere(user)] },
    select: { id: true, reference: true, status: true, team: true, version: true, assigneeId: true, priority: true, authorId: true, account: { select: { name: true } } },
  });
  if (!found) throw notFound("That case");
  return found;
}
type TriageCase = Awaited<ReturnType<typeof loadCase>>;

/**
 * Only the routed team triages its own queue. A Support agent may *see* a
 * SIRT case they opened (as its author), but may not triage it.
 */
function assertOwnQueue(c: TriageCase, user: SessionUser, sirtOnly = false) {
  if (sirtOnly && user.role !== "sirt") throw forbidden("Only SIRT triages its queue.");
  if (!c.team || c.team !== user.role) throw forbidden(`Only ${c.team === "sirt" ? "SIRT" : "the routed team"} can triage this case.`);
  if (!IN_QUEUE.includes(c.status as CaseStatus)) {
    throw new AppError("INVALID_STATE", `This case is ${c.status.replace(/_/g, " ")} and no longer in the queue.`);
  }
}

/** Writes `data` only if the case still has the version the user loaded; otherwise a clear conflict. */
async function updateAtVersion(tx: Tx, c: TriageCase, version: number, data: Prisma.CaseUncheckedUpdateManyInput) {
  if (c.version !== version) throw conflict(STALE);
  return updateCaseAtVersion(tx, c.id, version, data, STALE);
}

export interface TriageResult {
  version: number;
}

/**
 * Assigns a case to a member of its team (or unassigns it with null). The
 * assignee must be an active SIRT member for a SIRT case, a Support agent for
 * a Support case; they are told through the outbox unless they took it themselves.
 */
export async function assignCase(user: SessionUser, input: TAssignCase): Promise<TriageResult> {
  return db().$transaction(async (tx) => {
    const c = await loadCase(tx, user, input.id);
    assertOwnQueue(c, user);
    const assignee = input.assigneeId
      ? await tx.user.findFirst({ where: { id: input.assigneeId, role: c.team!, active: true }, select: { id: true, email: true, name: true } })
      : null;
    if (input.assigneeId && !assignee) {
      const team = c.team === "sirt" ? "SIRT" : "Support";
      throw new AppError("VALIDATION", `Assign the case to an active ${team} member.`, { assigneeId: [`Choose an active member of ${team}.`] });
    }
    const version = await updateAtVersion(tx, c, input.version, { assigneeId: assignee?.id ?? null });
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

/** SIRT sets a case's priority in triage: P1 (most urgent) to P4. */
export async function setPriority(user: SessionUser, input: TSetPriority): Promise<TriageResult> {
  if (!Number.isInteger(input.priority) || input.priority < 1 || input.priority > 4) {
    throw new AppError("VALIDATION", "Choose a priority from P1 to P4.", { priority: ["Choose a priority from P1 to P4."] });
  }
  return db().$transaction(async (tx) => {
    const c = await loadCase(tx, user, input.id);
    assertOwnQueue(c, user, true);
    const version = await updateAtVersion(tx, c, input.version, { priority: input.priority });
    await recordActivity(tx, {
      actor: actorOf(user),
      action: "case.setPriority",
      entityType: "Case",
      entityId: c.id,
      caseId: c.id,
      before: { priority: c.priority },
      after: { priority: input.priority },
    });
    return { version };
  });
}

/**
 * SIRT triage: the scope is too broad in ways the evaluation's numbers do
 * not show. The case goes back to its author (rescope, team cleared, out of
 * SIRT's queue) with the reason, written as an internal note on the timeline
 * and in the activity log; no CaseDecision, since nothing was evaluated.
 */
export async function markNeedsRescope(user: SessionUser, input: TNeedsRescope): Promise<TriageResult> {
  return db().$transaction(async (tx) => {
    const c = await loadCase(tx, user, input.id);
    assertOwnQueue(c, user, true);
    assertTransition(c.status as CaseStatus, "rescope", user.role);
    const version = await updateAtVersion(tx, c, input.version, {
      status: "rescope",
      team: null,
      assigneeId: null,
      // As a re-scope decision does: the update clock stops until the narrowed scope is accepted again.
      acceptedAt: null,
      nextUpdateDue: null,
    });
    const body = `Needs re-scope: ${input.reason}`;
    const entry = await tx.timelineEntry.create({ data: { caseId: c.id, authorId: user.id, kind: "note", visibility: "internal", body }, select: { id: true } });
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
