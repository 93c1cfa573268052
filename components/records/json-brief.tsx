/** A JSON column in a cell: short values inline, long ones folded (keyboard-operable <details>). */
export function JsonBrief({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  const text = JSON.stringify(value);
  if (text.length <= 80) {
    return (
      <div className="break-all font-mono text-xs text-slate-600">
        <span className="font-sans text-slate-500">{label}: </span>
        {text}
      </div>
    );
  }
  return (
    <details className="text-xs text-slate-600">
      <summary className="cursor-pointer text-slate-500">{label} ({text.length} characters)</summary>
      <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
