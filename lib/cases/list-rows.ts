// The case list's rows as the page sends them to its table (components/cases/cases-table.tsx, a
// client component): only what a cell shows, times as ISO strings, the full summary only when the
// preview cut it. Pure; tests/unit/list-rows.test.ts.
import type { CaseRow } from "@/components/cases/cases-table";
import { previewText } from "@/lib/format/text";
import { updateDueOf } from "@/lib/updates/due";

/** Characters of the summary shown in the row (the rest in the cell's title). */
export const SUMMARY_PREVIEW = 80;

type Metadata = { id: string; reference: string | null; status: string; team: string | null; requestedAt: Date | null; resolution?: string | null };
type Full = Metadata & {
  summary: string;
  priority: number | null;
  nextUpdateDue: Date | null;
  account: { name: string };
  assignee: { name: string } | null;
};

export function caseListRow(c: Metadata | Full, now: Date, timeZones: Readonly<Record<string, string | undefined>> | null): CaseRow {
  const base: CaseRow = { id: c.id, reference: c.reference, status: c.status, team: c.team, requestedAt: c.requestedAt?.toISOString() ?? null };
  if (c.resolution) base.resolution = c.resolution;
  if (!("summary" in c)) return base;
  const preview = previewText(c.summary, SUMMARY_PREVIEW);
  const due = updateDueOf(c, now);
  return {
    ...base,
    account: c.account.name,
    summaryPreview: preview,
    ...(preview !== c.summary ? { summaryFull: c.summary } : {}),
    priority: c.priority,
    assigneeName: c.assignee?.name ?? null,
    nextUpdate: due ? { due: due.due.toISOString(), isOverdue: due.isOverdue } : null,
    timeZone: c.team && timeZones ? (timeZones[c.team] ?? null) : null,
  };
}
