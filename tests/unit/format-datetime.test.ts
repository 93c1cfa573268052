import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Time } from "@/components/ui/time";
import { formatDate, formatDateTime, formatTeamDateTime, toDate, toDateInputValue, toUtcInputValue } from "@/lib/format/datetime";

const at = (iso: string) => new Date(iso);

describe("formatDateTime", () => {
  it.each([
    ["a Date with seconds and milliseconds", at("2026-12-05T14:30:59.999Z"), "2026-12-05 14:30 UTC"],
    ["an ISO string", "2026-12-05T14:30:00.000Z", "2026-12-05 14:30 UTC"],
    ["epoch milliseconds", Date.UTC(2026, 11, 5, 14, 30), "2026-12-05 14:30 UTC"],
    ["midnight", at("2027-01-01T00:00:00Z"), "2027-01-01 00:00 UTC"],
    ["null", null, "—"],
    ["undefined", undefined, "—"],
    ["an empty string", "", "—"],
    ["an invalid date", "not a date", "—"],
  ] as const)("%s", (_, value, expected) => {
    expect(formatDateTime(value)).toBe(expected);
  });

  it("takes another text for a missing value", () => {
    expect(formatDateTime(null, "never")).toBe("never");
  });

  it("never shows seconds or milliseconds", () => {
    for (let i = 0; i < 50; i++) {
      const text = formatDateTime(new Date(1_700_000_000_000 + i * 7_777_777));
      expect(text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    }
  });
});

describe("formatDate", () => {
  it.each([
    ["a UTC date", at("2026-12-05T23:59:59.999Z"), "2026-12-05"],
    ["a string", "2026-02-28T00:00:00Z", "2026-02-28"],
    ["null", null, "—"],
  ] as const)("%s", (_, value, expected) => {
    expect(formatDate(value)).toBe(expected);
  });
});

describe("formatTeamDateTime", () => {
  it.each([
    ["Berlin in winter (UTC+1)", "2026-12-05T14:30:12Z", "Europe/Berlin", "2026-12-05 14:30 UTC (15:30 Europe/Berlin)"],
    ["Berlin in summer (UTC+2)", "2026-07-01T08:00:00Z", "Europe/Berlin", "2026-07-01 08:00 UTC (10:00 Europe/Berlin)"],
    ["a local date after the UTC one", "2026-12-05T23:30:00Z", "Europe/Berlin", "2026-12-05 23:30 UTC (2026-12-06 00:30 Europe/Berlin)"],
    ["a local date before the UTC one", "2026-12-05T02:00:00Z", "America/New_York", "2026-12-05 02:00 UTC (2026-12-04 21:00 America/New_York)"],
    ["a half-hour offset", "2026-12-05T14:30:00Z", "Asia/Kolkata", "2026-12-05 14:30 UTC (20:00 Asia/Kolkata)"],
    ["the day of a DST change", "2026-03-29T01:30:00Z", "Europe/Berlin", "2026-03-29 01:30 UTC (03:30 Europe/Berlin)"],
    ["a team on UTC", "2026-12-05T14:30:00Z", "UTC", "2026-12-05 14:30 UTC"],
    ["no zone", "2026-12-05T14:30:00Z", null, "2026-12-05 14:30 UTC"],
    ["a zone the runtime does not know", "2026-12-05T14:30:00Z", "Mars/Olympus", "2026-12-05 14:30 UTC"],
  ] as const)("%s", (_, value, zone, expected) => {
    expect(formatTeamDateTime(value, zone)).toBe(expected);
  });

  it("gives `none` for a missing value", () => {
    expect(formatTeamDateTime(null, "Europe/Berlin")).toBe("—");
  });
});

describe("input values (UTC)", () => {
  it.each([
    [at("2026-12-05T14:30:45.123Z"), "2026-12-05T14:30", "2026-12-05"],
    [null, "", ""],
  ] as const)("%s", (value, dateTime, date) => {
    expect(toUtcInputValue(value)).toBe(dateTime);
    expect(toDateInputValue(value)).toBe(date);
  });
});

describe("toDate", () => {
  it.each([
    [at("2026-01-01T00:00:00Z"), 1767225600000],
    ["2026-01-01T00:00:00Z", 1767225600000],
    ["garbage", null],
    [undefined, null],
  ] as const)("%s", (value, ms) => {
    expect(toDate(value)?.getTime() ?? null).toBe(ms);
  });
});

describe("<Time>", () => {
  const html = (props: Parameters<typeof Time>[0]) => renderToStaticMarkup(createElement(Time, props));

  it.each([
    ["a UTC time", { value: at("2026-12-05T14:30:12.345Z") }, '<time dateTime="2026-12-05T14:30:12.345Z">2026-12-05 14:30 UTC</time>'],
    ["a team time", { value: at("2026-12-05T14:30:00Z"), timeZone: "Europe/Berlin" }, '<time dateTime="2026-12-05T14:30:00.000Z">2026-12-05 14:30 UTC (15:30 Europe/Berlin)</time>'],
    ["a date", { value: at("2026-12-05T14:30:00Z"), dateOnly: true }, '<time dateTime="2026-12-05">2026-12-05</time>'],
    ["attributes passed on", { value: at("2026-12-05T14:30:00Z"), className: "x", "data-testid": "t" }, '<time dateTime="2026-12-05T14:30:00.000Z" class="x" data-testid="t">2026-12-05 14:30 UTC</time>'],
    ["nothing", { value: null }, "—"],
    ["nothing, in words", { value: null, none: "never" }, "never"],
  ] as const)("%s", (_, props, expected) => {
    expect(html(props as Parameters<typeof Time>[0])).toBe(expected);
  });
});
