import type { Metadata } from "next";
import Link from "@/components/ui/app-link";
import { notFound } from "next/navigation";
import { CaseFilters } from "@/components/cases/case-filters";
import { CasesTable } from "@/components/cases/cases-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { toSearchParams, ZCaseListQuery } from "@/lib/cases/list-filters";
import { caseListRow } from "@/lib/cases/list-rows";
import { caseListChosen, listCasesForUser } from "@/lib/cases/queries";

export const metadata: Metadata = { title: "Cases" };

const listHref = (params: Record<string, string>) => {
  const qs = new URLSearchParams(params).toString();
  return qs ? `/cases?${qs}` : "/cases";
};

const WHAT_YOU_SEE = {
  support: "Cases routed to Support, and the cases you opened.",
  csm: "Cases of the accounts you manage, and the cases you opened.",
  sirt: "Cases routed to SIRT.",
  legal: "Cases with an exception request, a subpoena referral, or an artefact for Legal review.",
  admin: "Every case's reference, status, team and dates. Case contents and artefacts are not shown to Admin.",
} as const;

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser();
  if (!can(user.role, "case.list") && !can(user.role, "case.listMetadata")) notFound();
  const query = ZCaseListQuery.parse(await searchParams);
  const [{ rows, total, capped, hasNext, nextCursor, prevCursor, pageSize, timeZones }, choices] = await Promise.all([listCasesForUser(user, query), caseListChosen(user, query)]);
  const now = new Date();
  const tableRows = rows.map((c) => caseListRow(c, now, timeZones));
  const filtered = Object.keys(toSearchParams({ ...query, page: 1, sort: "newest" })).length > 0;
  const newCase = can(user.role, "case.create") ? (
    <Link href="/cases/new" className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500">New information request</Link>
  ) : null;
  const exportParams = new URLSearchParams(toSearchParams({ ...query, page: 1 })).toString();
  const exportCsv =
    total > 0 ? (
      <a
        href={`/api/cases/export${exportParams ? `?${exportParams}` : ""}`}
        download
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        title={filtered ? "Every case these filters match, all pages" : "Every case you can see, all pages"}
      >
        Export CSV{filtered ? " (filtered)" : ""}
      </a>
    ) : null;
  const actions = exportCsv || newCase ? <>{exportCsv}{newCase}</> : null;
  return (
    <>
      <PageHeader title="Cases" description={WHAT_YOU_SEE[user.role]} actions={actions} />
      {total === 0 && !filtered ? (
        <EmptyState title="No cases yet" action={newCase}>
          {can(user.role, "case.create")
            ? "When a customer asks for log evidence after a security incident on their account, open a case here from the information_request template. It will be checked against the conditions and routed to Support or SIRT."
            : "Cases appear here once Support or a CSM opens them and they are routed to you."}
        </EmptyState>
      ) : (
        <>
          <CaseFilters query={query} account={choices.account} author={choices.author} metadataOnly={user.role === "admin"} />
          {total === 0 ? (
            <EmptyState title="No cases match these filters">Change or clear the filters to see more cases.</EmptyState>
          ) : rows.length === 0 ? (
            <EmptyState title={`Nothing on page ${query.page.toLocaleString("en")}`} action={<Link href={`/cases?${new URLSearchParams(toSearchParams({ ...query, page: 1 })).toString()}`} className="text-sm font-medium text-indigo-700 hover:underline">Back to the first page</Link>}>
              These filters match fewer cases than this page would start at.
            </EmptyState>
          ) : (
            <>
              <CasesTable rows={tableRows} metadataOnly={user.role === "admin"} />
              <Pagination
                page={query.page}
                pageSize={pageSize}
                total={total}
                capped={capped}
                hasNext={hasNext}
                shown={rows.length}
                basePath="/cases"
                params={toSearchParams({ ...query, page: 1 })}
                nextHref={nextCursor ? listHref({ ...toSearchParams({ ...query, page: query.page + 1 }), after: nextCursor }) : undefined}
                prevHref={query.page <= 2 ? listHref(toSearchParams({ ...query, page: 1 })) : prevCursor ? listHref({ ...toSearchParams({ ...query, page: query.page - 1 }), before: prevCursor }) : undefined}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
