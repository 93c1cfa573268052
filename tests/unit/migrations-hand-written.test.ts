import { describe, expect, it } from "vitest";
import { withoutHandWrittenDrops } from "@/lib/db/migrations";

const drop = (name: string) => `-- DropIndex\nDROP INDEX "${name}";`;
const add = `-- AlterTable\nALTER TABLE "Setting" ADD COLUMN     "note" TEXT;`;

describe("the schema diff leaves the hand-written indexes (INCLUDE) alone", () => {
  it.each<[string, string, string]>([
    ["nothing", "", ""],
    ["only the drop of a hand-written index", drop("Case_list_newest_cover_idx"), ""],
    ["the drop of another index", drop("Case_updatedAt_idx"), drop("Case_updatedAt_idx")],
    ["a real change beside the drop", `${drop("Case_list_newest_cover_idx")}\n\n${add}`, add],
    ["a real change before the drop", `${add}\n\n${drop("Case_list_newest_cover_idx")}`, add],
    ["a name that only starts like it", drop("Case_list_newest_cover_idx_old"), drop("Case_list_newest_cover_idx_old")],
  ])("%s", (_what, diff, expected) => {
    expect(withoutHandWrittenDrops(diff)).toBe(expected);
  });
});
