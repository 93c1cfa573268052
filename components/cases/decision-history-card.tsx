import type { CasePage } from "@/lib/cases/case-page";
import { utc } from "./case-card";

/** Every evaluation of the case, newest first (a change of scope or Legal's decision adds one). */
export function DecisionHistoryCard({ c }: { c: CasePage["c"] }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="history-heading">
      <h2 id="history-heading" className="text-sm font-semibold text-slate-900">Decision history</h2>
      <ol className="mt-2 space-y-1 text-sm">
        {c.decisions.map((d) => (
          <li key={d.id} className="flex flex-wrap gap-x-3 text-slate-700">
            <span className="w-40 text-slate-500">{utc(d.evaluatedAt)}</span>
            <span className="font-medium">{d.outcome}{d.route ? ` → ${d.route}` : ""}</span>
            <span className="text-slate-500">{d.reason} by {c.names[d.evaluatedById ?? ""] ?? "system"}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
