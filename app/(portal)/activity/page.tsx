import type { Metadata } from "next";
import { JsonBrief } from "@/components/records/json-brief";
import { KeysetPager, RecordFilters, RecordTabs, type FilterField } from "@/components/records/record-filters";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { Time } from "@/components/ui/time";
import { fieldErrorsOf } from "@/lib/action-errors";
import { latestAuditCheckpoint } from "@/lib/audit/checkpoint-export";
import { searchActivity } from "@/lib/audit/search";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { filterParams, firstValues, ZActivityFilter } from "@/lib/records/filters";

export const metadata: Metadata = { title: "Activity log" };

const FIELDS: FilterField[] = [
  { name: "from", label: "From (UTC day)", type: "date" },
  { name: "to", label: "To (UTC day)", type: "date" },
  { name: "actor", label: "Actor", placeholder: "Email, name, system" },
  { name: "action", label: "Action", placeholder: "e.g. case.", suggestions: ["case.", "artefact.", "entry.", "user.", "account.", "settings.", "apiToken."] },
  { name: "case", label: "Case", placeholder: "IR-2026-0001" },
];
const KEYS = FIELDS.map((f) => f.name);

/** The activity log (Admin and Legal): every change staff, tokens and the system made, filtered, paged newest first, exported as CSV; and the chain's signed checkpoints. */
export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("activity.read");
  const values = firstValues(await searchParams);
  const parsed = ZActivityFilter.safeParse(values);
  const params = filterParams(values, KEYS);
  const [page, checkpoint] = await Promise.all([parsed.success ? searchActivity(parsed.data) : null, latestAuditCheckpoint()]);
  const filtered = Object.keys(params).length > 0;
  const exportHref = `/api/activity/export${filtered ? `?${new URLSearchParams(params).toString()}` : ""}`;
  const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
  return (
    <>
      <PageHeader
        title="Records"
        description="What staff, API tokens and Logdesk itself did, as the activity log recorded it. Every entry is sealed in a hash chain (npm run audit:verify checks it)."
        actions={
          <>
            <a className={button} href={exportHref} download>Export CSV</a>
            <a className={button} href="/api/activity/checkpoints" download>Download checkpoints</a>
          </>
        }
      />
      <RecordTabs current="activity" activity securityEvents={can(user.role, "securityEvents.read")} />
      <p className="mb-4 text-sm text-slate-600" data-testid="latest-checkpoint">
        {checkpoint ? (
          <>
            Latest signed checkpoint: {checkpoint.count.toString()} entries, head <code className="break-all font-mono text-xs">{checkpoint.headHash}</code>, <Time value={checkpoint.at} />. Download the checkpoints with the public key and keep them outside Logdesk.
          </>
        ) : (
          <>No signed checkpoint yet: the worker signs the chain&apos;s head hourly once it has entries.</>
        )}
      </p>
      <RecordFilters label="Filter the activity log" basePath="/activity" fields={FIELDS} values={values} errors={parsed.success ? {} : fieldErrorsOf(parsed.error)} />
      {!page ? (
        <EmptyState title="Correct the filters">Each filter that is not valid says why beside it.</EmptyState>
      ) : page.rows.length === 0 ? (
        <EmptyState title={filtered ? "No entries match" : "No activity yet"}>
          {filtered ? "No entry matches these filters. Widen the dates or clear a filter." : "Entries appear here as staff, API tokens and Logdesk change things."}
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="activity-table">
              <caption className="sr-only">Activity log entries, newest first</caption>
              <TableHead dense columns={["When", "Actor", "Action", "Target", "Case", "Details"]} />
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((r) => (
                  <tr key={r.id.toString()} className="align-top">
                    <td className="whitespace-nowrap px-3 py-2 text-slate-600"><Time value={r.at} /></td>
                    <td className="px-3 py-2">
                      <div className="text-slate-900">{r.actorName ?? r.actorId ?? "—"}</div>
                      {r.actorEmail ? <div className="text-xs text-slate-500">{r.actorEmail}</div> : null}
                      {r.actorRole && r.actorId ? <div className="text-xs text-slate-500">{r.actorRole}</div> : null}
                    </td>
                    <td className="px-3 py-2 font-mono text-xs text-slate-800">{r.action}</td>
                    <td className="px-3 py-2 text-xs text-slate-600"><span className="text-slate-800">{r.entityType}</span> <span className="break-all font-mono">{r.entityId}</span></td>
                    <td className="whitespace-nowrap px-3 py-2 text-xs">{r.caseReference ?? (r.caseId ? "draft" : "—")}</td>
                    <td className="max-w-md px-3 py-2">
                      <JsonBrief label="before" value={r.before} />
                      <JsonBrief label="after" value={r.after} />
                      <JsonBrief label="meta" value={r.meta} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <KeysetPager basePath="/activity" params={params} newerThan={page.newerThan} olderThan={page.olderThan} shown={page.rows.length} />
        </>
      )}
    </>
  );
}
