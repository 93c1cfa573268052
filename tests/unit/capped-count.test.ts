import { describe, expect, it } from "vitest";
import { cappedTotal, COUNT_CAP, formatCount } from "@/lib/format/count";

describe("capped counts (issue 15)", () => {
  it.each<[number, { total: number; capped: boolean }, string]>([
    [0, { total: 0, capped: false }, "0"],
    [25, { total: 25, capped: false }, "25"],
    [COUNT_CAP, { total: COUNT_CAP, capped: false }, "1,000"],
    [COUNT_CAP + 1, { total: COUNT_CAP, capped: true }, "1,000+"],
  ])("%i counted rows read as %j, shown as %s", (counted, total, shown) => {
    expect(cappedTotal(counted)).toEqual(total);
    expect(formatCount(cappedTotal(counted))).toBe(shown);
  });
});
