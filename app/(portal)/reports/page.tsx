import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  await requirePageUser("report.read");
  return (
    <>
      <PageHeader title="Reports" description="Volumes by outcome and team, update punctuality, approval times, and the Audit Events gaps that cases revealed (step 10)." />
      <EmptyState title="No data to report yet">Charts appear here once cases have been submitted and worked.</EmptyState>
    </>
  );
}
