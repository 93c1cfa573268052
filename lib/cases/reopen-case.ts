import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError, forbidden } from "@/lib/errors";
import { lockVisibleCase } from "./access";
import { mayReopen, reopenedStatus } from "./closing-rules";
import type { TReopenCase } from "./closing-schemas";
import { updateLoadedCase } from "./concurrency";
import { assertTransition, label, type CaseStatus } from "./lifecycle";
import { now as clockNow } from "@/lib/clock";

/**
 * Reopens a closed case (DESIGN "Closing"): a recorded act with a reason, by the team the case
 * was routed to, or by its author or the account's CSM when it never was routed. The case returns
 * to the status it closed from; the resolution, who closed it and when, and the duplicate link are
 * cleared from the case, and kept in its timeline and activity log.
 */
export async function reopenCase(user: SessionUser, input: TReopenCase): Promise<{ version: number; status: CaseStatus }> {
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(
      tx,
      user,
      input.id,
      { select: { id: true, status: true, version: true, team: true, authorId: true, resolution: true, closeReason: true, closedAt: true, closedById: true, statusBeforeClose: true, duplicateOfId: true, account: { select: { managers: { where: { userId: user.id }, select: { userId: true } } } } } },
      { closed: true },
    );
    const check = mayReopen({ role: user.role, userId: user.id, status: c.status as CaseStatus, team: c.team, authorId: c.authorId, isAccountCsm: c.account.managers.length > 0 });
    if (!check.ok) throw c.status === "closed" ? forbidden(check.reason) : new AppError("INVALID_STATE", check.reason);
    const to = reopenedStatus({ statusBeforeClose: c.statusBeforeClose as CaseStatus | null, team: c.team });
    assertTransition("closed", to, user.role);
    const now = clockNow();
    const version = await updateLoadedCase(tx, c, input.version, { status: to, resolution: null, closedAt: null, closedById: null, duplicateOfId: null, statusBeforeClose: null, closeReason: null });
    const body = `Reopened (back to ${label(to)}).\n\n${input.reason}`;
    const entry = await tx.timelineEntry.create({ data: { caseId: c.id, authorId: user.id, kind: "note", visibility: "internal", body, createdAt: now }, select: { id: true } });
    // Last in the transaction: the chain's lock is held only to commit (lib/audit/index.ts).
    await recordActivity(tx, {
      actor: actorOf(user),
      action: "case.reopen",
      entityType: "Case",
      entityId: c.id,
      caseId: c.id,
      before: { status: "closed", resolution: c.resolution, note: c.closeReason, closedAt: c.closedAt, closedById: c.closedById, duplicateOfId: c.duplicateOfId },
      after: { status: to, reason: input.reason },
      meta: { entryId: entry.id },
    });
    return { version, status: to };
  });
}
