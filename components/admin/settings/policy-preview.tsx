"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action";
import type { OutcomeRoute, PolicyPreview } from "@/lib/settings/preview-policy-change";
import type { PolicyValues } from "@/lib/settings/rules";

type Preview = (input: unknown) => Promise<ActionResult<PolicyPreview>>;

const DEBOUNCE_MS = 500;

/** "eligible, Support", "re-scope", "ineligible". */
export function outcomeLabel(o: OutcomeRoute): string {
  if (o.outcome === "eligible") return `eligible, ${o.route === "sirt" ? "SIRT" : "Support"}`;
  return o.outcome === "rescope" ? "re-scope" : "ineligible";
}

const TONE: Record<OutcomeRoute["outcome"], string> = {
  eligible: "bg-emerald-50 text-emerald-800",
  rescope: "bg-amber-50 text-amber-900",
  ineligible: "bg-red-50 text-red-800",
};

function Badge({ o }: { o: OutcomeRoute }) {
  return <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${TONE[o.outcome]}`}>{outcomeLabel(o)}</span>;
}

/**
 * Which open cases the draft policy values would move, asked of the server half a second after
 * the last change (and again on another page of the list). Only the latest answer is shown. Only
 * its one-line summary is a live region; each row says what the values in force give and, when
 * the case holds something else (evaluated under older values), what it holds.
 */
export function PolicyPreviewPanel({ policy, changed, baseVersion, preview }: { policy: PolicyValues | null; changed: boolean; baseVersion: number; preview: Preview }) {
  const key = policy && changed ? JSON.stringify(policy) : null;
  // The page of the list, per draft: a new draft starts at the first page.
  const [paging, setPaging] = useState({ key, page: 1 });
  const page = paging.key === key ? paging.page : 1;
  const setPage = (p: number) => setPaging({ key, page: p });
  // The latest answer and what it answered: loading until the answer is for the draft shown.
  const request = key ? `${baseVersion}|${page}|${key}` : null;
  const [answer, setAnswer] = useState<{ request: string; result: ActionResult<PolicyPreview> } | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    const ticket = ++asked.current;
    if (!key) return;
    const timer = setTimeout(async () => {
      const r = await preview({ policy: JSON.parse(key), page });
      if (ticket === asked.current) setAnswer({ request: `${baseVersion}|${page}|${key}`, result: r });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, page, baseVersion, preview]);
  const state = { loading: request !== null && answer?.request !== request, result: request ? (answer?.result ?? null) : null };

  const r = state.result;
  const data = r?.ok ? r.data : null;
  const pages = data ? Math.max(1, Math.ceil(data.changed / data.pageSize)) : 1;
  const cases = (n: number) => `${n.toLocaleString("en")} open ${n === 1 ? "case" : "cases"}`;

  // The one line a screen reader hears on each answer; the table below is outside the live region,
  // so it is not read out again every time the draft changes.
  const summary = !changed
    ? policy
      ? "Change a policy value to see which open cases would get another outcome or route."
      : "Correct the policy values to see their effect."
    : state.loading && !data
      ? "Checking the open cases…"
      : r && !r.ok
        ? r.error
        : data && data.changed === 0
          ? `No open case would get another outcome or route${state.loading ? " (checking again…)" : "."} Saving changes only future evaluations.`
          : data
            ? `${data.changed.toLocaleString("en")} of ${cases(data.evaluated)} would get another outcome or route if evaluated again now${state.loading ? " (checking again…)" : "."}`
            : "";
  const showsRows = changed && !!data && data.changed > 0 && !(r && !r.ok);

  return (
    <div className="mt-6 rounded-md border border-slate-200 bg-slate-50 p-4" aria-labelledby="preview-heading" role="region" data-testid="policy-preview">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h4 id="preview-heading" className="text-sm font-semibold text-slate-900">
          Effect on open cases
        </h4>
        {data && changed ? (
          <span className="text-xs text-slate-500">
            compared with version {data.baseVersion}, {cases(data.evaluated)} checked in {data.tookMs.toLocaleString("en")} ms
          </span>
        ) : null}
      </div>
      <p aria-live="polite" aria-atomic="true" aria-busy={state.loading} className={`mt-2 text-sm ${r && !r.ok && changed ? "text-red-700" : "text-slate-700"}`} data-testid="preview-summary">
        {summary}
      </p>
      {showsRows && data ? (
        <div className="mt-1 text-sm text-slate-700">
          <p className="text-xs text-slate-600">
            Each case is judged with its stored facts, first with the values in force (version {data.baseVersion}), then with these. Saving does not re-evaluate them; a scope change does.
          </p>
          <ul className="mt-2 flex flex-wrap gap-2 text-xs" aria-label="Changes by kind">
            {data.byKind.map((k) => (
              <li key={`${outcomeLabel(k.from)}-${outcomeLabel(k.to)}`} className="flex items-center gap-1 rounded-md border border-slate-200 bg-white px-2 py-1">
                <Badge o={k.from} /> <span aria-hidden>→</span>
                <span className="sr-only">to</span> <Badge o={k.to} /> <span className="font-semibold">{k.count.toLocaleString("en")}</span>
              </li>
            ))}
          </ul>
          <div className="mt-3 overflow-x-auto rounded-md border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="preview-rows">
              <caption className="sr-only">Open cases that would get another outcome or route, newest request first</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">Case</th>
                  <th scope="col" className="px-3 py-2">Account</th>
                  <th scope="col" className="px-3 py-2">Status</th>
                  <th scope="col" className="px-3 py-2">With version {data.baseVersion} (in force)</th>
                  <th scope="col" className="px-3 py-2">With these values</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.rows.map((row) => (
                  <tr key={row.caseId} className="align-top">
                    <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium">{row.reference}</th>
                    <td className="px-3 py-2 text-slate-600">{row.account}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-slate-600">{row.status.replace(/_/g, " ")}</td>
                    <td className="px-3 py-2">
                      <Badge o={row.current} />
                      {row.storedDiffers ? (
                        <span className="mt-1 block text-xs text-slate-500" data-testid="preview-stored">
                          stored: {outcomeLabel(row.stored)}
                          {row.storedUnder !== null ? ` (evaluated under version ${row.storedUnder})` : ""}
                        </span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      <Badge o={row.next} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav className="mt-2 flex items-center justify-between text-xs text-slate-600" aria-label="Preview pages">
              <span>
                {(data.page - 1) * data.pageSize + 1}–{Math.min(data.changed, data.page * data.pageSize)} of {data.changed.toLocaleString("en")}
              </span>
              <span className="flex items-center gap-2">
                <button type="button" disabled={data.page <= 1 || state.loading} onClick={() => setPage(data.page - 1)} className="rounded-md border border-slate-300 bg-white px-2 py-1 font-medium disabled:opacity-50">
                  Previous
                </button>
                <span>
                  Page {data.page} of {pages}
                </span>
                <button type="button" disabled={data.page >= pages || state.loading} onClick={() => setPage(data.page + 1)} className="rounded-md border border-slate-300 bg-white px-2 py-1 font-medium disabled:opacity-50">
                  Next
                </button>
              </span>
            </nav>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
