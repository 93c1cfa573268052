"use client";

import { ReportChart } from "./report-chart";
import type { ReportTable } from "@/lib/reports/tables";

/**
 * One report: its chart, the sentence saying what it counts, its CSV download and the figures as
 * a table (for screen readers, and for anyone who would rather read). A client component fed the
 * table once: the chart and the table are drawn from the same rows, and the page's Server
 * Components payload carries those rows as data once instead of as a chart's props plus a tree of
 * table elements (issue 15: the Reports page was 478 server elements, 53 KB of payload).
 */
export function ReportCard({ table: t, hasData, from, to }: { table: ReportTable; hasData: boolean; from: string; to: string }) {
  const id = `report-${t.name}`;
  const csv = `/api/reports/${t.name}.csv?${new URLSearchParams({ from, to }).toString()}`;
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={id}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">{t.title}</h2>
        <a href={csv} download className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50" aria-label={`Download CSV: ${t.title}`}>
          Download CSV
        </a>
      </div>
      <p className="mt-1 text-xs text-slate-600">{t.note}</p>
      <div className="mt-3">
        {hasData ? <ReportChart data={{ chart: t.chart, columns: t.columns, series: t.series, rows: t.rows }} /> : <p className="rounded-md bg-slate-50 px-3 py-6 text-center text-sm text-slate-600">{t.empty}</p>}
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-700">Show the figures as a table</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t.title}</caption>
            <thead>
              <tr>
                {t.columns.map((c, i) => (
                  <th key={c} scope="col" className={`px-2 py-1 text-xs font-medium text-slate-600 ${i === 0 ? "text-left" : "text-right"}`}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {t.rows.map((r) => (
                <tr key={String(r[0])}>
                  {r.map((c, i) =>
                    i === 0 ? (
                      <th key={i} scope="row" className="px-2 py-1 text-left font-normal text-slate-800">{c}</th>
                    ) : (
                      <td key={i} className="px-2 py-1 text-right tabular-nums text-slate-800">{c ?? "—"}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
