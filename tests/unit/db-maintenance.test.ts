import { describe, expect, it } from "vitest";
import { SMALL_TABLE_PAGES, upkeepFor, type TableState } from "@/lib/db/maintenance";

const table = (over: Partial<TableState>): TableState => ({
  table: "Case",
  pages: 6_571,
  allVisiblePages: 6_571,
  rows: 100_000,
  deadRows: 0,
  insertedSinceVacuum: 0,
  modifiedSinceAnalyze: 0,
  ...over,
});

describe("the embedded database's upkeep (autovacuum's thresholds)", () => {
  it.each<[string, Partial<TableState>, ReturnType<typeof upkeepFor>]>([
    ["a table just vacuumed and untouched", {}, null],
    ["a small table, however dirty", { pages: SMALL_TABLE_PAGES - 1, allVisiblePages: 0, deadRows: 500, rows: -1 }, null],
    ["a table written before this start (most pages not all-visible)", { allVisiblePages: 3_000 }, "vacuum"],
    ["a table with half its pages all-visible", { allVisiblePages: 3_286 }, null],
    ["dead rows past 50 + 20% of the rows", { deadRows: 20_051 }, "vacuum"],
    ["dead rows under the threshold", { deadRows: 20_050 }, null],
    ["inserts past 1,000 + 20% of the rows", { insertedSinceVacuum: 21_001 }, "vacuum"],
    ["inserts under the threshold", { insertedSinceVacuum: 21_000 }, null],
    ["changes past 50 + 10% of the rows: statistics only", { modifiedSinceAnalyze: 10_051 }, "analyze"],
    ["changes under the threshold", { modifiedSinceAnalyze: 10_050 }, null],
    ["never analyzed", { rows: -1 }, "analyze"],
    ["a vacuum covers the analyze", { modifiedSinceAnalyze: 50_000, deadRows: 30_000 }, "vacuum"],
  ])("%s", (_what, state, expected) => {
    expect(upkeepFor(table(state))).toBe(expected);
  });
});
