import type { TimeHTMLAttributes } from "react";
import { formatDate, formatDateTime, formatTeamDateTime, toDate, type DateInput } from "@/lib/format/datetime";

/**
 * A timestamp as people read it (lib/format/datetime: "2026-12-05 14:30 UTC", or with the team's
 * local time when `timeZone` is given, or the date alone) inside `<time dateTime>` holding the
 * full ISO instant for machines. A missing value renders `none` as plain text.
 */
export function Time({
  value,
  timeZone,
  dateOnly = false,
  none = "—",
  ...rest
}: {
  value: DateInput | null | undefined;
  /** The team's IANA zone, for times on its update cadence. */
  timeZone?: string | null;
  dateOnly?: boolean;
  none?: string;
} & Omit<TimeHTMLAttributes<HTMLTimeElement>, "dateTime" | "children">) {
  const d = toDate(value);
  if (!d) return <>{none}</>;
  const text = dateOnly ? formatDate(d) : timeZone ? formatTeamDateTime(d, timeZone) : formatDateTime(d);
  return (
    <time dateTime={dateOnly ? formatDate(d) : d.toISOString()} {...rest}>
      {text}
    </time>
  );
}
