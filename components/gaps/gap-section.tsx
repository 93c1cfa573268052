import { ActionForm } from "@/components/ui/action-form";
import { Time } from "@/components/ui/time";
import type { ActionResult } from "@/lib/action";
import type { CaseGapView } from "@/lib/gaps/queries";
import { GapForm } from "./gap-form";

type Action = (input: unknown) => Promise<ActionResult<unknown>>;

const TONE: Record<string, string> = {
  filed: "border-emerald-200 bg-emerald-50 text-emerald-900",
  stopped: "border-red-200 bg-red-50 text-red-900",
  queued: "border-amber-200 bg-amber-50 text-amber-900",
  kept: "border-slate-200 bg-slate-50 text-slate-800",
  not_needed: "border-slate-200 bg-slate-50 text-slate-800",
};

/** The case page's "Audit Events gap" section (process step 10): the record, its filing, and the form. */
export function GapSection({ gap, recordGap, retryFiling }: { gap: CaseGapView; recordGap: Action; retryFiling: Action }) {
  const r = gap.record;
  return (
    <section id="gap" aria-labelledby="gap-heading" className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="gap-section">
      <h2 id="gap-heading" className="text-base font-semibold text-slate-900">Audit Events gap</h2>
      <p className="mt-1 text-sm text-slate-600">
        Which events the log-dive needed that the product&apos;s Audit Events do not record (step 10). One issue per case goes to the product&apos;s tracker, with the reference, the event types and the plan only.
      </p>

      {r ? (
        <div className="mt-3 space-y-2 text-sm text-slate-800" data-testid="gap-record">
          {r.noGap ? (
            <p>
              <span className="font-medium">No gap.</span> {r.noGapReason}
            </p>
          ) : (
            <>
              <p className="font-medium">Missing event types ({r.events.length}):</p>
              <ul className="flex flex-wrap gap-2">
                {r.events.map((e) => (
                  <li key={e.name} className="rounded-full border border-slate-300 bg-slate-50 px-3 py-0.5 text-xs">
                    <code className="font-mono">{e.name}</code>
                    {e.catalogued ? null : <span className="text-slate-600"> (typed)</span>}
                  </li>
                ))}
              </ul>
              <p>
                <span className="font-medium">Needed for:</span> <span className="whitespace-pre-wrap">{r.neededFor}</span>
              </p>
            </>
          )}
          <p className="text-xs text-slate-600">
            Recorded by {r.recordedBy} <Time value={r.recordedAt} />
            {r.updatedAt.getTime() - r.recordedAt.getTime() > 1000 ? (
              <>
                , last changed <Time value={r.updatedAt} />
              </>
            ) : null}
            .
          </p>
          <div className={`rounded-md border px-3 py-2 ${TONE[r.filingState] ?? ""}`} data-testid="gap-filing-state" role="status">
            <p>
              <span className="font-medium">Tracker issue: </span>
              {r.stateInWords}{" "}
              {r.issueUrl ? (
                <a href={r.issueUrl} className="font-medium underline" rel="noreferrer noopener" target="_blank">
                  Open issue #{r.issueIid}<span className="sr-only"> in the tracker (new tab)</span>
                </a>
              ) : null}
            </p>
          </div>
          {gap.mayRetry ? (
            <ActionForm action={retryFiling} fields={[]} extra={{ caseId: gap.caseId }} submitLabel="Retry filing" tone="secondary" successMessage="Queued: the filing will run again." testId="gap-retry" />
          ) : null}
        </div>
      ) : (
        <p className="mt-3 text-sm text-slate-700">Not recorded yet.{gap.mayRecord ? "" : ` ${gap.whyNot ?? ""}`}</p>
      )}

      {gap.mayRecord && !r ? (
        <div className="mt-4">
          <GapForm caseId={gap.caseId} amend={false} trackerConfigured={gap.trackerConfigured} initial={null} recordGap={recordGap} />
        </div>
      ) : null}
      {gap.mayRecord && r ? (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium text-indigo-700">Amend the gap record</summary>
          <div className="mt-3">
            <GapForm
              caseId={gap.caseId}
              amend
              trackerConfigured={gap.trackerConfigured}
              initial={{ noGap: r.noGap, noGapReason: r.noGapReason ?? "", eventTypes: r.events.map((e) => e.name), catalogued: r.events.filter((e) => e.catalogued).map((e) => e.name), neededFor: r.neededFor }}
              recordGap={recordGap}
            />
          </div>
        </details>
      ) : null}
    </section>
  );
}
