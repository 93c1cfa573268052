import type { CasePage } from "@/lib/cases/case-page";
import type { ResourceRef } from "@/lib/workflow";
import { formatDateTime } from "@/lib/format/datetime";
import { Time } from "@/components/ui/time";
import { StatusBadge } from "./status-badge";
import { OPEN_FOR_UPDATES } from "@/lib/updates/due";

/** What was asked, for whom, and where the case stands: status, team, assignee, the next update due. */
export function CaseSummaryCard({ c, teamTimeZone }: { c: CasePage["c"]; teamTimeZone?: string | null }) {
  const resources = c.resources as ResourceRef[];
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label="Case summary">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
        <div><dt className="text-slate-500">Status</dt><dd className="mt-1"><StatusBadge status={c.status} resolution={c.resolution} /></dd></div>
        <div><dt className="text-slate-500">Team</dt><dd className="mt-1">{c.team === "sirt" ? "SIRT" : c.team === "support" ? "Support" : "—"}{c.extended && c.team ? " · extended window (takes longer)" : ""}</dd></div>
        <div><dt className="text-slate-500">Requested</dt><dd className="mt-1">{c.requestedAt ? formatDateTime(c.requestedAt) : "not yet submitted"}</dd></div>
        <div><dt className="text-slate-500">Requester</dt><dd className="mt-1">{c.requesterName || "—"} {c.requesterEmail ? <span className="text-slate-500">&lt;{c.requesterEmail}&gt;</span> : null}</dd></div>
        <div><dt className="text-slate-500">Account</dt><dd className="mt-1">{c.account.name} <span className="text-slate-500">({c.account.plan}, {c.account.deployment === "saas" ? "SaaS" : "self-managed"})</span></dd></div>
        <div><dt className="text-slate-500">Assignee</dt><dd className="mt-1">{c.assignee?.name ?? (c.team ? "unassigned" : "—")}{c.priority ? ` · P${c.priority}` : ""}</dd></div>
        <div><dt className="text-slate-500">Next customer update due</dt><dd className="mt-1">{(OPEN_FOR_UPDATES as readonly string[]).includes(c.status) ? <Time value={c.nextUpdateDue} timeZone={teamTimeZone} /> : <span className="text-slate-500">{c.status === "closed" ? "none: the case is closed" : c.status === "shared" ? "none: the artefacts were shared" : "—"}</span>}</dd></div>
        {c.status === "closed" ? (
          <div className="sm:col-span-3" data-testid="closed-note"><dt className="text-slate-500">Closed</dt><dd className="mt-1">{formatDateTime(c.closedAt)} · read-only: the history below stays, nothing on the case can change.</dd></div>
        ) : null}
        <div className="sm:col-span-3"><dt className="text-slate-500">Log window</dt><dd className="mt-1">{formatDateTime(c.windowFrom)} → {formatDateTime(c.windowTo)} · {c.logSources.join(", ") || "no log sources"} · personal data: {c.personalData ? "yes" : "no"}</dd></div>
        <div className="sm:col-span-3">
          <dt className="text-slate-500">Resources ({resources.length})</dt>
          <dd className="mt-1 flex flex-wrap gap-1.5">{resources.map((r) => <span key={`${r.kind}:${r.path}`} className="rounded-full border border-slate-200 bg-slate-50 px-2 py-0.5 text-xs"><span className="text-slate-500">{r.kind}</span> {r.path}</span>)}</dd>
        </div>
        <div className="sm:col-span-3">
          <dt className="text-slate-500">Event types ({c.eventTypes.length})</dt>
          <dd className="mt-1 flex flex-wrap gap-1.5">{c.eventTypes.map((e) => <code key={e} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{e}</code>)}</dd>
        </div>
      </dl>
      <h3 className="mt-4 text-sm font-medium text-slate-500">Incident summary</h3>
      <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{c.summary || "—"}</p>
    </section>
  );
}
