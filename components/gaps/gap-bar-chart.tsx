"use client";

import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { csvRow } from "@/lib/records/csv";

export interface ChartColumn {
  key: string;
  label: string;
}

/**
 * One chart of the gap analytics: a bar chart (hidden from screen readers, which get the table
 * below it instead), the same numbers as a table, and a CSV download of them.
 */
export function GapBarChart({
  id,
  title,
  rows,
  category,
  series,
  filename,
  layout = "horizontal",
}: {
  id: string;
  title: string;
  rows: Record<string, string | number>[];
  category: ChartColumn;
  series: ChartColumn[];
  filename: string;
  layout?: "horizontal" | "vertical";
}) {
  const csvHref = useMemo(() => {
    const csv = csvRow([category.label, ...series.map((s) => s.label)]) + rows.map((r) => csvRow([r[category.key] as string, ...series.map((s) => r[s.key] as number)])).join("");
    return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
  }, [rows, category, series]);
  const colors = ["#1d4ed8", "#0f766e", "#b45309"];
  const vertical = layout === "vertical";
  const height = vertical ? Math.max(160, rows.length * 28 + 40) : 260;
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">{title}</h2>
        <a href={csvHref} download={filename} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50">
          Download CSV<span className="sr-only"> of {title}</span>
        </a>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing in this range.</p>
      ) : (
        <>
          <div aria-hidden="true" style={{ width: "100%", height }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={rows} layout={vertical ? "vertical" : "horizontal"} margin={{ top: 4, right: 16, bottom: 4, left: vertical ? 8 : 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                {vertical ? (
                  <>
                    <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: "#334155" }} />
                    <YAxis type="category" dataKey={category.key} width={240} tick={{ fontSize: 11, fill: "#334155" }} />
                  </>
                ) : (
                  <>
                    <XAxis dataKey={category.key} tick={{ fontSize: 12, fill: "#334155" }} />
                    <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#334155" }} />
                  </>
                )}
                <Tooltip />
                {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
                {series.map((s, i) => (
                  <Bar key={s.key} dataKey={s.key} name={s.label} fill={colors[i % colors.length]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-slate-700">Show the figures as a table</summary>
            <table className="mt-2 w-full text-left text-sm" aria-labelledby={`${id}-title`}>
              <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-1.5">{category.label}</th>
                  {series.map((s) => <th key={s.key} scope="col" className="px-3 py-1.5 text-right">{s.label}</th>)}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((r) => (
                  <tr key={String(r[category.key])}>
                    <th scope="row" className="px-3 py-1.5 font-mono text-xs font-normal">{r[category.key]}</th>
                    {series.map((s) => <td key={s.key} className="px-3 py-1.5 text-right tabular-nums">{r[s.key]}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
