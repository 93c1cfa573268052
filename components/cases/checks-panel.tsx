import type { Decision } from "@/lib/workflow";
import { describePolicyVersion } from "@/lib/workflow/describe-policy";

const CHECK_LABELS: Record<string, string> = {
  plan: "Plan",
  deployment: "Deployment",
  ownership: "Ownership",
  window: "Time window",
  "log-source": "Log sources",
  resources: "Resources",
  "event-types": "Event types",
};

const OUTCOME = {
  eligible: { text: "Eligible", tone: "bg-emerald-100 text-emerald-800" },
  rescope: { text: "Needs re-scope", tone: "bg-amber-100 text-amber-900" },
  ineligible: { text: "Ineligible", tone: "bg-red-100 text-red-800" },
} as const;

/** Every check with its reason; used live in the intake form and for stored decisions. */
export function ChecksPanel({ decision, title = "Conditions", note }: { decision: Pick<Decision, "outcome" | "route" | "extended" | "checks"> & { policyVersion?: string }; title?: string; note?: React.ReactNode }) {
  const o = OUTCOME[decision.outcome];
  return (
    <section aria-labelledby="checks-heading" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id="checks-heading" className="text-sm font-semibold text-slate-900">{title}</h2>
        <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${o.tone}`} data-testid="outcome">
          {o.text}
          {decision.route ? ` → ${decision.route === "sirt" ? "SIRT" : "Support"}` : ""}
          {decision.extended && decision.outcome === "eligible" ? " · extended window" : ""}
        </span>
      </div>
      <ul className="divide-y divide-slate-100" aria-live="polite">
        {decision.checks.map((c) => (
          <li key={c.id} className="flex gap-3 px-4 py-2.5 text-sm" data-testid={`check-${c.id}`} data-result={c.result}>
            <span aria-hidden className={`mt-0.5 inline-flex h-5 w-5 flex-none items-center justify-center rounded-full text-xs font-bold ${c.result === "pass" ? "bg-emerald-100 text-emerald-700" : "bg-red-100 text-red-700"}`}>
              {c.result === "pass" ? "✓" : "✗"}
            </span>
            <div>
              <div className="font-medium text-slate-800">
                {CHECK_LABELS[c.id] ?? c.id} <span className="sr-only">{c.result === "pass" ? "passes" : "fails"}</span>
              </div>
              <p className="text-slate-600">{c.message}</p>
            </div>
          </li>
        ))}
      </ul>
      {note || decision.policyVersion ? (
        <div className="break-words border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
          {note}
          {decision.policyVersion ? <div data-testid="policy">{describePolicyVersion(decision.policyVersion)}</div> : null}
        </div>
      ) : null}
    </section>
  );
}
