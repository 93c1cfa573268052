// The customer-update clock (contracts.md, section 3): process step 7 promises a status update
// "on a 12-hour/business day best-effort cadence", so the clock only runs in the team's business
// time. Pure: the time zone comes from the calendar, never from the machine; safe in the browser.
import { isoWeekday, parseCivil } from "./civil-date";
import { DEFAULT_UPDATE_HOURS, type BusinessCalendar } from "./types";
import { parseClock, validateCalendar } from "./validate";
import { instantAtLocal, localDayAt } from "./zoned-time";

export type { BusinessCalendar } from "./types";
export { DEFAULT_CALENDAR, DEFAULT_UPDATE_HOURS } from "./types";
export { validateCalendar } from "./validate";

const HOUR_MS = 60 * 60 * 1000;

/** A calendar checked once and turned into lookups; business periods come from `periodOf`. */
interface ResolvedCalendar {
  timeZone: string;
  workdays: Set<number>;
  holidays: Set<number>; // local day numbers
  startMinutes: number;
  endMinutes: number;
}

function resolveCalendar(calendar: BusinessCalendar): ResolvedCalendar {
  const problems = validateCalendar(calendar);
  if (problems.length > 0) throw new RangeError(`Unusable business calendar: ${problems.join(" ")}`);
  const { workingHours } = calendar;
  return {
    timeZone: calendar.timeZone,
    workdays: new Set(calendar.workdays),
    holidays: new Set(calendar.holidays.map((holiday) => parseCivil(holiday) as number)),
    startMinutes: workingHours ? (parseClock(workingHours.start, false) as number) : 0,
    endMinutes: workingHours ? (parseClock(workingHours.end, true) as number) : 24 * 60,
  };
}

/**
 * The business time of local day `day` as real instants [start, end), or null on a day off.
 * Without working hours that is local midnight to the next local midnight: 23, 24 or 25 hours.
 */
function periodOf(day: number, calendar: ResolvedCalendar): [number, number] | null {
  if (!calendar.workdays.has(isoWeekday(day)) || calendar.holidays.has(day)) return null;
  return [
    instantAtLocal(day, calendar.startMinutes, calendar.timeZone),
    instantAtLocal(day, calendar.endMinutes, calendar.timeZone),
  ];
}

function toTime(date: Date, name: string): number {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(time)) throw new RangeError(`${name} is not a valid date.`);
  return time;
}

/**
 * When the next customer update is due: the first instant at which `hours` of business time
 * have passed since `from` (a period's end when they run out exactly there). Outside business
 * time the clock starts at the next business moment. Throws a RangeError for an unusable
 * calendar (unknown time zone, no workdays, bad weekday, holiday or working hours) or
 * hours <= 0. Walks day by day, so the cost grows with the number of calendar days covered.
 */
export function nextUpdateDue(from: Date, calendar: BusinessCalendar, hours: number = DEFAULT_UPDATE_HOURS): Date {
  const resolved = resolveCalendar(calendar);
  if (typeof hours !== "number" || !Number.isFinite(hours) || hours <= 0) {
    throw new RangeError(`The hours until the next update must be a number above 0, not ${String(hours)}.`);
  }
  const start = toTime(from, "from");
  // Exact to the millisecond; a positive amount below half a millisecond still takes one.
  let remaining = Math.max(1, Math.round(hours * HOUR_MS));

  // A run of days without business time longer than this cannot happen in a usable calendar:
  // at most every holiday, six days off a week and a DST day with an empty period. Guards the
  // loop against a calendar whose workdays all fall in a time zone's skipped days.
  const idleLimit = resolved.holidays.size + 16;
  let idleDays = 0;
  for (let day = localDayAt(start, resolved.timeZone) - 1; ; day++) {
    const period = periodOf(day, resolved);
    const begin = period ? Math.max(period[0], start) : 0;
    if (!period || period[1] <= begin) {
      if (++idleDays > idleLimit) throw new RangeError("The business calendar has no business time.");
      continue;
    }
    idleDays = 0;
    const available = period[1] - begin;
    if (remaining <= available) return new Date(begin + remaining);
    remaining -= available;
  }
}

/**
 * Business time in milliseconds between two instants, for "overdue by" displays; negative
 * when `to` is before `from`. Throws a RangeError like nextUpdateDue.
 */
export function businessMsBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  const resolved = resolveCalendar(calendar);
  const a = toTime(from, "from");
  const b = toTime(to, "to");
  if (b < a) return -businessMsBetween(to, from, calendar);
  // One extra day either side covers a fall-back change across midnight, where an instant's
  // local date can trail a period that has already begun.
  const lastDay = localDayAt(b, resolved.timeZone) + 1;
  let total = 0;
  for (let day = localDayAt(a, resolved.timeZone) - 1; day <= lastDay; day++) {
    const period = periodOf(day, resolved);
    if (period) total += Math.max(0, Math.min(period[1], b) - Math.max(period[0], a));
  }
  return total;
}
