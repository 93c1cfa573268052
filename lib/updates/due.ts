// When a case's next customer update is due, as the lists show it. Pure, so the queue, the case
// list and the Updates due board agree on which cases have a running clock.

import { formatDate } from "@/lib/format/datetime";

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

export interface DueDay {
  /** YYYY-MM-DD (UTC). */
  day: string;
  count: number;
  /** More than `count` fall due that day: the read stopped at DUE_CHART_READ within or before it. */
  atLeast: boolean;
}

/** Due times (ascending) counted per UTC day from `start`; with `truncated`, the day of the last one and those after are lower bounds. */
export function countPerDay(dues: Date[], start: Date, days: number, truncated: boolean): DueDay[] {
  const perDay: DueDay[] = Array.from({ length: days }, (_, i) => ({ day: formatDate(start.getTime() + i * 86_400_000), count: 0, atLeast: false }));
  const dayOf = (d: Date) => Math.floor((d.getTime() - start.getTime()) / 86_400_000);
  for (const d of dues) {
    const i = dayOf(d);
    if (perDay[i]) perDay[i].count++;
  }
  if (truncated) {
    const from = dues.length ? Math.max(0, dayOf(dues[dues.length - 1]!)) : 0;
    for (let i = from; i < days; i++) perDay[i]!.atLeast = true;
  }
  return perDay;
}
