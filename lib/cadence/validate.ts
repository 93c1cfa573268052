// Plain-words checks of a BusinessCalendar, for the Admin form and for nextUpdateDue's guard.
import { parseCivil } from "./civil-date";
import type { BusinessCalendar } from "./types";
import { isKnownTimeZone } from "./zoned-time";

/** Minutes after midnight of "HH:MM" (00:00-23:59, and 24:00 when `allowMidnightEnd`), or null. */
export function parseClock(text: unknown, allowMidnightEnd: boolean): number | null {
  if (typeof text !== "string") return null;
  if (text === "24:00") return allowMidnightEnd ? 1440 : null;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * Everything wrong with `calendar`, one plain sentence each; empty when it can be used. Never
 * throws, whatever shape the input has (it may come straight from a form).
 */
export function validateCalendar(calendar: BusinessCalendar): string[] {
  if (typeof calendar !== "object" || calendar === null) return ["No calendar was given."];
  const problems: string[] = [];
  const { timeZone, workdays, holidays, workingHours } = calendar as Partial<Record<keyof BusinessCalendar, unknown>>;

  if (!isKnownTimeZone(timeZone)) {
    problems.push(
      typeof timeZone === "string" && timeZone.trim() !== ""
        ? `"${timeZone}" is not a known time zone; use a name such as Europe/Amsterdam or America/New_York.`
        : "The time zone is missing; use a name such as Europe/Amsterdam or America/New_York.",
    );
  }

  if (!Array.isArray(workdays)) {
    problems.push("The workdays must be a list of weekday numbers, 1 (Monday) to 7 (Sunday).");
  } else {
    for (const day of workdays) {
      if (!Number.isInteger(day) || (day as number) < 1 || (day as number) > 7) {
        problems.push(`${JSON.stringify(day) ?? String(day)} is not a weekday number; use 1 (Monday) to 7 (Sunday).`);
      }
    }
    if (workdays.length === 0) problems.push("No workdays are set, so the update clock would never run.");
  }

  if (!Array.isArray(holidays)) {
    problems.push('The holidays must be a list of dates written as YYYY-MM-DD, e.g. "2025-12-25".');
  } else {
    for (const holiday of holidays) {
      if (typeof holiday !== "string" || parseCivil(holiday) === null) {
        problems.push(
          `${JSON.stringify(holiday) ?? String(holiday)} is not a real date written as YYYY-MM-DD, e.g. "2025-12-25".`,
        );
      }
    }
  }

  if (workingHours !== undefined) {
    if (typeof workingHours !== "object" || workingHours === null) {
      problems.push('The working hours need a start and an end, e.g. "09:00" to "17:00".');
    } else {
      const { start, end } = workingHours as { start?: unknown; end?: unknown };
      const startMinutes = parseClock(start, false);
      const endMinutes = parseClock(end, true);
      if (startMinutes === null) {
        problems.push(`The working hours start ${JSON.stringify(start) ?? "(missing)"} is not a time from 00:00 to 23:59.`);
      }
      if (endMinutes === null) {
        problems.push(`The working hours end ${JSON.stringify(end) ?? "(missing)"} is not a time from 00:00 to 24:00.`);
      }
      if (startMinutes !== null && endMinutes !== null && endMinutes <= startMinutes) {
        problems.push(`The working hours end (${end}) must be later than their start (${start}).`);
      }
    }
  }
  return problems;
}
