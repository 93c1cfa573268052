import type { Metadata } from "next";
import { JsonBrief } from "@/components/records/json-brief";
import { KeysetPager, RecordFilters, RecordTabs, type FilterField } from "@/components/records/record-filters";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { Time } from "@/components/ui/time";
import { fieldErrorsOf } from "@/lib/action-errors";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { filterParams, firstValues, SECURITY_EVENT_KIND_LABELS, SECURITY_EVENT_KINDS, ZSecurityEventFilter } from "@/lib/records/filters";
import { searchSecurityEvents } from "@/lib/security-events/search";

export const metadata: Metadata = { title: "Security events" };

const FIELDS: FilterField[] = [
  { name: "from", label: "From (UTC day)", type: "date" },
  { name: "to", label: "To (UTC day)", type: "date" },
  { name: "actor", label: "Actor", placeholder: "Email or name" },
  { name: "kind", label: "Kind", type: "select", options: SECURITY_EVENT_KINDS.map((k) => ({ value: k, label: SECURITY_EVENT_KIND_LABELS[k] })) },
  { name: "target", label: "Target", placeholder: "e.g. page:, action:" },
  { name: "outcome", label: "Outcome", suggestions: ["FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED", "CredentialsSignin", "RateLimited", "Deactivated", "signedOut", "signedOutEverywhere"] },
];
const KEYS = FIELDS.map((f) => f.name);

/** The security events (Admin and Legal): failed and blocked sign-ins, sign-outs and refusals, filtered, paged newest first, exported as CSV. */
export default async function SecurityEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("securityEvents.read");
  const values = firstValues(await searchParams);
  const parsed = ZSecurityEventFilter.safeParse(values);
  const params = filterParams(values, KEYS);
  const page = parsed.success ? await searchSecurityEvents(parsed.data) : null;
  const filtered = Object.keys(params).length > 0;
  const exportHref = `/api/security-events/export${filtered ? `?${new URLSearchParams(params).toString()}` : ""}`;
  const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
  return (
    <>
      <PageHeader
        title="Records"
        description="Failed and blocked sign-ins, sign-outs, and requests Logdesk refused (403 or 404), with who, from which address and what they tried. Kept apart from the activity log, append-only."
        actions={<a className={button} href={exportHref} download>Export CSV</a>}
      />
      <RecordTabs current="security" activity={can(user.role, "activity.read")} securityEvents />
      <RecordFilters label="Filter the security events" basePath="/security-events" fields={FIELDS} values={values} errors={parsed.success ? {} : fieldErrorsOf(parsed.error)} />
      {!page ? (
        <EmptyState title="Correct the filters">Each filter that is not valid says why beside it.</EmptyState>
      ) : page.rows.length === 0 ? (
        <EmptyState title={filtered ? "No events match" : "No security events yet"}>
          {filtered ? "No event matches these filters. Widen the dates or clear a filter." : "Failed sign-ins, sign-outs and refused requests appear here."}
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="security-events-table">
              <caption className="sr-only">Security events, newest first</caption>
              <TableHead dense columns={["When", "Kind", "Who", "Address", "Target", "Outcome", "Details"]} />
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((r) => (
                  <tr key={r.id.toString()} className="align-top">
                    <td className="whitespace-nowrap px-3 py-2 text-slate-600"><Time value={r.at} /></td>
                    <td className="px-3 py-2 text-slate-800">{SECURITY_EVENT_KIND_LABELS[r.kind as keyof typeof SECURITY_EVENT_KIND_LABELS] ?? r.kind}</td>
                    <td className="px-3 py-2">
                      <div className="text-slate-900">{r.actorName ?? (r.actorId ? r.actorId : "—")}</div>
                      {r.email ? <div className="break-all text-xs text-slate-500">{r.email}</div> : null}
                    </td>
                    <td className="px-3 py-2 font-mono text-xs text-slate-600">{r.address ?? "—"}</td>
                    <td className="break-all px-3 py-2 font-mono text-xs text-slate-800">{r.target}</td>
                    <td className="px-3 py-2 font-mono text-xs text-slate-800">{r.outcome}</td>
                    <td className="max-w-xs px-3 py-2"><JsonBrief label="detail" value={r.detail} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <KeysetPager basePath="/security-events" params={params} newerThan={page.newerThan} olderThan={page.olderThan} shown={page.rows.length} />
        </>
      )}
    </>
  );
}
