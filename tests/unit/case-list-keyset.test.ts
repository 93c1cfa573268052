import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, keysetOrder, keysetWhere, SORT_KEYS } from "@/lib/cases/keyset";
import type { Sort } from "@/lib/cases/list-filters";

const at = new Date("2026-11-30T10:20:30.456Z");
const id = "5f0c6a5e-1111-4a4a-9b9b-000000000001";

describe("case list cursors", () => {
  it.each<[Sort, Record<string, Date | string | null>, Date | string | null]>([
    ["newest", { createdAt: at }, at],
    ["oldest", { createdAt: at }, at],
    ["requested", { requestedAt: at }, at],
    ["requested", { requestedAt: null }, null],
    ["reference", { reference: "IR-2026-0042" }, "IR-2026-0042"],
    ["reference", { reference: null }, null],
    ["updated", { updatedAt: at }, at],
  ])("%s: %j reads back as its key and id", (sort, row, value) => {
    expect(decodeCursor(sort, encodeCursor(sort, { id, ...row }))).toEqual({ value, id });
  });

  it.each<[string, Sort, string | undefined]>([
    ["nothing", "newest", undefined],
    ["not base64 JSON", "newest", "%%%"],
    ["JSON of the wrong shape", "newest", Buffer.from(JSON.stringify({ a: 1 })).toString("base64url")],
    ["a null key where the field is never null", "newest", Buffer.from(JSON.stringify([null, id])).toString("base64url")],
    ["a date that is not ISO", "newest", Buffer.from(JSON.stringify(["yesterday", id])).toString("base64url")],
    ["an empty id", "reference", Buffer.from(JSON.stringify(["IR-1", ""])).toString("base64url")],
    ["too long", "reference", "x".repeat(401)],
  ])("refuses %s", (_what, sort, text) => {
    expect(decodeCursor(sort, text)).toBeNull();
  });

  it.each<[Sort, "after" | "before", Date | string | null, unknown]>([
    ["newest", "after", at, { createdAt: { lte: at }, OR: [{ createdAt: { lt: at } }, { id: { lt: id } }] }],
    ["newest", "before", at, { createdAt: { gte: at }, OR: [{ createdAt: { gt: at } }, { id: { gt: id } }] }],
    ["oldest", "after", at, { createdAt: { gte: at }, OR: [{ createdAt: { gt: at } }, { id: { gt: id } }] }],
    // Nulls come last: after a dated row come earlier dates, then every null.
    ["requested", "after", at, { OR: [{ requestedAt: { lte: at }, OR: [{ requestedAt: { lt: at } }, { id: { lt: id } }] }, { requestedAt: null }] }],
    ["requested", "before", at, { requestedAt: { gte: at }, OR: [{ requestedAt: { gt: at } }, { id: { gt: id } }] }],
    ["requested", "after", null, { requestedAt: null, id: { lt: id } }],
    ["requested", "before", null, { OR: [{ requestedAt: { not: null } }, { requestedAt: null, id: { gt: id } }] }],
    ["reference", "after", "IR-5", { OR: [{ reference: { gte: "IR-5" }, OR: [{ reference: { gt: "IR-5" } }, { id: { gt: id } }] }, { reference: null }] }],
    ["reference", "after", null, { reference: null, id: { gt: id } }],
  ])("%s %s %s", (sort, direction, value, where) => {
    expect(keysetWhere(sort, { value, id }, direction)).toEqual(where);
  });

  it("reads a page before the cursor in the reverse order, nulls first", () => {
    expect(keysetOrder("requested", "after")).toEqual([{ requestedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }]);
    expect(keysetOrder("requested", "before")).toEqual([{ requestedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }]);
    expect(keysetOrder("oldest", "before")).toEqual([{ createdAt: "desc" }, { id: "desc" }]);
    expect(Object.keys(SORT_KEYS).sort()).toEqual(["newest", "oldest", "reference", "requested", "updated"]);
  });
});
