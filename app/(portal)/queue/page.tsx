import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Queue" };

const QUEUE = {
  support: ["Support queue", "Eligible cases routed to Support: non-complex application log requests within 7 days that disclose no personal data."],
  sirt: ["SIRT triage queue", "Cases routed to SIRT (extended windows, personal data, many resources), unassigned first. The SIRT team is tagged when one arrives."],
  legal: ["Legal queue", "Plan exception requests (process step 4), subpoena referrals for resources the customer does not own, and artefacts waiting for Legal review."],
} as const;

export default async function QueuePage() {
  const user = await requirePageUser("queue.read");
  const [title, what] = QUEUE[user.role as keyof typeof QUEUE];
  return (
    <>
      <PageHeader title={title} description={what} />
      <EmptyState title="Nothing waiting">
        {what} Cases appear here as soon as they are submitted and routed; nothing is waiting for your team right now.
      </EmptyState>
    </>
  );
}
