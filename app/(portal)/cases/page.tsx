import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CasesTable } from "@/components/cases/cases-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listCasesForUser } from "@/lib/cases/queries";

export const metadata: Metadata = { title: "Cases" };

const WHAT_YOU_SEE = {
  support: "Cases routed to Support, and the cases you opened.",
  csm: "Cases of the accounts you manage, and the cases you opened.",
  sirt: "Cases routed to SIRT.",
  legal: "Cases with an exception request, a subpoena referral, or an artefact for Legal review.",
  admin: "Every case's reference, status, team and dates. Case contents and artefacts are not shown to Admin.",
} as const;

export default async function CasesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser();
  if (!can(user.role, "case.list") && !can(user.role, "case.listMetadata")) notFound();
  const page = Number.parseInt((await searchParams).page ?? "1", 10) || 1;
  const { rows, total, pageSize } = await listCasesForUser(user, page);
  return (
    <>
      <PageHeader title="Cases" description={WHAT_YOU_SEE[user.role]} />
      {total === 0 ? (
        <EmptyState title="No cases yet">
          {can(user.role, "case.create")
            ? "When a customer asks for log evidence after a security incident on their account, open a case here from the information_request template. It will be checked against the conditions and routed to Support or SIRT."
            : "Cases appear here once Support or a CSM opens them and they are routed to you."}
        </EmptyState>
      ) : (
        <>
          <CasesTable rows={rows} metadataOnly={user.role === "admin"} />
          <Pagination page={page} pageSize={pageSize} total={total} basePath="/cases" />
        </>
      )}
    </>
  );
}
