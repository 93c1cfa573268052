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
  const byWeek = data.rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(String(r[0])));
  const decimals = data.columns.some((c) => /hours/.test(c));
  const tick = { fontSize: 12, fill: "#475569" };
  const extras = (
    <>
      <Tooltip labelFormatter={shortDay} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
    </>
  );
  // Weeks run along the x axis; named categories (statuses, outcomes, ...) are bars across, their labels in full on the left.
  const horizontal = !byWeek && data.chart !== "line";
  const height = horizontal ? Math.max(180, rows.length * (data.series.length > 1 && data.chart === "bar" ? 44 : 32) + 70) : 256;
  return (
    <div aria-hidden="true" className="w-full" style={{ height }} data-testid="report-chart">
      <ResponsiveContainer width="100%" height="100%">
        {data.chart === "line" ? (
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey={x} tickFormatter={shortDay} tick={tick} interval="preserveStartEnd" minTickGap={12} />
            <YAxis allowDecimals={decimals} tick={tick} width={44} />
            {extras}
            {data.series.map((s, i) => (
              <Line key={s} type="linear" dataKey={s} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} dot={rows.length <= 20} isAnimationActive={false} />
            ))}
          </LineChart>
        ) : horizontal ? (
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
            <XAxis type="number" allowDecimals={decimals} tick={tick} />
            <YAxis type="category" dataKey={x} tick={tick} width={150} interval={0} />
            {extras}
            {data.series.map((s, i) => (
              <Bar key={s} dataKey={s} fill={COLOURS[i % COLOURS.length]} stackId={data.chart === "stacked" ? "a" : undefined} isAnimationActive={false} maxBarSize={28} />
            ))}
          </BarChart>
        ) : (
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey={x} tickFormatter={shortDay} tick={tick} interval="preserveStartEnd" minTickGap={12} />
            <YAxis allowDecimals={decimals} tick={tick} width={44} />
            {extras}
            {data.series.map((s, i) => (
              <Bar key={s} dataKey={s} fill={COLOURS[i % COLOURS.length]} stackId={data.chart === "stacked" ? "a" : undefined} isAnimationActive={false} maxBarSize={48} />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
