"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** What a chart draws: the first column labels the x axis, `series` name the columns drawn (from lib/reports/tables.ts). */
export interface ChartData {
  chart: "bar" | "stacked" | "line";
  columns: string[];
  series: string[];
  rows: (string | number | null)[][];
}

/** Colours in series order, told apart by lightness as well as hue. */
const COLOURS = ["#4338ca", "#f59e0b", "#059669", "#e11d48", "#0284c7", "#64748b", "#a21caf"];

/** A week's Monday as "30 Nov" on the axis. */
const shortDay = (v: unknown) => {
  const s = String(v);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  return new Date(`${s}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
};

/**
 * One Reports chart (recharts). It is a picture of the table printed with it: hidden from
 * assistive technology (the table beside it is what a screen reader reads), and not focusable.
 */
export function ReportChart({ data }: { data: ChartData }) {
  const x = data.columns[0]!;
  const rows = data.rows.map((r) => Object.fromEntries(data.columns.map((c, i) => [c, r[i]])));
  const common = { data: rows, margin: { top: 8, right: 16, bottom: 8, left: 0 }, accessibilityLayer: false };
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis dataKey={x} tickFormatter={shortDay} tick={{ fontSize: 12, fill: "#475569" }} interval="preserveStartEnd" minTickGap={12} />
      <YAxis allowDecimals={data.columns.some((c) => /hours/.test(c))} tick={{ fontSize: 12, fill: "#475569" }} width={44} />
      <Tooltip labelFormatter={shortDay} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
    </>
  );
  return (
    <div aria-hidden="true" className="h-64 w-full" data-testid="report-chart">
      <ResponsiveContainer width="100%" height="100%">
        {data.chart === "line" ? (
          <LineChart {...common}>
            {axes}
            {data.series.map((s, i) => (
              <Line key={s} type="linear" dataKey={s} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} dot={rows.length <= 20} isAnimationActive={false} />
            ))}
          </LineChart>
        ) : (
          <BarChart {...common}>
            {axes}
            {data.series.map((s, i) => (
              <Bar key={s} dataKey={s} fill={COLOURS[i % COLOURS.length]} stackId={data.chart === "stacked" ? "a" : undefined} isAnimationActive={false} maxBarSize={48} />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
