const WEEKDAY = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** A small bar chart of updates falling due per UTC day: plain SVG, no chart library. */
export function DuePerDayChart({ days }: { days: { day: string; count: number; atLeast?: boolean }[] }) {
  const label = (d: { count: number; atLeast?: boolean }) => `${d.count.toLocaleString("en")}${d.atLeast ? "+" : ""}`;
  const max = Math.max(1, ...days.map((d) => d.count));
  const barW = 36;
  const gap = 14;
  const h = 72;
  const width = days.length * (barW + gap) - gap;
  return (
    <figure className="mb-6 rounded-lg border border-slate-200 bg-white px-4 py-3">
      <figcaption className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">Updates falling due per day (UTC)</figcaption>
      <svg role="img" aria-label={days.map((d) => `${d.day}: ${label(d)}`).join(", ")} width={width} height={h + 34} viewBox={`0 0 ${width} ${h + 34}`}>
        {days.map((d, i) => {
          const x = i * (barW + gap);
          const bh = d.count === 0 ? 2 : Math.max(6, Math.round((d.count / max) * h));
          const date = new Date(`${d.day}T00:00:00Z`);
          const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
          return (
            <g key={d.day}>
              <rect x={x} y={h - bh + 12} width={barW} height={bh} rx={3} className={d.count === 0 ? "fill-slate-200" : weekend ? "fill-slate-400" : "fill-indigo-500"} />
              <text x={x + barW / 2} y={h - bh + 8} textAnchor="middle" className="fill-slate-700 text-[11px]">{label(d)}</text>
              <text x={x + barW / 2} y={h + 28} textAnchor="middle" className={`text-[11px] ${weekend ? "fill-slate-400" : "fill-slate-600"}`}>
                {i === 0 ? "Today" : `${WEEKDAY[date.getUTCDay()]} ${date.getUTCDate()}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
