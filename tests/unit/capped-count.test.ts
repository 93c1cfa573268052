import { describe, expect, it } from "vitest";
import { cappedTotal, COUNT_CAP, countUnlessWhole, formatCount } from "@/lib/format/count";

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

describe("a first page that holds the whole list needs no count (countUnlessWhole)", () => {
  it.each<[string, number, number, boolean, number]>([
    // label, page, rows read (one more than the page is asked for), counted?, total
    ["an empty list", 1, 0, false, 0],
    ["a short list", 1, 7, false, 7],
    ["exactly a page", 1, 25, false, 25],
    ["a page and one more row: counted", 1, 26, true, 900],
    ["page 2, however short: counted", 2, 3, true, 28],
    ["past the end (page 3 of nothing): counted", 3, 0, true, 28],
  ])("%s", async (_label, page, read, counted, total) => {
    let asked = 0;
    const count = async () => {
      asked++;
      return total;
    };
    expect(await countUnlessWhole(page, read, 25, count)).toBe(total);
    expect(asked).toBe(counted ? 1 : 0);
  });
});
