import { describe, expect, it } from "vitest";
import { dueDeletions, removableKeys, retentionEndsAt, type RetentionArtefact, type RetentionCase } from "@/lib/retention/rules";

const now = new Date("2026-12-05T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const key = (c: string) => `sha256:${c.repeat(64)}`;

function artefact(over: Partial<RetentionArtefact> = {}): RetentionArtefact {
  return {
    id: "a1",
    status: "shared",
    rawBlobKey: key("a"),
    rawLineMapKey: null,
    rawDeletedAt: null,
    redactedBlobKey: key("b"),
    redactedDeletedAt: null,
    supersededBlobKeys: [],
    supersededDeletedAt: null,
    shared: true,
    ...over,
  };
}
const kase = (closedAt: Date | null, ...artefacts: RetentionArtefact[]): RetentionCase => ({ id: "c1", closedAt, artefacts });
const kinds = (cases: RetentionCase[], days = 90) => dueDeletions(cases, days, now).map((d) => `${d.kind}:${d.keys.map((k) => k.slice(7, 8)).join("+")}`);

describe("dueDeletions", () => {
  it.each([
    ["an open case keeps everything", kase(null, artefact({ supersededBlobKeys: [key("c")] })), []],
    ["a case closed 89 days ago keeps everything", kase(daysAgo(89), artefact()), []],
    ["closed exactly 90 days ago: the raw file is due", kase(daysAgo(90), artefact()), ["raw:a"]],
    ["closed 200 days ago: raw with its raw line map; the shared redacted file stays", kase(daysAgo(200), artefact({ rawLineMapKey: key("d") })), ["raw:a+d"]],
    ["raw already deleted: nothing again", kase(daysAgo(200), artefact({ rawDeletedAt: daysAgo(10) })), []],
    ["an artefact without a raw file (refused upload)", kase(daysAgo(200), artefact({ rawBlobKey: null, redactedBlobKey: null })), []],
    ["earlier revisions' redacted files are superseded", kase(daysAgo(200), artefact({ supersededBlobKeys: [key("c"), key("e")] })), ["raw:a", "superseded:c+e"]],
    ["superseded already deleted", kase(daysAgo(200), artefact({ supersededBlobKeys: [key("c")], supersededDeletedAt: daysAgo(1) })), ["raw:a"]],
    ["a withdrawn artefact's redacted file is superseded", kase(daysAgo(200), artefact({ status: "withdrawn", shared: false })), ["raw:a", "redacted:b"]],
    ["a withdrawn redacted file deleted before is not named again", kase(daysAgo(200), artefact({ status: "withdrawn", shared: false, redactedDeletedAt: daysAgo(3) })), ["raw:a"]],
    ["an approved, never shared current redacted file is kept", kase(daysAgo(200), artefact({ status: "approved", shared: false })), ["raw:a"]],
  ])("%s", (_name, c, expected) => {
    expect(kinds([c])).toEqual(expected);
  });

  it("uses the days given", () => {
    expect(kinds([kase(daysAgo(10), artefact())], 7)).toEqual(["raw:a"]);
    expect(kinds([kase(daysAgo(10), artefact())], 30)).toEqual([]);
  });

  it("retentionEndsAt adds whole days", () => {
    expect(retentionEndsAt(new Date("2026-01-01T10:00:00Z"), 90).toISOString()).toBe("2026-04-01T10:00:00.000Z");
  });
});

describe("removableKeys", () => {
  const deletion = { caseId: "c1", artefactId: "a1", kind: "raw" as const, keys: [key("a"), key("d")] };
  it.each([
    ["no other reference: all", new Map(), [key("a"), key("d")]],
    ["only its own reference", new Map([[key("a"), [{ artefactId: "a1", kind: "raw" as const }]]]), [key("a"), key("d")]],
    ["another artefact's raw file is the same blob: kept", new Map([[key("a"), [{ artefactId: "a2", kind: "raw" as const }]]]), [key("d")]],
    ["its own redacted file is the same bytes: kept", new Map([[key("a"), [{ artefactId: "a1", kind: "redacted" as const }]]]), [key("d")]],
  ])("%s", (_name, refs, expected) => {
    expect(removableKeys(deletion, refs)).toEqual(expected);
  });
});
