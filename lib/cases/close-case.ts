import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { lockVisibleCase } from "./access";
import { closingFactsOf, mayClose, duplicateTargetProblem, RESOLUTION_LABELS, type DuplicateTarget, type Resolution } from "./closing-rules";
import type { TCloseCase } from "./closing-schemas";
import { updateLoadedCase } from "./concurrency";
import { assertTransition, type CaseStatus } from "./lifecycle";
import { visibleCasesWhere } from "./visibility";
import { now as clockNow } from "@/lib/clock";

/** What the close needs of the case, read under its lock. */
const CLOSING_CASE = {
  select: {
    id: true,
    reference: true,
    status: true,
    version: true,
    team: true,
    logDiveDone: true,
    gapRecord: { select: { id: true } },
    exceptions: { select: { status: true } },
    referrals: { select: { status: true } },
  },
} as const;

interface CloseAct {
  resolution: Resolution;
  note: string;
  duplicateOfId?: string | null;
  /** The status a reopen returns to, when not the one the case closes from (Legal's refusal: ineligible). */
  returnsTo?: CaseStatus;
  isRefusingException?: boolean;
}

/**
 * Closes a case already locked by the caller's transaction at `version` (the close form, and
 * Legal's refusal of a plan exception): the closing rules and the transition table, then the
 * resolution, the note, who and when, and the status a reopen returns to; an internal timeline
 * note and the activity log, in the same transaction.
 */
export async function closeLockedCase(tx: Tx, user: SessionUser, caseId: string, version: number, act: CloseAct): Promise<number> {
  const c = await tx.case.findUniqueOrThrow({ where: { id: caseId }, ...CLOSING_CASE });
  const check = mayClose(act.resolution, { ...closingFactsOf(c, user.role), isRefusingException: act.isRefusingException });
  if (!check.ok) throw new AppError("INVALID_STATE", check.reason);
  assertTransition(c.status as CaseStatus, "closed", user.role);
  const now = clockNow();
  const statusBeforeClose = act.returnsTo ?? (c.status as CaseStatus);
  const next = await updateLoadedCase(tx, c, version, {
    status: "closed",
    resolution: act.resolution,
    closeReason: act.note,
    closedAt: now,
    closedById: user.id,
    statusBeforeClose,
    duplicateOfId: act.duplicateOfId ?? null,
  });
  const label = RESOLUTION_LABELS[act.resolution];
  const body = `Closed: ${label.toLowerCase()}.\n\n${act.note}`;
  const entry = await tx.timelineEntry.create({ data: { caseId: c.id, authorId: user.id, kind: "note", visibility: "internal", body, createdAt: now }, select: { id: true } });
  // Last in the transaction: the chain's lock is held only to commit (lib/audit/index.ts).
  await recordActivity(tx, {
    actor: actorOf(user),
    action: "case.close",
    entityType: "Case",
    entityId: c.id,
    caseId: c.id,
    before: { status: c.status },
    after: { status: "closed", resolution: act.resolution, note: act.note, statusBeforeClose, duplicateOfId: act.duplicateOfId ?? null },
    meta: { entryId: entry.id },
  });
  return next;
}

/** The case `reference` as the user may see it, with its own duplicate chain (bounded), for the duplicate link. */
async function findDuplicateTarget(tx: Tx, user: SessionUser, reference: string): Promise<DuplicateTarget | null> {
  const target = await tx.case.findFirst({ where: { AND: [{ reference }, visibleCasesWhere(user)] }, select: { id: true, reference: true, status: true, duplicateOfId: true } });
  if (!target) return null;
  const chain: string[] = [];
  let next = target.duplicateOfId;
  for (let hops = 0; next && hops < 50 && !chain.includes(next); hops++) {
    chain.push(next);
    next = (await tx.case.findUnique({ where: { id: next }, select: { duplicateOfId: true } }))?.duplicateOfId ?? null;
  }
  return { id: target.id, reference: target.reference, status: target.status as CaseStatus, chain };
}

/**
 * Closes a case with a resolution and a note (DESIGN "Closing"): found through the case guard
 * (a case the user may not see is not found; a closed one is refused), at the version the user
 * loaded. A duplicate names another case the user may see; any other case is "no case that you
 * can see", whether it exists or not.
 */
export async function closeCase(user: SessionUser, input: TCloseCase): Promise<{ version: number }> {
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, { select: { id: true } });
    let duplicateOfId: string | null = null;
    if (input.resolution === "duplicate") {
      const reference = input.duplicateOf!;
      const target = await findDuplicateTarget(tx, user, reference);
      const problem = duplicateTargetProblem(c.id, reference, target);
      if (problem) throw new AppError("VALIDATION", problem, { duplicateOf: [problem] });
      duplicateOfId = target!.id;
    }
    const version = await closeLockedCase(tx, user, c.id, input.version, { resolution: input.resolution, note: input.note, duplicateOfId });
    return { version };
  });
}
