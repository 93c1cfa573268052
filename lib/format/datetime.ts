// The one way Logdesk writes an instant for people: UTC to the minute ("2026-12-05 14:30 UTC"),
// never seconds or milliseconds; where the update cadence runs on a team's calendar, the team's
// local time beside it. Pure and free of server-only imports, so client components use it too.
// Machine formats (API JSON, CSV, manifests, file names, dedupe keys, <time dateTime>) keep
// Date#toISOString() and do not come through here.
import { isKnownTimeZone, wallClockMs } from "@/lib/cadence/zoned-time";

export type DateInput = Date | string | number;
type Maybe = DateInput | null | undefined;

/** The instant as a Date, or null when missing or not a valid date. */
export function toDate(value: Maybe): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "YYYY-MM-DDTHH:MM" of a time on a UTC-like timeline (seconds and milliseconds dropped). */
const minuteOf = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/** "2026-12-05 14:30 UTC"; `none` for a missing or invalid value. */
export function formatDateTime(value: Maybe, none = "—"): string {
  const d = toDate(value);
  return d ? `${minuteOf(d.getTime()).replace("T", " ")} UTC` : none;
}

/** "2026-12-05" (the UTC date); `none` for a missing or invalid value. */
export function formatDate(value: Maybe, none = "—"): string {
  const d = toDate(value);
  return d ? minuteOf(d.getTime()).slice(0, 10) : none;
}

/**
 * For times on a team's update cadence (next update due, reminders): UTC with the team's local
 * time beside it, "2026-12-05 14:30 UTC (15:30 Europe/Berlin)", with the local date too when it
 * differs from the UTC one. A team on UTC, or a zone this runtime does not know, gets UTC alone.
 */
export function formatTeamDateTime(value: Maybe, timeZone: string | null | undefined, none = "—"): string {
  const d = toDate(value);
  if (!d) return none;
  const utc = formatDateTime(d);
  if (!timeZone || timeZone === "UTC" || timeZone === "Etc/UTC" || !isKnownTimeZone(timeZone)) return utc;
  const local = minuteOf(wallClockMs(d.getTime(), timeZone));
  const sameDay = local.slice(0, 10) === minuteOf(d.getTime()).slice(0, 10);
  return `${utc} (${sameDay ? local.slice(11) : local.replace("T", " ")} ${timeZone})`;
}

/** The value of a `datetime-local` input that takes UTC: "2026-12-05T14:30"; "" when missing. */
export function toUtcInputValue(value: Maybe): string {
  const d = toDate(value);
  return d ? minuteOf(d.getTime()) : "";
}

/** The value of a `date` input (UTC date): "2026-12-05"; "" when missing. */
export function toDateInputValue(value: Maybe): string {
  const d = toDate(value);
  return d ? minuteOf(d.getTime()).slice(0, 10) : "";
}
