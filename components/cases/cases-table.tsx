import Link from "next/link";
import { TableHead } from "@/components/ui/table-head";
import { Time } from "@/components/ui/time";
import type { UpdateDue } from "@/lib/updates/due";
import { NextUpdateDue } from "./next-update-due";
import { StatusBadge } from "./status-badge";

/** A row as the list page prepares it. Admin rows carry metadata only, so the rest is optional. */
export interface CaseRow {
  id: string;
  reference: string | null;
  status: string;
  /** How a closed case ended (shown in its status badge). */
  resolution?: string | null;
  team: string | null;
  requestedAt: Date | null;
  account?: string;
  /** The incident summary in full (the cell's title) and as a one-line preview. */
  summary?: string;
  summaryPreview?: string;
  priority?: number | null;
  assigneeName?: string | null;
  nextUpdate?: UpdateDue | null;
  /** The routed team's time zone, in which the next update due is shown beside UTC. */
  timeZone?: string | null;
}

/** The cases list: summary, priority, assignee and next update due (overdue marked) for staff who work cases. */
export function CasesTable({ rows, metadataOnly }: { rows: CaseRow[]; metadataOnly: boolean }) {
  const columns = metadataOnly
    ? ["Reference", "Status", "Team", "Requested"]
    : ["Reference", "Account", "Incident summary", "Status", "Team", "Priority", "Assignee", "Next update due", "Requested"];
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <TableHead columns={columns} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((c) => (
            <tr key={c.id} className="align-top hover:bg-slate-50" data-testid="case-row">
              <td className="whitespace-nowrap px-4 py-3 font-medium">
                {metadataOnly ? c.reference ?? "draft" : <Link className="text-indigo-700 hover:underline" href={`/cases/${c.id}`}>{c.reference ?? "Draft"}</Link>}
              </td>
              {metadataOnly ? null : <td className="px-4 py-3">{c.account}</td>}
              {metadataOnly ? null : (
                <td className="min-w-48 max-w-xs px-4 py-3 text-slate-600" title={c.summary || undefined} data-testid="case-summary">{c.summaryPreview || "—"}</td>
              )}
              <td className="px-4 py-3"><StatusBadge status={c.status} resolution={c.resolution} /></td>
              <td className="px-4 py-3 uppercase text-slate-600">{c.team ?? "—"}</td>
              {metadataOnly ? null : <td className="whitespace-nowrap px-4 py-3 text-slate-700" data-testid="case-priority">{c.priority ? `P${c.priority}` : <span className="text-slate-500">—</span>}</td>}
              {metadataOnly ? null : (
                <td className="whitespace-nowrap px-4 py-3" data-testid="case-assignee">{c.assigneeName ?? <span className="text-amber-800">Unassigned</span>}</td>
              )}
              {metadataOnly ? null : <td className="px-4 py-3"><NextUpdateDue value={c.nextUpdate ?? null} timeZone={c.timeZone} /></td>}
              <td className="whitespace-nowrap px-4 py-3 text-slate-600"><Time value={c.requestedAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
