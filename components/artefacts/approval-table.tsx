"use client";

import { useInAppLinks } from "@/components/ui/in-app-links";

/** One artefact row as the approval lists send it: texts prepared on the server, nothing else. */
export interface ApprovalRow {
  id: string;
  caseId: string;
  filename: string;
  reference: string | null;
  account: string;
  statusLabel: string;
  statusTone: string;
  security: string;
  legal: string;
  lines: string;
  replacements: string;
  waiting: string;
}

/**
 * The approval lists' table (Legal's queue, /approvals). A client component fed these rows, so the
 * page's data carries them once as data, not as a second copy of the table's markup (issue 15).
 */
export function ApprovalTable({ rows, testId }: { rows: ApprovalRow[]; testId?: string }) {
  const inApp = useInAppLinks(); // the artefact and case links navigate in the app without a prefetch each
  return (
    <div className="overflow-x-auto" onClick={inApp}>
      <table className="data-table dense min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">Artefact</th>
            <th scope="col" className="px-4 py-2">Case</th>
            <th scope="col" className="px-4 py-2">Status</th>
            <th scope="col" className="px-4 py-2">Security</th>
            <th scope="col" className="px-4 py-2">Legal</th>
            <th scope="col" className="px-4 py-2 text-right">Lines</th>
            <th scope="col" className="px-4 py-2 text-right">Replacements</th>
            <th scope="col" className="px-4 py-2">Waiting</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((a) => (
            <tr key={a.id}>
              <td>
                <a href={`/cases/${a.caseId}/artefacts/${a.id}`} className="font-medium text-indigo-700 hover:underline">{a.filename}</a>
              </td>
              <td>
                <a href={`/cases/${a.caseId}`} className="hover:underline">{a.reference ?? "—"}</a>
                <span className="block text-xs text-slate-500">{a.account}</span>
              </td>
              <td><span className={`rounded px-2 py-0.5 text-xs font-medium ${a.statusTone}`}>{a.statusLabel}</span></td>
              <td>{a.security}</td>
              <td>{a.legal}</td>
              <td className="text-right tabular-nums">{a.lines}</td>
              <td className="text-right tabular-nums">{a.replacements}</td>
              <td>{a.waiting}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
