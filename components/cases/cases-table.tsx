"use client";

import { useInAppLinks } from "@/components/ui/in-app-links";
import { TableHead } from "@/components/ui/table-head";
import { Time } from "@/components/ui/time";
import { NextUpdateDue } from "./next-update-due";
import { StatusBadge } from "./status-badge";

/**
 * A row as the list page sends it: only what a cell shows, so the page's data (the React Server
 * Components payload, which carries a client component's props instead of its markup) stays small:
 * at 25 rows the table was 34 KB of element tree in that payload besides its 29 KB of HTML (issue 15).
 * Times travel as ISO strings. Admin rows carry metadata only, so the rest is optional.
 */
export interface CaseRow {
  id: string;
  reference: string | null;
  status: string;
  /** How a closed case ended (shown in its status badge). */
  resolution?: string | null;
  team: string | null;
  requestedAt: string | null;
  account?: string;
  /** The incident summary as a one-line preview, and in full (the cell's title) only when the preview cut it. */
  summaryPreview?: string;
  summaryFull?: string;
  priority?: number | null;
  assigneeName?: string | null;
  /** The next customer update due (ISO) and whether it has passed; null when the case's clock is not running. */
  nextUpdate?: { due: string; isOverdue: boolean } | null;
  /** The routed team's time zone, in which the next update due is shown beside UTC. */
  timeZone?: string | null;
}

/** The cases list: summary, priority, assignee and next update due (overdue marked) for staff who work cases. */
export function CasesTable({ rows, metadataOnly }: { rows: CaseRow[]; metadataOnly: boolean }) {
  const columns = metadataOnly
    ? ["Reference", "Status", "Team", "Requested"]
    : ["Reference", "Account", "Incident summary", "Status", "Team", "Priority", "Assignee", "Next update due", "Requested"];
  // Row links are plain anchors that navigate in the app (one handler for the table, no prefetch per row: useInAppLinks).
  const inApp = useInAppLinks();
  // Cell padding and the row hover come from .data-table in app/globals.css, not from classes repeated on every cell.
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" onClick={inApp}>
      <table className="data-table min-w-full divide-y divide-slate-200 text-sm">
        <TableHead columns={columns} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((c) => (
            <tr key={c.id} data-testid="case-row">
              <td className="whitespace-nowrap font-medium">
                {metadataOnly ? c.reference ?? "draft" : <a className="text-indigo-700 hover:underline" href={`/cases/${c.id}`}>{c.reference ?? "Draft"}</a>}
              </td>
              {metadataOnly ? null : <td>{c.account}</td>}
              {metadataOnly ? null : (
                <td className="min-w-48 max-w-xs text-slate-600" title={c.summaryFull ?? (c.summaryPreview || undefined)} data-testid="case-summary">{c.summaryPreview || "—"}</td>
              )}
              <td><StatusBadge status={c.status} resolution={c.resolution} /></td>
              <td className="uppercase text-slate-600">{c.team ?? "—"}</td>
              {metadataOnly ? null : <td className="whitespace-nowrap text-slate-700" data-testid="case-priority">{c.priority ? `P${c.priority}` : <span className="text-slate-500">—</span>}</td>}
              {metadataOnly ? null : (
                <td className="whitespace-nowrap" data-testid="case-assignee">{c.assigneeName ?? <span className="text-amber-800">Unassigned</span>}</td>
              )}
              {metadataOnly ? null : <td><NextUpdateDue value={c.nextUpdate ?? null} timeZone={c.timeZone} /></td>}
              <td className="whitespace-nowrap text-slate-600"><Time value={c.requestedAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
