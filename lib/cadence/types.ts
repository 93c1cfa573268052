/** When the team works, in its own local time (contracts.md, section 3). */
export interface BusinessCalendar {
  /** IANA name, e.g. "Europe/Amsterdam": the team's local time. */
  timeZone: string;
  /** ISO weekdays the team works, 1 = Monday ... 7 = Sunday. */
  workdays: number[];
  /** Local dates "YYYY-MM-DD" on which the clock stops. */
  holidays: string[];
  /** "09:00" to "17:00" local ("24:00" allowed as end); absent = the whole day. */
  workingHours?: { start: string; end: string };
}

/** Monday to Friday, whole days, UTC, no holidays. Frozen: copy it to change it. */
export const DEFAULT_CALENDAR: BusinessCalendar = Object.freeze({
  timeZone: "UTC",
  workdays: Object.freeze([1, 2, 3, 4, 5]) as number[],
  holidays: Object.freeze([]) as unknown as string[],
});

/** Hours of business time between customer updates: "a 12-hour/business day cadence". */
export const DEFAULT_UPDATE_HOURS = 12;
