import { describe, expect, it } from "vitest";
import { countPerDay } from "@/lib/updates/due";

const START = new Date("2026-12-07T00:00:00Z"); // a Monday, UTC midnight
const at = (day: number, hour: number) => new Date(START.getTime() + day * 86_400_000 + hour * 3_600_000);

describe("countPerDay: the Updates board's chart", () => {
  it.each([
    ["nothing due", [], false, [0, 0, 0], [false, false, false]],
    ["one a day", [at(0, 9), at(1, 9), at(2, 9)], false, [1, 1, 1], [false, false, false]],
    ["a day's first and last minute", [at(1, 0), new Date(at(2, 0).getTime() - 60_000)], false, [0, 2, 0], [false, false, false]],
    ["past the last day: not counted", [at(0, 1), at(3, 0)], false, [1, 0, 0], [false, false, false]],
    // The read stopped at its limit on day 1: day 0 is exact, day 1 and after are lower bounds.
    ["read stopped on day 1", [at(0, 1), at(0, 2), at(1, 5)], true, [2, 1, 0], [false, true, true]],
    ["read stopped on day 0", [at(0, 1), at(0, 2)], true, [2, 0, 0], [true, true, true]],
  ] as const)("%s", (_name, dues, truncated, counts, atLeast) => {
    const days = countPerDay([...dues], START, 3, truncated);
    expect(days.map((d) => d.day)).toEqual(["2026-12-07", "2026-12-08", "2026-12-09"]);
    expect(days.map((d) => d.count)).toEqual(counts);
    expect(days.map((d) => d.atLeast)).toEqual(atLeast);
  });
});
