import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePageUser } from "@/lib/auth/session";
import { legalQueue, teamQueue } from "@/lib/cases/queues";
import type { ResourceRef } from "@/lib/workflow";
import { TableHead } from "@/components/ui/table-head";

export const metadata: Metadata = { title: "Queue" };

const QUEUE = {
  support: ["Support queue", "Eligible cases routed to Support: non-complex application log requests within 7 days that disclose no personal data."],
  sirt: ["SIRT triage queue", "Cases routed to SIRT (extended windows, personal data, many resources), unassigned first. The SIRT team is tagged when one arrives."],
  legal: ["Legal queue", "Plan exception requests (process step 4), subpoena referrals for resources the customer does not own, and artefacts waiting for Legal review."],
} as const;

const utc = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");
const age = (d: Date | null) => {
  if (!d) return "—";
  const h = Math.floor((Date.now() - d.getTime()) / 3_600_000);
  return h < 48 ? `${h} h` : `${Math.floor(h / 24)} d`;
};

export default async function QueuePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser("queue.read");
  const [title, what] = QUEUE[user.role as keyof typeof QUEUE];
  if (user.role === "legal") {
    const { exceptions, referrals } = await legalQueue(user);
    return (
      <>
        <PageHeader title={title} description={what} />
        {exceptions.length + referrals.length === 0 ? (
          <EmptyState title="Nothing waiting">Exception requests and subpoena referrals appear here as soon as Support or a CSM files them.</EmptyState>
        ) : (
          <div className="space-y-6">
            <section aria-labelledby="ex-h" className="rounded-lg border border-slate-200 bg-white">
              <h2 id="ex-h" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">Plan exception requests ({exceptions.length})</h2>
              <ul className="divide-y divide-slate-100">
                {exceptions.map((e) => (
                  <li key={e.id} className="px-4 py-3 text-sm">
                    <Link href={`/cases/${e.case.id}`} className="font-medium text-indigo-700 hover:underline">{e.case.reference}</Link> · {e.case.account.name} ({e.case.account.plan}) · waiting {age(e.createdAt)}
                    <p className="mt-1 text-slate-600">{e.reason}</p>
                  </li>
                ))}
                {exceptions.length === 0 ? <li className="px-4 py-3 text-sm text-slate-500">No exception requests waiting.</li> : null}
              </ul>
            </section>
            <section aria-labelledby="ref-h" className="rounded-lg border border-slate-200 bg-white">
              <h2 id="ref-h" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">Subpoena referrals ({referrals.length})</h2>
              <ul className="divide-y divide-slate-100">
                {referrals.map((r) => (
                  <li key={r.id} className="px-4 py-3 text-sm">
                    <Link href={`/cases/${r.case.id}`} className="font-medium text-indigo-700 hover:underline">{r.case.reference}</Link> · {r.case.account.name} · waiting {age(r.createdAt)}
                    <p className="mt-1 text-slate-600">Not owned: {(r.resources as ResourceRef[]).map((x) => x.path).join(", ")}</p>
                  </li>
                ))}
                {referrals.length === 0 ? <li className="px-4 py-3 text-sm text-slate-500">No referrals waiting.</li> : null}
              </ul>
            </section>
          </div>
        )}
      </>
    );
  }
  const page = Number.parseInt((await searchParams).page ?? "1", 10) || 1;
  const team = user.role === "sirt" ? "sirt" : "support";
  const q = await teamQueue(user, team, page);
  return (
    <>
      <PageHeader title={title} description={what} />
      {q.total === 0 ? (
        <EmptyState title="Nothing waiting">{what} Cases appear here as soon as they are submitted and routed; nothing is waiting for your team right now.</EmptyState>
      ) : (
        <>
          <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <TableHead columns={["Reference", "Account", "Assignee", "Flags", "Age", "Next update due"]} />
              <tbody className="divide-y divide-slate-100">
                {q.rows.map((c) => (
                  <tr key={c.id} className="hover:bg-slate-50">
                    <td className="px-4 py-3 font-medium"><Link className="text-indigo-700 hover:underline" href={`/cases/${c.id}`}>{c.reference}</Link></td>
                    <td className="px-4 py-3">{c.account.name}</td>
                    <td className="px-4 py-3">{c.assignee?.name ?? <span className="text-amber-700">Unassigned</span>}</td>
                    <td className="space-x-1 px-4 py-3">
                      {c.extended ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">extended window</span> : null}
                      {c.personalData ? <span className="rounded bg-purple-100 px-1.5 py-0.5 text-xs text-purple-900">personal data</span> : null}
                      {c.priority ? <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs">P{c.priority}</span> : null}
                    </td>
                    <td className="px-4 py-3 text-slate-600">{age(c.acceptedAt)}</td>
                    <td className="px-4 py-3 text-slate-600">{utc(c.nextUpdateDue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={q.page} pageSize={q.pageSize} total={q.total} basePath="/queue" />
        </>
      )}
    </>
  );
}
