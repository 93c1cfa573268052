import { Time } from "@/components/ui/time";
import type { DateInput } from "@/lib/format/datetime";

/**
 * A list cell's next customer update due: the time (UTC, with the team's local time when its
 * calendar is not on UTC) and, once it has passed, an "overdue" mark in words, not colour alone.
 */
export function NextUpdateDue({ value, timeZone }: { value: { due: DateInput; isOverdue: boolean } | null; timeZone?: string | null }) {
  if (!value) return <span className="text-slate-500">—</span>;
  return (
    <span className={`block min-w-40 ${value.isOverdue ? "text-red-800" : "text-slate-700"}`} data-testid="next-update-due" data-overdue={value.isOverdue || undefined}>
      <Time value={value.due} timeZone={timeZone} className="block" />
      {value.isOverdue ? <span className="mt-0.5 inline-block rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">overdue</span> : null}
    </span>
  );
}
