import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const user = await requirePageUser("approvals.read");
  const who = user.role === "legal" ? "Legal review" : "security approval";
  return (
    <>
      <PageHeader title="Approvals" description={`Redacted log artefacts waiting for your ${who} (process step 8). An artefact is shared with the customer only after both Security and Legal approve it.`} />
      <EmptyState title="No artefacts waiting">
        When the team doing a log-dive uploads an artefact, it is hashed, checked against the case scope and redacted; it then appears here for your {who}.
      </EmptyState>
    </>
  );
}
