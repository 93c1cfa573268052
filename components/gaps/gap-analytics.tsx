import Link from "@/components/ui/app-link";
import type { GapAnalytics } from "@/lib/gaps/queries";
import { GapBarChart } from "./gap-bar-chart";

const STATE_WORDS: Record<string, string> = { filed: "filed", queued: "waiting to be filed", stopped: "filing stopped", kept: "kept for filing by hand", not_needed: "no gap" };

/** The gap analytics: the charts, then each top event type with its cases and their issues. */
export function GapAnalyticsView({ data, caseLinks, range }: { data: GapAnalytics; caseLinks: boolean; range: string }) {
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" data-testid="gap-totals">
        {data.totalMissing} missing event{data.totalMissing === 1 ? "" : "s"} named on {data.totalRecords} gap record{data.totalRecords === 1 ? "" : "s"} ({range}).
      </p>
      <GapBarChart
        id="by-event-type"
        title="Missing events asked for most"
        layout="vertical"
        rows={data.byEventType.map((t) => ({ eventType: t.eventType, cases: t.cases }))}
        category={{ key: "eventType", label: "Event type" }}
        series={[{ key: "cases", label: "Cases" }]}
        filename="gaps-by-event-type.csv"
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <GapBarChart id="by-month" title="Per month" rows={data.byMonth} category={{ key: "month", label: "Month" }} series={[{ key: "events", label: "Missing events" }, { key: "cases", label: "Cases" }]} filename="gaps-by-month.csv" />
        <GapBarChart id="by-plan" title="By plan" rows={data.byPlan} category={{ key: "plan", label: "Plan" }} series={[{ key: "events", label: "Missing events" }]} filename="gaps-by-plan.csv" />
        <GapBarChart id="by-route" title="By route" rows={data.byRoute} category={{ key: "route", label: "Route" }} series={[{ key: "events", label: "Missing events" }]} filename="gaps-by-route.csv" />
      </div>
      <section aria-labelledby="by-type-cases" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="by-type-cases" className="mb-1 text-base font-semibold text-slate-900">Each event type&apos;s cases and issues</h2>
        <p className="mb-3 text-sm text-slate-600">
          {caseLinks ? "The cases you may see; the counts above cover every case." : "Which case lacked which events is case content: the counts only."}
        </p>
        {data.byEventType.length === 0 ? (
          <p className="text-sm text-slate-600">No missing events were recorded in this range.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {data.byEventType.map((t) => {
              const cases = data.casesByEventType[t.eventType] ?? [];
              return (
                <li key={t.eventType} className="py-2">
                  <p className="text-sm">
                    <code className="font-mono text-sm text-slate-900">{t.eventType}</code>{" "}
                    <span className="text-slate-600">
                      · {t.cases} case{t.cases === 1 ? "" : "s"}
                      {t.catalogued ? "" : " · not in the catalogue"}
                    </span>
                  </p>
                  {cases.length > 0 && (
                    <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                      {cases.map((c) => (
                        <li key={c.caseId}>
                          {caseLinks ? <Link className="text-blue-700 underline" href={`/cases/${c.caseId}#gap`}>{c.reference}</Link> : <span>{c.reference}</span>}{" "}
                          {c.issueUrl ? (
                            <a className="text-blue-700 underline" href={c.issueUrl} rel="noreferrer noopener" target="_blank">
                              issue #{c.issueIid}<span className="sr-only"> (opens the tracker)</span>
                            </a>
                          ) : (
                            <span className="text-slate-600">({STATE_WORDS[c.filingState] ?? c.filingState})</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
