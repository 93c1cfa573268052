import { describe, expect, it } from "vitest";
import { ANCHOR_TTL_MS, PageAnchors } from "@/lib/cases/page-anchors";

describe("PageAnchors: where a list's page by number began, for a minute", () => {
  it.each<[string, (a: PageAnchors, clock: { t: number }) => void, [string, number], string | undefined]>([
    ["nothing kept", () => {}, ["list", 11], undefined],
    ["kept for its list and page", (a) => a.set("list", 11, "c11"), ["list", 11], "c11"],
    ["another page of the list", (a) => a.set("list", 11, "c11"), ["list", 12], undefined],
    ["the same page of another list", (a) => a.set("list", 11, "c11"), ["other", 11], undefined],
    ["a list whose name ends in a digit is not another page's", (a) => a.set("list 1", 1, "c"), ["list", 11], undefined],
    ["just inside the minute", (a, c) => { a.set("list", 11, "c11"); c.t += ANCHOR_TTL_MS - 1; }, ["list", 11], "c11"],
    ["after the minute", (a, c) => { a.set("list", 11, "c11"); c.t += ANCHOR_TTL_MS; }, ["list", 11], undefined],
    ["set again: the newer cursor, for a new minute", (a, c) => { a.set("list", 11, "old"); c.t += ANCHOR_TTL_MS - 10; a.set("list", 11, "new"); c.t += 20; }, ["list", 11], "new"],
    ["cleared", (a) => { a.set("list", 11, "c11"); a.clear(); }, ["list", 11], undefined],
  ])("%s", (_label, act, [list, page], expected) => {
    const clock = { t: 1_000_000 };
    const anchors = new PageAnchors(() => clock.t);
    act(anchors, clock);
    expect(anchors.get(list, page)).toBe(expected);
  });

  it("keeps at most its number of keys, dropping the one set longest ago", () => {
    const anchors = new PageAnchors(() => 0, ANCHOR_TTL_MS, 3);
    for (const p of [1, 2, 3]) anchors.set("list", p, `c${p}`);
    anchors.set("list", 1, "c1 again");
    anchors.set("list", 4, "c4");
    expect(anchors.size).toBe(3);
    expect([1, 2, 3, 4].map((p) => anchors.get("list", p))).toEqual(["c1 again", undefined, "c3", "c4"]);
  });

  it("forgets an expired key when it is asked for", () => {
    const clock = { t: 0 };
    const anchors = new PageAnchors(() => clock.t);
    anchors.set("list", 11, "c11");
    clock.t = ANCHOR_TTL_MS;
    expect(anchors.get("list", 11)).toBeUndefined();
    expect(anchors.size).toBe(0);
  });
});
