import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/cases/status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { getCaseForUser } from "@/lib/cases/queries";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Case" };

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("case.read");
  const { id } = await params;
  const found = await getCaseForUser(user, id).catch((err) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return (
    <>
      <PageHeader title={found.reference ?? "Draft case"} description={"summary" in found ? String(found.summary || "") : undefined} />
      <div className="rounded-lg border border-slate-200 bg-white p-6 text-sm">
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <div><dt className="text-slate-500">Status</dt><dd className="mt-1"><StatusBadge status={found.status} /></dd></div>
          <div><dt className="text-slate-500">Team</dt><dd className="mt-1 uppercase">{found.team ?? "—"}</dd></div>
          <div><dt className="text-slate-500">Requested</dt><dd className="mt-1">{found.requestedAt?.toISOString() ?? "not yet submitted"}</dd></div>
        </dl>
      </div>
    </>
  );
}
