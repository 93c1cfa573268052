import type { Metadata } from "next";
import Link from "@/components/ui/app-link";
import { AccountsTable } from "@/components/admin/accounts/accounts-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listAccounts } from "@/lib/accounts/queries";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Customer accounts" };

const primary = "rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500";
const secondary = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50";

export default async function AccountsPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  await requirePageUser("account.manage");
  const sp = await searchParams;
  const page = Number.parseInt(sp.page ?? "1", 10) || 1;
  const q = sp.q?.trim().slice(0, 200) || undefined;
  const accounts = await listAccounts({ page, q });
  const actions = (
    <>
      <Link href="/admin/accounts/import" className={secondary}>Import CSV or JSON</Link>
      <Link href="/admin/accounts/new" className={primary}>New account</Link>
    </>
  );
  return (
    <>
      <PageHeader title="Admin · Customer accounts" description="Customers, their plan and agreement, what they own, and the CSMs who manage them. Every change is kept in the activity log." actions={actions} />
      {accounts.total === 0 && !q ? (
        <EmptyState title="No customer accounts yet" action={actions}>
          Add the first account by hand, or import many at once from a CSV or JSON file.
        </EmptyState>
      ) : (
        <>
          <form className="mb-4 flex gap-2" role="search">
            <label htmlFor="accounts-q" className="sr-only">Search accounts</label>
            <input id="accounts-q" name="q" type="search" defaultValue={q} placeholder="Search by name, slug or owned path" className="w-full max-w-sm rounded-md border border-slate-300 px-3 py-2 text-sm" />
            <button className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium">Search</button>
            {q ? <Link href="/admin/accounts" className="px-2 py-2 text-sm text-slate-600 hover:underline">Clear</Link> : null}
          </form>
          {accounts.rows.length > 0 ? (
            <AccountsTable rows={accounts.rows} />
          ) : (
            <EmptyState title={q ? `No accounts match “${q}”` : "No accounts on this page"}>
              {q ? "Try part of the name, the slug, or a group or project path." : <Link href="/admin/accounts" className="underline">Back to the first page</Link>}
            </EmptyState>
          )}
          <Pagination page={accounts.page} pageSize={accounts.pageSize} total={accounts.total} basePath="/admin/accounts" params={q ? { q } : {}} />
        </>
      )}
    </>
  );
}
