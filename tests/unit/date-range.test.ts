// The one set of date-range rules of the reports, the gap analytics and the record pages.
import { describe, expect, it } from "vitest";
import { rangeProblem, yearsAfter, ZIsoDay, ZOptionalIsoDay } from "@/lib/validation/date-range";

describe("a day", () => {
  it.each([
    ["2026-12-05", true],
    [" 2026-12-05 ", true],
    ["2024-02-29", true],
    ["2026-02-29", false],
    ["2026-02-30", false],
    ["2026-13-01", false],
    ["1999-12-31", false],
    ["2100-01-01", false],
    ["5 Dec 2026", false],
    ["", false],
  ])("%j valid: %s", (value, ok) => {
    expect(ZIsoDay.safeParse(value).success).toBe(ok);
  });

  it("an empty optional field is not given", () => {
    expect(ZOptionalIsoDay.parse("  ")).toBeUndefined();
    expect(ZOptionalIsoDay.parse(undefined)).toBeUndefined();
  });
});

describe("a range", () => {
  it.each([
    ["2026-01-01", "2026-01-01", undefined, null],
    ["2026-01-02", "2026-01-01", undefined, /end date comes before the start date/],
    ["2021-01-01", "2026-01-01", 5, null],
    ["2020-12-31", "2026-01-01", 5, /more than 5 years.*\(2025-12-31\)/],
    ["2000-01-01", "2099-12-31", undefined, null],
  ])("%s to %s (max %s years)", (from, to, years, problem) => {
    const p = rangeProblem(from, to, years);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toMatch(problem);
  });

  it.each([
    ["2024-02-29", 1, "2025-02-28"],
    ["2021-01-31", 5, "2026-01-31"],
  ])("%s plus %i years is %s", (from, n, day) => {
    expect(yearsAfter(from, n)).toBe(day);
  });
});
