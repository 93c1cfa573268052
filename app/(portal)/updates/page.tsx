import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Updates due" };

export default async function UpdatesPage() {
  const user = await requirePageUser("updates.read");
  const whose = user.role === "csm" ? "the accounts you manage" : "Support's cases";
  return (
    <>
      <PageHeader title="Updates due" description={`Customer updates due on ${whose}: the process promises an update every 12 business hours (step 7), counted from acceptance or the last relay.`} />
      <EmptyState title="No updates due">
        Once a case is accepted its update clock starts; cases due soon and overdue appear here with the relayable findings ready to pass on.
      </EmptyState>
    </>
  );
}
