import Link from "next/link";
import type { ApprovalQueueItem } from "@/lib/artefacts/approval-queue";
import { ArtefactStatusBadge } from "./artefact-card";

const age = (d: Date) => {
  const h = Math.floor((Date.now() - d.getTime()) / 3_600_000);
  return h < 1 ? "under an hour" : h < 48 ? `${h} h` : `${Math.floor(h / 24)} d`;
};

const decisionText = (d: "approved" | "rejected" | null) => (d === null ? "waiting" : d);

/** Artefacts waiting for (or decided by) Security or Legal, one row each, linking to the review. */
export function ApprovalList({ items, empty, testId }: { items: ApprovalQueueItem[]; empty: string; testId?: string }) {
  if (!items.length) return <p className="px-4 py-3 text-sm text-slate-500">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
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
          {items.map((a) => (
            <tr key={a.id}>
              <td className="px-4 py-2">
                <Link href={`/cases/${a.caseId}/artefacts/${a.id}`} className="font-medium text-indigo-700 hover:underline">{a.filename}</Link>
              </td>
              <td className="px-4 py-2">
                <Link href={`/cases/${a.caseId}`} className="hover:underline">{a.reference ?? "—"}</Link>
                <span className="block text-xs text-slate-500">{a.account}</span>
              </td>
              <td className="px-4 py-2"><ArtefactStatusBadge status={a.status} /></td>
              <td className="px-4 py-2">{decisionText(a.security)}</td>
              <td className="px-4 py-2">{decisionText(a.legal)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{a.redactedLines?.toLocaleString("en") ?? "—"}</td>
              <td className="px-4 py-2 text-right tabular-nums">{a.redactions.toLocaleString("en")}</td>
              <td className="px-4 py-2">{age(a.waitingSince)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
