// lib/cases/list-rows.ts: what the case list sends its table for each row.
import { describe, expect, it } from "vitest";
import { caseListRow, SUMMARY_PREVIEW } from "@/lib/cases/list-rows";

const now = new Date("2026-12-05T12:00:00Z");
const zones = { support: "Europe/Berlin", sirt: "UTC" };
const meta = { id: "c1", reference: "IR-1", status: "in_progress", team: "support", requestedAt: new Date("2026-12-01T09:00:00Z") };
const full = (over: Record<string, unknown> = {}) => ({
  ...meta,
  summary: "Suspicious SSH key",
  priority: 2,
  nextUpdateDue: new Date("2026-12-05T10:00:00Z"),
  account: { name: "Acme" },
  assignee: { name: "Sam" },
  ...over,
});

describe("caseListRow", () => {
  it.each([
    ["metadata only (Admin): no account, summary or people", meta, { id: "c1", reference: "IR-1", status: "in_progress", team: "support", requestedAt: "2026-12-01T09:00:00.000Z" }],
    ["a closed case keeps how it ended", { ...meta, status: "closed", resolution: "refused" }, { id: "c1", reference: "IR-1", status: "closed", resolution: "refused", team: "support", requestedAt: "2026-12-01T09:00:00.000Z" }],
    [
      "a working row: overdue update in the team's zone, short summary not repeated",
      full(),
      { ...{ id: "c1", reference: "IR-1", status: "in_progress", team: "support", requestedAt: "2026-12-01T09:00:00.000Z" }, account: "Acme", summaryPreview: "Suspicious SSH key", priority: 2, assigneeName: "Sam", nextUpdate: { due: "2026-12-05T10:00:00.000Z", isOverdue: true }, timeZone: "Europe/Berlin" },
    ],
    [
      "unassigned, clock not running (shared), no team",
      full({ status: "shared", assignee: null, team: null, priority: null }),
      { id: "c1", reference: "IR-1", status: "shared", team: null, requestedAt: "2026-12-01T09:00:00.000Z", account: "Acme", summaryPreview: "Suspicious SSH key", priority: null, assigneeName: null, nextUpdate: null, timeZone: null },
    ],
  ])("%s", (_name, input, expected) => {
    expect(caseListRow(input as Parameters<typeof caseListRow>[0], now, zones)).toEqual(expected);
  });

  it("a long summary: the preview is cut and the full text rides along for the title; whitespace is folded", () => {
    const summary = `Keys added\n\n${"word ".repeat(60)}end`;
    const row = caseListRow(full({ summary }), now, zones);
    expect(row.summaryPreview!.length).toBeLessThanOrEqual(SUMMARY_PREVIEW);
    expect(row.summaryPreview).toMatch(/^Keys added word.*…$/);
    expect(row.summaryFull).toBe(summary);
  });

  it("a due time not yet passed is not overdue; no zones known: no zone", () => {
    const row = caseListRow(full({ nextUpdateDue: new Date("2026-12-05T13:00:00Z") }), now, null);
    expect(row.nextUpdate).toEqual({ due: "2026-12-05T13:00:00.000Z", isOverdue: false });
    expect(row.timeZone).toBeNull();
  });
});
