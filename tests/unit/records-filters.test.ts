import { describe, expect, it } from "vitest";
import { dayRange, filterParams, firstValues, ZActivityFilter, ZSecurityEventFilter } from "@/lib/records/filters";

describe("record filters", () => {
  it.each<[string, Record<string, string>, boolean, string?]>([
    ["nothing: any", {}, true],
    ["blank fields are any", { from: "", to: " ", actor: "", action: "" }, true],
    ["a date range", { from: "2026-12-01", to: "2026-12-05" }, true],
    ["a date the wrong way round", { from: "2026-12-05", to: "2026-12-01" }, false, "to"],
    ["not a date", { from: "yesterday" }, false, "from"],
    ["31 February", { from: "2026-02-31" }, false, "from"],
    ["year 0", { from: "0000-01-01" }, false, "from"],
    ["a NUL in the actor", { actor: "a\u0000b" }, false, "actor"],
    ["a case reference", { case: "IR-2026-0001" }, true],
    ["a cursor", { before: "123" }, true],
    ["a cursor that is not a number", { before: "12a" }, false, "before"],
  ])("activity: %s", (_name, input, ok, field) => {
    const r = ZActivityFilter.safeParse(input);
    expect(r.success).toBe(ok);
    if (!ok && field) expect(r.error!.issues.map((i) => i.path[0])).toContain(field);
  });

  it.each<[string, Record<string, string>, boolean]>([
    ["a known kind", { kind: "refused" }, true],
    ["an unknown kind", { kind: "hacked" }, false],
    ["an outcome and target", { outcome: "NOT_FOUND", target: "page:" }, true],
  ])("security events: %s", (_name, input, ok) => {
    expect(ZSecurityEventFilter.safeParse(input).success).toBe(ok);
  });

  it("reads cursors as bigints and trims text", () => {
    expect(ZActivityFilter.parse({ before: "9007199254740993", actor: "  legal@ " })).toMatchObject({ before: 9007199254740993n, actor: "legal@" });
  });

  it("turns days into UTC bounds, the end day inclusive", () => {
    expect(dayRange("2026-12-01", "2026-12-05")).toEqual({ gte: new Date("2026-12-01T00:00:00Z"), lt: new Date("2026-12-06T00:00:00Z") });
    expect(dayRange()).toBeUndefined();
  });

  it("keeps only the filters (not the cursors) in links", () => {
    const v = firstValues({ actor: ["a", "b"], before: "5", case: "", action: "case." });
    expect(v).toEqual({ actor: "a", before: "5", case: "", action: "case." });
    expect(filterParams(v, ["actor", "case", "action"])).toEqual({ actor: "a", action: "case." });
  });
});
