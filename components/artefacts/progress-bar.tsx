/** A labelled progress bar (role=progressbar) with the figure beside it. */
export function ProgressBar({ label, value, detail, testId }: { label: string; value: number; detail?: string; testId?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value * 100)));
  return (
    <div data-testid={testId}>
      <div className="flex items-baseline justify-between text-xs text-slate-600">
        <span>{label}</span>
        <span aria-hidden="true">{detail ?? `${pct}%`}</span>
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="mt-1 h-2 w-full overflow-hidden rounded bg-slate-200">
        <div className="h-full rounded bg-indigo-600 transition-[width] duration-300" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "–";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}
