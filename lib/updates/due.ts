// When a case's next customer update is due, as the lists show it. Pure, so the queue, the case
// list and the Updates due board agree on which cases have a running clock.

/** Cases whose update clock runs: accepted onto a team and not yet shared or closed. */
export const OPEN_FOR_UPDATES = ["accepted", "in_progress", "artefacts_in_review", "approved"] as const;

export interface UpdateDue {
  due: Date;
  /** The due time has passed: the customer is owed an update. */
  isOverdue: boolean;
}

/** The next update due and whether it is overdue at `now`; null when the case's clock is not running. */
export function updateDueOf(c: { status: string; nextUpdateDue: Date | null }, now: Date): UpdateDue | null {
  if (!c.nextUpdateDue || !(OPEN_FOR_UPDATES as readonly string[]).includes(c.status)) return null;
  return { due: c.nextUpdateDue, isOverdue: c.nextUpdateDue.getTime() < now.getTime() };
}
