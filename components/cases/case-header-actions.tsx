import Link from "@/components/ui/app-link";
import type { CaseView } from "@/lib/cases/case-view";

/** The case page's header links: the case report (PDF), continue one's own draft, or change the scope (resubmit a case sent back). */
export function CaseHeaderActions({ caseId, view, report }: { caseId: string; view: CaseView; report?: boolean }) {
  return (
    <>
      {report ? (
        // A route handler, not a page: a plain link that downloads the PDF (lib/cases/case-report.ts).
        <a href={`/api/cases/${caseId}/report.pdf`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">
          Download case report (PDF)
        </a>
      ) : null}
      {report ? (
        <a href={`/api/cases/${caseId}/report.pdf?internal=1`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">
          Case report with internal entries
        </a>
      ) : null}
      {view.canContinueDraft ? (
        <Link href={`/cases/${caseId}/edit`} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500">Continue the draft</Link>
      ) : null}
      {view.scopeChange ? (
        <Link href={`/cases/${caseId}/edit`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">
          {view.scopeChange === "resubmit" ? "Narrow the scope and resubmit" : "Change scope"}
        </Link>
      ) : null}
    </>
  );
}
