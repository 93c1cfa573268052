import type { Metadata } from "next";
import Link from "@/components/ui/app-link";
import { ApprovalList } from "@/components/artefacts/approval-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { approvalQueue } from "@/lib/artefacts/approval-queue";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Approvals" };

const PER_PAGE = 25;

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("approvals.read");
  const sp = await searchParams;
  const decided = sp.view === "decided";
  const page = Number.parseInt(typeof sp.page === "string" ? sp.page : "1", 10) || 1;
  const who = user.role === "legal" ? "Legal review" : "security approval";
  const q = await approvalQueue(user, { page, perPage: PER_PAGE, decided });
  const tab = (active: boolean) => `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-slate-800 text-white" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`;
  return (
    <>
      <PageHeader title="Approvals" description={`Redacted log artefacts waiting for your ${who} (process step 8). An artefact is shared with the customer only after both Security and Legal approve it.`} />
      <nav className="mb-4 flex gap-2" aria-label="Approvals views">
        <Link href="/approvals" className={tab(!decided)} aria-current={!decided ? "page" : undefined}>Waiting for you</Link>
        <Link href="/approvals?view=decided" className={tab(decided)} aria-current={decided ? "page" : undefined}>Decided</Link>
      </nav>
      {q.total === 0 && !decided ? (
        <EmptyState title="No artefacts waiting">
          When the team doing a log-dive uploads an artefact, it is hashed, checked against the case scope and redacted; it then appears here for your {who}.
        </EmptyState>
      ) : (
        <section className="rounded-lg border border-slate-200 bg-white" aria-label={decided ? "Decided artefacts" : "Artefacts waiting"}>
          <ApprovalList testId="approvals" items={q.items} empty={decided ? "You have not decided on any artefact yet." : "Nothing waiting."} />
        </section>
      )}
      <Pagination page={q.page} pageSize={PER_PAGE} total={q.total} capped={q.capped} hasNext={q.hasNext} shown={q.items.length} basePath="/approvals" params={decided ? { view: "decided" } : {}} />
    </>
  );
}
