import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePageUser } from "@/lib/auth/session";
import { ApprovalList } from "@/components/artefacts/approval-list";
import { approvalQueue } from "@/lib/artefacts/approval-queue";
import { LEGAL_PAGE, legalQueue, teamQueue } from "@/lib/cases/queues";
import { queueSearchParams, ZQueueQuery } from "@/lib/cases/triage-schemas";
import { can } from "@/lib/auth/permissions";
import { previewText } from "@/lib/format/text";
import { formatCount } from "@/lib/format/count";
import { updateDueOf } from "@/lib/updates/due";
import type { ResourceRef } from "@/lib/workflow";
import { TableHead, type Column } from "@/components/ui/table-head";
import { QueueFilters } from "@/components/queue/queue-filters";
import { QueueRows } from "@/components/queue/queue-row";
import { WaitingList } from "@/components/queue/waiting-list";
import { assignCaseAction, markNeedsRescopeAction, setPriorityAction } from "./actions";

export const metadata: Metadata = { title: "Queue" };

const QUEUE = {
  support: ["Support queue", "Eligible cases routed to Support: non-complex application log requests within 7 days that disclose no personal data."],
  sirt: ["SIRT triage queue", "Cases routed to SIRT (extended windows, personal data, many resources), unassigned first, then by priority. Take a case, set its priority, or send it back to its author when the scope needs narrowing."],
  legal: ["Legal queue", "Plan exception requests (process step 4), subpoena referrals for resources the customer does not own, and artefacts waiting for Legal review."],
} as const;

const age = (d: Date | null) => {
  if (!d) return "—";
  const h = Math.floor((Date.now() - d.getTime()) / 3_600_000);
  return h < 48 ? `${h} h` : `${Math.floor(h / 24)} d`;
};

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("queue.read");
  const [title, what] = QUEUE[user.role as keyof typeof QUEUE];
  if (user.role === "legal") {
    const sp = await searchParams;
    const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
    const newestFirst = one("sort") === "newest";
    const exceptionsPage = Number.parseInt(one("epage") ?? "1", 10) || 1;
    const referralsPage = Number.parseInt(one("rpage") ?? "1", 10) || 1;
    const reviewsPage = Number.parseInt(one("apage") ?? "1", 10) || 1;
    const [{ exceptions, exceptionsTotal, exceptionsCapped, exceptionsHasNext, referrals, referralsTotal, referralsCapped, referralsHasNext }, reviews] = await Promise.all([
      legalQueue(user, { newestFirst, exceptionsPage, referralsPage }),
      approvalQueue(user, { page: reviewsPage, perPage: LEGAL_PAGE, newestFirst }),
    ]);
    const keep = (extra: Record<string, string>) => ({ ...(newestFirst ? { sort: "newest" } : {}), epage: String(exceptionsPage), rpage: String(referralsPage), apage: String(reviews.page), ...extra });
    return (
      <>
        <PageHeader title={title} description={what} />
        <form method="get" className="mb-4 flex items-end gap-2 text-sm" aria-label="Sort Legal's queue">
          <label htmlFor="legal-sort" className="text-xs font-medium text-slate-600">Sort</label>
          <select id="legal-sort" name="sort" defaultValue={newestFirst ? "newest" : "oldest"} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="oldest">Waiting longest first</option>
            <option value="newest">Newest first</option>
          </select>
          <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 font-semibold text-white hover:bg-slate-700">Apply</button>
        </form>
        {exceptionsTotal + referralsTotal + reviews.total === 0 ? (
          <EmptyState title="Nothing waiting">Exception requests and subpoena referrals appear here as soon as Support or a CSM files them, and artefacts as soon as their redaction is ready for review.</EmptyState>
        ) : (
          <div className="space-y-6">
            <section aria-labelledby="ex-h" className="rounded-lg border border-slate-200 bg-white">
              <h2 id="ex-h" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">Plan exception requests ({formatCount({ total: exceptionsTotal, capped: exceptionsCapped })})</h2>
              <WaitingList
                empty="No exception requests waiting."
                items={exceptions.map((e) => ({ id: e.id, caseId: e.case.id, reference: e.case.reference, line: `${e.case.account.name} (${e.case.account.plan}) · waiting ${age(e.createdAt)}`, detail: e.reason }))}
              />
            </section>
            <Pagination page={exceptionsPage} pageSize={LEGAL_PAGE} total={exceptionsTotal} capped={exceptionsCapped} hasNext={exceptionsHasNext} shown={exceptions.length} basePath="/queue" params={keep({ rpage: String(referralsPage) })} pageParam="epage" />
            <section aria-labelledby="ref-h" className="rounded-lg border border-slate-200 bg-white">
              <h2 id="ref-h" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">Subpoena referrals ({formatCount({ total: referralsTotal, capped: referralsCapped })})</h2>
              <WaitingList
                empty="No referrals waiting."
                items={referrals.map((r) => ({ id: r.id, caseId: r.case.id, reference: r.case.reference, line: `${r.case.account.name} · waiting ${age(r.createdAt)}`, detail: `Not owned: ${(r.resources as ResourceRef[]).map((x) => x.path).join(", ")}` }))}
              />
            </section>
            <Pagination page={referralsPage} pageSize={LEGAL_PAGE} total={referralsTotal} capped={referralsCapped} hasNext={referralsHasNext} shown={referrals.length} basePath="/queue" params={keep({ epage: String(exceptionsPage) })} pageParam="rpage" />
            <section aria-labelledby="art-h" className="rounded-lg border border-slate-200 bg-white" data-testid="legal-artefact-reviews">
              <h2 id="art-h" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">Artefact reviews waiting ({formatCount(reviews)})</h2>
              <ApprovalList items={reviews.items} empty="No artefacts waiting for Legal's review." />
            </section>
            <Pagination page={reviews.page} pageSize={LEGAL_PAGE} total={reviews.total} capped={reviews.capped} hasNext={reviews.hasNext} shown={reviews.items.length} basePath="/queue" params={keep({})} pageParam="apage" />
          </div>
        )}
      </>
    );
  }
  const team = user.role === "sirt" ? "sirt" : "support";
  const canTriage = can(user.role, "case.triage");
  const query = ZQueueQuery.parse(await searchParams);
  const q = await teamQueue(user, team, query);
  const members = q.members;
  const filtered = query.assignee !== "anyone" || !!query.priority || query.extended;
  const now = new Date();
  const columns: Column[] = ["Reference", "Account", "Incident summary", "Assignee", ...(canTriage ? ["Priority"] : []), "Flags", "Age", "Next update due", ...(canTriage ? [{ label: "Triage", hidden: true }] : [])];
  return (
    <>
      <PageHeader title={title} description={what} />
      {q.total === 0 && !filtered ? (
        <EmptyState title="Nothing waiting">{what} Cases appear here as soon as they are submitted and routed; nothing is waiting for your team right now.</EmptyState>
      ) : (
        <>
          <QueueFilters query={query} isSirt={canTriage} />
          {q.total === 0 ? (
            <EmptyState title="No cases match">Nothing in the queue matches these filters. Clear them to see the whole queue.</EmptyState>
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-600" aria-live="polite">{formatCount(q)} {q.total === 1 && !q.capped ? "case" : "cases"}{filtered ? " match" : " waiting"}</p>
              <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
                <table className="data-table min-w-full divide-y divide-slate-200 text-sm">
                  <TableHead columns={columns} />
                  <tbody className="divide-y divide-slate-100">
                    <QueueRows
                      rows={q.rows.map((c) => {
                        const preview = previewText(c.summary, 80);
                        const due = updateDueOf(c, now);
                        return {
                          id: c.id,
                          reference: c.reference ?? "—",
                          accountName: c.account.name,
                          summaryPreview: preview,
                          ...(preview !== c.summary ? { summaryFull: c.summary } : {}),
                          status: c.status,
                          version: c.version,
                          assigneeId: c.assignee?.id ?? null,
                          assigneeName: c.assignee?.name ?? null,
                          priority: c.priority,
                          extended: c.extended,
                          personalData: c.personalData,
                          age: age(c.acceptedAt),
                          nextUpdate: due ? { due: due.due.toISOString(), isOverdue: due.isOverdue } : null,
                        };
                      })}
                      timeZone={q.timeZone}
                      members={members}
                      meId={user.id}
                      canTriage={canTriage}
                      columns={columns.length}
                      assign={assignCaseAction}
                      setPriority={setPriorityAction}
                      needsRescope={markNeedsRescopeAction}
                    />
                  </tbody>
                </table>
              </div>
              <Pagination page={q.page} pageSize={q.pageSize} total={q.total} capped={q.capped} hasNext={q.hasNext} shown={q.rows.length} basePath="/queue" params={queueSearchParams({ ...query, page: 1 })} />
            </>
          )}
        </>
      )}
    </>
  );
}
