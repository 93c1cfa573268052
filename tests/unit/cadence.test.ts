// The customer-update clock (contracts.md, section 3). Every expected instant is worked out by
// hand and written with its local offset; none comes from the code under test.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CALENDAR,
  businessMsBetween,
  nextUpdateDue,
  validateCalendar,
  type BusinessCalendar,
} from "@/lib/cadence";

const UTC_WEEK = DEFAULT_CALENDAR; // Monday-Friday, whole days, UTC
const AMS: BusinessCalendar = { timeZone: "Europe/Amsterdam", workdays: [1, 2, 3, 4, 5], holidays: [] };
const AMS_9_17: BusinessCalendar = { ...AMS, workingHours: { start: "09:00", end: "17:00" } };
const AMS_EVENINGS: BusinessCalendar = { ...AMS, workingHours: { start: "20:00", end: "24:00" } };
const CHRISTMAS = ["2025-12-25", "2025-12-26"]; // Thursday and Friday

type Row = [label: string, from: string, calendar: BusinessCalendar, hours: number, expected: string];

const due = (from: string, calendar: BusinessCalendar, hours?: number) =>
  nextUpdateDue(new Date(from), calendar, hours).toISOString();
const iso = (text: string) => new Date(text).toISOString();

describe("nextUpdateDue: weekends and relays", () => {
  it.each<Row>([
    ["Friday evening runs on into Monday", "2025-06-06T20:00:00Z", UTC_WEEK, 12, "2025-06-09T08:00:00Z"],
    ["Friday noon ends exactly at Friday's end", "2025-06-06T12:00:00Z", UTC_WEEK, 12, "2025-06-07T00:00:00Z"],
    ["a relay on Saturday starts Monday 00:00", "2025-06-07T10:00:00Z", UTC_WEEK, 12, "2025-06-09T12:00:00Z"],
    ["a relay a millisecond before Monday", "2025-06-08T23:59:59.999Z", UTC_WEEK, 12, "2025-06-09T12:00:00Z"],
    ["a relay at Monday 00:00 exactly", "2025-06-09T00:00:00Z", UTC_WEEK, 12, "2025-06-09T12:00:00Z"],
    ["inside a weekday", "2025-06-10T03:00:00Z", UTC_WEEK, 12, "2025-06-10T15:00:00Z"],
    ["over several weekdays", "2025-06-09T06:00:00Z", UTC_WEEK, 60, "2025-06-11T18:00:00Z"],
    ["48 hours from Friday 00:00 end with Monday", "2025-06-06T00:00:00Z", UTC_WEEK, 48, "2025-06-10T00:00:00Z"],
    ["Amsterdam Friday evening", "2025-06-06T20:00:00+02:00", AMS, 12, "2025-06-09T08:00:00+02:00"],
    ["Amsterdam relay on Saturday starts Monday 00:00 local", "2025-06-07T15:00:00+02:00", AMS, 12, "2025-06-09T12:00:00+02:00"],
    ["New York Sunday evening, already Monday in UTC, waits for Monday local", "2025-06-08T21:00:00-04:00", { ...AMS, timeZone: "America/New_York" }, 1, "2025-06-09T01:00:00-04:00"],
    ["Amsterdam Monday 00:30, still Sunday in UTC, counts at once", "2025-06-09T00:30:00+02:00", AMS, 1, "2025-06-09T01:30:00+02:00"],
    ["a Sunday-to-Thursday team skips Friday and Saturday", "2025-06-05T20:00:00Z", { ...UTC_WEEK, workdays: [7, 1, 2, 3, 4] }, 12, "2025-06-08T08:00:00Z"],
  ])("%s", (_label, from, calendar, hours, expected) => {
    expect(due(from, calendar, hours)).toBe(iso(expected));
  });

  it("defaults to 12 hours", () => {
    expect(due("2025-06-06T20:00:00Z", UTC_WEEK)).toBe(iso("2025-06-09T08:00:00Z"));
  });

  it("returns a new Date and leaves its inputs alone", () => {
    const from = new Date("2025-06-10T03:00:00Z");
    const calendar = structuredClone(AMS_9_17);
    const result = nextUpdateDue(from, calendar, 1);
    expect(result).not.toBe(from);
    expect(from.toISOString()).toBe("2025-06-10T03:00:00.000Z");
    expect(calendar).toEqual(AMS_9_17);
  });
});

describe("nextUpdateDue: holidays", () => {
  it.each<Row>([
    ["consecutive holidays, then the weekend", "2025-12-24T18:00:00+01:00", { ...AMS, holidays: CHRISTMAS }, 12, "2025-12-29T06:00:00+01:00"],
    ["a from on a holiday waits for the next workday", "2025-12-25T10:00:00+01:00", { ...AMS, holidays: CHRISTMAS }, 12, "2025-12-29T12:00:00+01:00"],
    ["a holiday on the Monday after a weekend", "2025-04-18T20:00:00+02:00", { ...AMS, holidays: ["2025-04-21"] }, 12, "2025-04-22T08:00:00+02:00"],
    ["holidays on the Friday and the Monday around a weekend", "2025-04-17T22:00:00+02:00", { ...AMS, holidays: ["2025-04-18", "2025-04-21"] }, 12, "2025-04-22T10:00:00+02:00"],
    ["Thursday, Friday and Monday off", "2025-12-24T20:00:00+01:00", { ...AMS, holidays: [...CHRISTMAS, "2025-12-29"] }, 12, "2025-12-30T08:00:00+01:00"],
    ["a holiday on a Saturday changes nothing", "2025-06-06T20:00:00+02:00", { ...AMS, holidays: ["2025-06-07"] }, 12, "2025-06-09T08:00:00+02:00"],
    ["a holiday is a local date, not a UTC one", "2025-06-06T23:30:00+02:00", { ...AMS, holidays: ["2025-06-09"] }, 1, "2025-06-10T00:30:00+02:00"],
    ["holidays with working hours", "2025-12-24T15:00:00+01:00", { ...AMS_9_17, holidays: CHRISTMAS }, 4, "2025-12-29T11:00:00+01:00"],
    ["a holiday in another year changes nothing", "2025-06-06T20:00:00+02:00", { ...AMS, holidays: ["2024-06-09", "2026-06-08"] }, 12, "2025-06-09T08:00:00+02:00"],
  ])("%s", (_label, from, calendar, hours, expected) => {
    expect(due(from, calendar, hours)).toBe(iso(expected));
  });
});

describe("nextUpdateDue: working hours 09:00-17:00 Amsterdam", () => {
  it.each<Row>([
    ["from before the start", "2025-06-09T07:00:00+02:00", AMS_9_17, 4, "2025-06-09T13:00:00+02:00"],
    ["from inside", "2025-06-09T15:00:00+02:00", AMS_9_17, 12, "2025-06-11T11:00:00+02:00"],
    ["from after the end", "2025-06-09T18:00:00+02:00", AMS_9_17, 12, "2025-06-11T13:00:00+02:00"],
    ["from after Friday's end", "2025-06-06T17:30:00+02:00", AMS_9_17, 12, "2025-06-10T13:00:00+02:00"],
    ["from at the start", "2025-06-09T09:00:00+02:00", AMS_9_17, 1, "2025-06-09T10:00:00+02:00"],
    ["from at the end", "2025-06-09T17:00:00+02:00", AMS_9_17, 1, "2025-06-10T10:00:00+02:00"],
    ["from at local midnight", "2025-06-10T00:00:00+02:00", AMS_9_17, 1, "2025-06-10T10:00:00+02:00"],
    ["from on Saturday", "2025-06-07T12:00:00+02:00", AMS_9_17, 12, "2025-06-10T13:00:00+02:00"],
    ["a whole day ends at 17:00, not next day 09:00", "2025-06-09T09:00:00+02:00", AMS_9_17, 8, "2025-06-09T17:00:00+02:00"],
    ["running out exactly at the end from midday", "2025-06-09T13:00:00+02:00", AMS_9_17, 4, "2025-06-09T17:00:00+02:00"],
    ["running out exactly at Friday's end", "2025-06-05T13:00:00+02:00", AMS_9_17, 12, "2025-06-06T17:00:00+02:00"],
    ["New York hours are New York local", "2025-06-09T16:00:00-04:00", { ...AMS_9_17, timeZone: "America/New_York" }, 2, "2025-06-10T10:00:00-04:00"],
  ])("%s", (_label, from, calendar, hours, expected) => {
    expect(due(from, calendar, hours)).toBe(iso(expected));
  });

  it.each([
    ["without working hours", AMS, "2025-06-10T03:00:00+02:00"],
    ["with working hours", AMS_9_17, "2025-06-11T11:00:00+02:00"],
    ["with 00:00-24:00 working hours, the same as none", { ...AMS, workingHours: { start: "00:00", end: "24:00" } }, "2025-06-10T03:00:00+02:00"],
  ])("12 hours from Monday 15:00 %s", (_label, calendar, expected) => {
    expect(due("2025-06-09T15:00:00+02:00", calendar, 12)).toBe(iso(expected));
  });
});

describe("nextUpdateDue: fractional hours", () => {
  it.each<Row>([
    ["one and a half hours", "2025-06-09T09:00:00+02:00", AMS_9_17, 1.5, "2025-06-09T10:30:00+02:00"],
    ["a quarter hour across the evening", "2025-06-09T16:50:00+02:00", AMS_9_17, 0.25, "2025-06-10T09:05:00+02:00"],
    ["360 ms split over two days", "2025-06-09T16:59:59.900+02:00", AMS_9_17, 0.0001, "2025-06-10T09:00:00.260+02:00"],
    ["2.75 hours across the weekend", "2025-06-06T16:00:00+02:00", AMS_9_17, 2.75, "2025-06-09T10:45:00+02:00"],
    ["a third of an hour", "2025-06-09T09:00:00+02:00", AMS_9_17, 1 / 3, "2025-06-09T09:20:00+02:00"],
    ["1.25 hours across a whole-day weekend", "2025-06-06T23:00:00Z", UTC_WEEK, 1.25, "2025-06-09T00:15:00Z"],
    ["3.6 seconds from an instant with milliseconds", "2025-06-10T10:00:00.123Z", UTC_WEEK, 0.001, "2025-06-10T10:00:03.723Z"],
  ])("%s", (_label, from, calendar, hours, expected) => {
    expect(due(from, calendar, hours)).toBe(iso(expected));
  });
});

describe("nextUpdateDue: working hours ending at 24:00", () => {
  it.each<Row>([
    ["into the next evening", "2025-06-09T22:00:00+02:00", AMS_EVENINGS, 4, "2025-06-10T22:00:00+02:00"],
    ["running out exactly at 24:00", "2025-06-09T21:00:00+02:00", AMS_EVENINGS, 3, "2025-06-10T00:00:00+02:00"],
    ["Friday evening, running out at Monday 24:00", "2025-06-06T22:00:00+02:00", AMS_EVENINGS, 6, "2025-06-10T00:00:00+02:00"],
    ["from after midnight waits for the evening", "2025-06-10T00:30:00+02:00", AMS_EVENINGS, 1, "2025-06-10T21:00:00+02:00"],
  ])("%s", (_label, from, calendar, hours, expected) => {
    expect(due(from, calendar, hours)).toBe(iso(expected));
  });
});

describe("nextUpdateDue: refusals", () => {
  const from = new Date("2025-06-09T10:00:00Z");
  it.each<[string, BusinessCalendar, number, Date?]>([
    ["an unknown time zone", { ...AMS, timeZone: "Mars/Olympus_Mons" }, 12],
    ["an empty time zone", { ...AMS, timeZone: "" }, 12],
    ["zero hours", AMS, 0],
    ["negative hours", AMS, -1],
    ["NaN hours", AMS, Number.NaN],
    ["infinite hours", AMS, Number.POSITIVE_INFINITY],
    ["an end before the start", { ...AMS, workingHours: { start: "17:00", end: "09:00" } }, 12],
    ["an end equal to the start", { ...AMS, workingHours: { start: "09:00", end: "09:00" } }, 12],
    ["a start of 24:00", { ...AMS, workingHours: { start: "24:00", end: "24:00" } }, 12],
    ["a malformed time", { ...AMS, workingHours: { start: "9am", end: "17:00" } }, 12],
    ["no workdays at all", { ...AMS, workdays: [] }, 12],
    ["weekday 0", { ...AMS, workdays: [0, 1] }, 12],
    ["weekday 8", { ...AMS, workdays: [8] }, 12],
    ["a holiday that is not a date", { ...AMS, holidays: ["2025-12-32"] }, 12],
    ["a holiday in another format", { ...AMS, holidays: ["25-12-2025"] }, 12],
    ["an invalid from", AMS, 12, new Date("not a date")],
  ])("throws a RangeError for %s", (_label, calendar, hours, start = from) => {
    expect(() => nextUpdateDue(start, calendar, hours)).toThrow(RangeError);
  });

  it("stops at once on a calendar with no workdays instead of looping", () => {
    const started = Date.now();
    expect(() => nextUpdateDue(from, { ...UTC_WEEK, workdays: [] }, 1)).toThrow(/no workdays/i);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("validateCalendar", () => {
  it.each<[string, BusinessCalendar]>([
    ["the default calendar", DEFAULT_CALENDAR],
    ["Amsterdam office hours with holidays", { ...AMS_9_17, holidays: CHRISTMAS }],
    ["an evening shift ending at 24:00", AMS_EVENINGS],
    ["every day of the week", { timeZone: "America/New_York", workdays: [1, 2, 3, 4, 5, 6, 7], holidays: ["2024-02-29"] }],
  ])("finds nothing wrong with %s", (_label, calendar) => {
    expect(validateCalendar(calendar)).toEqual([]);
  });

  it.each<[string, BusinessCalendar, RegExp]>([
    ["an unknown time zone", { ...AMS, timeZone: "Europe/Atlantis" }, /"Europe\/Atlantis" is not a known time zone/],
    ["a missing time zone", { ...AMS, timeZone: "" }, /time zone is missing/],
    ["weekday 0", { ...AMS, workdays: [0] }, /0 is not a weekday number/],
    ["weekday 1.5", { ...AMS, workdays: [1.5, 2] }, /1\.5 is not a weekday number/],
    ["no workdays", { ...AMS, workdays: [] }, /No workdays/],
    ["30 February", { ...AMS, holidays: ["2025-02-30"] }, /"2025-02-30" is not a real date/],
    ["29 February outside a leap year", { ...AMS, holidays: ["2025-02-29"] }, /"2025-02-29" is not a real date/],
    ["a date with a time", { ...AMS, holidays: ["2025-12-25T00:00"] }, /YYYY-MM-DD/],
    ["an hour without a leading zero", { ...AMS, workingHours: { start: "9:00", end: "17:00" } }, /start "9:00" is not a time/],
    ["an end of 24:30", { ...AMS, workingHours: { start: "09:00", end: "24:30" } }, /end "24:30" is not a time/],
    ["an end before the start", { ...AMS, workingHours: { start: "17:00", end: "09:00" } }, /end \(09:00\) must be later than their start \(17:00\)/],
  ])("names %s", (_label, calendar, problem) => {
    const problems = validateCalendar(calendar);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it("lists every problem at once", () => {
    const problems = validateCalendar({
      timeZone: "Nowhere/Town",
      workdays: [0, 9],
      holidays: ["tomorrow"],
      workingHours: { start: "18:00", end: "08:00" },
    });
    expect(problems).toHaveLength(5);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["an empty object", {}],
    ["strings where lists belong", { timeZone: "UTC", workdays: "1-5", holidays: "none" }],
  ])("does not throw for %s", (_label, input) => {
    expect(validateCalendar(input as BusinessCalendar).length).toBeGreaterThan(0);
  });
});

describe("DEFAULT_CALENDAR", () => {
  it("is Monday-Friday, whole days, UTC, no holidays, and cannot be changed by accident", () => {
    expect(DEFAULT_CALENDAR).toEqual({ timeZone: "UTC", workdays: [1, 2, 3, 4, 5], holidays: [] });
    expect(Object.isFrozen(DEFAULT_CALENDAR)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CALENDAR.workdays)).toBe(true);
  });
});

describe("businessMsBetween", () => {
  const HOUR = 3_600_000;
  it.each<[string, string, string, BusinessCalendar, number]>([
    ["over a UTC weekend", "2025-06-06T20:00:00Z", "2025-06-09T12:00:00Z", UTC_WEEK, 16 * HOUR],
    ["backwards is negative", "2025-06-09T12:00:00Z", "2025-06-06T20:00:00Z", UTC_WEEK, -16 * HOUR],
    ["the same instant", "2025-06-09T12:00:00Z", "2025-06-09T12:00:00Z", UTC_WEEK, 0],
    ["inside a weekend", "2025-06-07T10:00:00Z", "2025-06-08T10:00:00Z", UTC_WEEK, 0],
    ["one millisecond", "2025-06-10T10:00:00.000Z", "2025-06-10T10:00:00.001Z", UTC_WEEK, 1],
    ["office hours over three days", "2025-06-09T08:00:00+02:00", "2025-06-11T10:00:00+02:00", AMS_9_17, 17 * HOUR],
    ["over Christmas", "2025-12-24T18:00:00+01:00", "2025-12-29T06:00:00+01:00", { ...AMS, holidays: CHRISTMAS }, 12 * HOUR],
    ["the short Sunday in Amsterdam", "2025-03-30T00:00:00+01:00", "2025-03-31T00:00:00+02:00", { ...AMS, workdays: [7] }, 23 * HOUR],
    ["the long Sunday in Amsterdam", "2025-10-26T00:00:00+02:00", "2025-10-27T00:00:00+01:00", { ...AMS, workdays: [7] }, 25 * HOUR],
  ])("%s", (_label, from, to, calendar, expected) => {
    expect(businessMsBetween(new Date(from), new Date(to), calendar)).toBe(expected);
  });

  it.each<[string, BusinessCalendar, number]>([
    ["2025-06-06T20:00:00Z", UTC_WEEK, 12],
    ["2025-06-09T18:00:00+02:00", AMS_9_17, 12],
    ["2025-12-24T15:00:00+01:00", { ...AMS_9_17, holidays: CHRISTMAS }, 4],
    ["2025-03-28T20:00:00+01:00", AMS, 30.5],
    ["2025-10-24T16:00:00+02:00", { ...AMS_9_17, timeZone: "America/New_York" }, 7.25],
  ])("measures exactly the hours nextUpdateDue counted from %s", (from, calendar, hours) => {
    const start = new Date(from);
    expect(businessMsBetween(start, nextUpdateDue(start, calendar, hours), calendar)).toBe(hours * HOUR);
  });

  it("throws a RangeError for an unusable calendar", () => {
    expect(() => businessMsBetween(new Date(0), new Date(1), { ...AMS, timeZone: "Nope/Nope" })).toThrow(RangeError);
  });
});
