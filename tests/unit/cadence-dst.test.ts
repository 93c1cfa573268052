// The customer-update clock across daylight-saving changes and odd time zones. Expected instants
// are worked out by hand from the zones' rules and written with their local offsets:
// - Europe/Amsterdam 2025: 30 March 02:00 CET -> 03:00 CEST (01:00Z), 26 October 03:00 CEST ->
//   02:00 CET (01:00Z); both Sundays.
// - America/New_York 2025: 9 March 02:00 EST -> 03:00 EDT (07:00Z), 2 November 02:00 EDT ->
//   01:00 EST (06:00Z); both Sundays.
import { afterEach, describe, expect, it } from "vitest";
import { nextUpdateDue, type BusinessCalendar } from "@/lib/cadence";

const week = (timeZone: string, workingHours?: BusinessCalendar["workingHours"]): BusinessCalendar => ({
  timeZone,
  workdays: [1, 2, 3, 4, 5],
  holidays: [],
  ...(workingHours ? { workingHours } : {}),
});
const sundays = (timeZone: string, workingHours?: BusinessCalendar["workingHours"]): BusinessCalendar => ({
  ...week(timeZone, workingHours),
  workdays: [7],
});
const OFFICE = { start: "09:00", end: "17:00" };

type Row = [label: string, from: string, calendar: BusinessCalendar, hours: number, expected: string];

const check = (from: string, calendar: BusinessCalendar, hours: number, expected: string) =>
  expect(nextUpdateDue(new Date(from), calendar, hours).toISOString()).toBe(new Date(expected).toISOString());

describe("Europe/Amsterdam, whole days", () => {
  const AMS = "Europe/Amsterdam";
  it.each<Row>([
    ["spring weekend: Friday evening to Monday", "2025-03-28T20:00:00+01:00", week(AMS), 12, "2025-03-31T08:00:00+02:00"],
    ["autumn weekend: Friday evening to Monday", "2025-10-24T20:00:00+02:00", week(AMS), 12, "2025-10-27T08:00:00+01:00"],
    ["the spring Sunday has 23 hours", "2025-03-30T00:00:00+01:00", sundays(AMS), 23, "2025-03-31T00:00:00+02:00"],
    ["a 24th hour falls on the next Sunday", "2025-03-30T00:00:00+01:00", sundays(AMS), 24, "2025-04-06T01:00:00+02:00"],
    ["one real hour across the gap", "2025-03-30T01:30:00+01:00", sundays(AMS), 1, "2025-03-30T03:30:00+02:00"],
    ["the autumn Sunday has 25 hours", "2025-10-26T00:00:00+02:00", sundays(AMS), 25, "2025-10-27T00:00:00+01:00"],
    ["24 hours end an hour before the autumn Sunday's end", "2025-10-26T00:00:00+02:00", sundays(AMS), 24, "2025-10-26T23:00:00+01:00"],
    ["a 26th hour falls on the next Sunday", "2025-10-26T00:00:00+02:00", sundays(AMS), 26, "2025-11-02T01:00:00+01:00"],
    ["one real hour from the first 02:30 is the second 02:30", "2025-10-26T02:30:00+02:00", sundays(AMS), 1, "2025-10-26T02:30:00+01:00"],
    ["a relay on the spring Saturday starts at Sunday 00:00 CET", "2025-03-29T18:00:00+01:00", sundays(AMS), 2, "2025-03-30T03:00:00+02:00"],
  ])("%s", (_label, from, calendar, hours, expected) => check(from, calendar, hours, expected));
});

describe("Europe/Amsterdam, working hours", () => {
  const AMS = "Europe/Amsterdam";
  it.each<Row>([
    ["09:00-17:00 across the spring weekend", "2025-03-28T16:00:00+01:00", week(AMS, OFFICE), 4, "2025-03-31T12:00:00+02:00"],
    ["09:00-17:00 across the autumn weekend", "2025-10-24T16:00:00+02:00", week(AMS, OFFICE), 4, "2025-10-27T12:00:00+01:00"],
    ["00:00-12:00 on the spring Sunday is 11 real hours", "2025-03-30T00:00:00+01:00", sundays(AMS, { start: "00:00", end: "12:00" }), 11, "2025-03-30T12:00:00+02:00"],
    ["00:00-12:00 on the autumn Sunday is 13 real hours", "2025-10-26T00:00:00+02:00", sundays(AMS, { start: "00:00", end: "12:00" }), 13, "2025-10-26T12:00:00+01:00"],
    ["a start of 02:30 in the gap means 03:00 CEST", "2025-03-29T12:00:00+01:00", sundays(AMS, { start: "02:30", end: "04:00" }), 0.5, "2025-03-30T03:30:00+02:00"],
    ["02:30-04:00 on the spring Sunday is one real hour", "2025-03-29T12:00:00+01:00", sundays(AMS, { start: "02:30", end: "04:00" }), 1, "2025-03-30T04:00:00+02:00"],
    ["the rest goes to the next Sunday's full 90 minutes", "2025-03-29T12:00:00+01:00", sundays(AMS, { start: "02:30", end: "04:00" }), 1.5, "2025-04-06T03:00:00+02:00"],
    ["02:30-03:30 on the autumn Sunday is two real hours", "2025-10-25T12:00:00+02:00", sundays(AMS, { start: "02:30", end: "03:30" }), 2, "2025-10-26T03:30:00+01:00"],
    ["its first hour ends at the second 02:30", "2025-10-25T12:00:00+02:00", sundays(AMS, { start: "02:30", end: "03:30" }), 1, "2025-10-26T02:30:00+01:00"],
  ])("%s", (_label, from, calendar, hours, expected) => check(from, calendar, hours, expected));
});

describe("America/New_York, whole days", () => {
  const NY = "America/New_York";
  it.each<Row>([
    ["spring weekend: Friday evening to Monday", "2025-03-07T20:00:00-05:00", week(NY), 12, "2025-03-10T08:00:00-04:00"],
    ["autumn weekend: Friday evening to Monday", "2025-10-31T20:00:00-04:00", week(NY), 12, "2025-11-03T08:00:00-05:00"],
    ["the spring Sunday has 23 hours", "2025-03-09T00:00:00-05:00", sundays(NY), 23, "2025-03-10T00:00:00-04:00"],
    ["two real hours from midnight end at 03:00 EDT", "2025-03-09T00:00:00-05:00", sundays(NY), 2, "2025-03-09T03:00:00-04:00"],
    ["one real hour across the gap", "2025-03-09T01:30:00-05:00", sundays(NY), 1, "2025-03-09T03:30:00-04:00"],
    ["the autumn Sunday has 25 hours", "2025-11-02T00:00:00-04:00", sundays(NY), 25, "2025-11-03T00:00:00-05:00"],
    ["two real hours from midnight end at 01:00 EST", "2025-11-02T00:00:00-04:00", sundays(NY), 2, "2025-11-02T01:00:00-05:00"],
    ["one real hour from the first 01:30 is the second 01:30", "2025-11-02T01:30:00-04:00", sundays(NY), 1, "2025-11-02T01:30:00-05:00"],
  ])("%s", (_label, from, calendar, hours, expected) => check(from, calendar, hours, expected));
});

describe("America/New_York, working hours", () => {
  const NY = "America/New_York";
  it.each<Row>([
    ["09:00-17:00 across the spring weekend", "2025-03-07T16:00:00-05:00", week(NY, OFFICE), 4, "2025-03-10T12:00:00-04:00"],
    ["09:00-17:00 across the autumn weekend", "2025-10-31T16:00:00-04:00", week(NY, OFFICE), 4, "2025-11-03T12:00:00-05:00"],
    ["00:00-12:00 on the spring Sunday is 11 real hours", "2025-03-09T00:00:00-05:00", sundays(NY, { start: "00:00", end: "12:00" }), 11, "2025-03-09T12:00:00-04:00"],
    ["a 12th hour falls on the next Sunday", "2025-03-09T00:00:00-05:00", sundays(NY, { start: "00:00", end: "12:00" }), 12, "2025-03-16T01:00:00-04:00"],
    ["00:00-12:00 on the autumn Sunday is 13 real hours", "2025-11-02T00:00:00-04:00", sundays(NY, { start: "00:00", end: "12:00" }), 13, "2025-11-02T12:00:00-05:00"],
    ["12 of them end at 11:00 EST", "2025-11-02T00:00:00-04:00", sundays(NY, { start: "00:00", end: "12:00" }), 12, "2025-11-02T11:00:00-05:00"],
    ["02:15-03:00 vanishes in the spring gap", "2025-03-08T12:00:00-05:00", sundays(NY, { start: "02:15", end: "03:00" }), 0.5, "2025-03-16T02:45:00-04:00"],
    ["01:00-02:00 on the autumn Sunday is two real hours", "2025-11-01T12:00:00-04:00", sundays(NY, { start: "01:00", end: "02:00" }), 2, "2025-11-02T02:00:00-05:00"],
    ["90 minutes of it end at the second 01:30", "2025-11-01T12:00:00-04:00", sundays(NY, { start: "01:00", end: "02:00" }), 1.5, "2025-11-02T01:30:00-05:00"],
  ])("%s", (_label, from, calendar, hours, expected) => check(from, calendar, hours, expected));
});

describe("odd time zones", () => {
  it.each<Row>([
    // Samoa skipped Friday 30 December 2011 (UTC-10 to UTC+14 at 10:00Z).
    ["a skipped local day holds no business time", "2011-12-29T12:00:00-10:00", { ...week("Pacific/Apia"), workdays: [5] }, 1, "2012-01-06T01:00:00+14:00"],
    // Lord Howe Island falls back half an hour: 6 April 2025 02:00 +11:00 -> 01:30 +10:30.
    ["a half-hour change makes a 24.5-hour day", "2025-04-06T00:00:00+11:00", sundays("Australia/Lord_Howe"), 24.5, "2025-04-07T00:00:00+10:30"],
    ["a half-hour offset zone", "2025-06-06T20:00:00+05:30", week("Asia/Kolkata"), 12, "2025-06-09T08:00:00+05:30"],
    ["a zone far east of UTC", "2025-06-06T20:00:00+14:00", week("Pacific/Kiritimati"), 12, "2025-06-09T08:00:00+14:00"],
  ])("%s", (_label, from, calendar, hours, expected) => check(from, calendar, hours, expected));
});

describe("the machine's own time zone", () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each([
    ["Pacific/Kiritimati", -840],
    ["America/Los_Angeles", 480],
    ["UTC", 0],
  ])("makes no difference when it is %s", (machineZone, januaryOffsetMinutes) => {
    process.env.TZ = machineZone;
    // The switch took effect: Date's local-time methods now use that zone.
    expect(new Date("2025-01-15T12:00:00Z").getTimezoneOffset()).toBe(januaryOffsetMinutes);
    check("2025-03-28T20:00:00+01:00", week("Europe/Amsterdam"), 12, "2025-03-31T08:00:00+02:00");
    check("2025-11-02T00:00:00-04:00", sundays("America/New_York", { start: "00:00", end: "12:00" }), 13, "2025-11-02T12:00:00-05:00");
  });
});
