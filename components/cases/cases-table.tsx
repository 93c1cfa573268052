import Link from "next/link";
import { TableHead } from "@/components/ui/table-head";
import { StatusBadge } from "./status-badge";
import { Time } from "@/components/ui/time";

export interface CaseRow {
  id: string;
  reference: string | null;
  status: string;
  team: string | null;
  createdAt: Date;
  requestedAt: Date | null;
  summary?: string;
  account?: { name: string };
}


/** The cases list. Admin rows carry metadata only, so summary and account are optional. */
export function CasesTable({ rows, metadataOnly }: { rows: CaseRow[]; metadataOnly: boolean }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <TableHead columns={["Reference", ...(metadataOnly ? [] : ["Account", "Summary"]), "Status", "Team", "Requested"]} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((c) => (
            <tr key={c.id} className="hover:bg-slate-50">
              <td className="whitespace-nowrap px-4 py-3 font-medium">
                {metadataOnly ? c.reference ?? "draft" : <Link className="text-indigo-700 hover:underline" href={`/cases/${c.id}`}>{c.reference ?? "Draft"}</Link>}
              </td>
              {metadataOnly ? null : <td className="px-4 py-3">{c.account?.name}</td>}
              {metadataOnly ? null : <td className="max-w-md truncate px-4 py-3 text-slate-600">{c.summary || "—"}</td>}
              <td className="px-4 py-3"><StatusBadge status={c.status} /></td>
              <td className="px-4 py-3 uppercase text-slate-600">{c.team ?? "—"}</td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600"><Time value={c.requestedAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
