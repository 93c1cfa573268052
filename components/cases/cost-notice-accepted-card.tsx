import type { CasePage } from "@/lib/cases/case-page";
import { CaseCard } from "./case-card";
import { formatDateTime } from "@/lib/format/datetime";

/** The cost of a broad scope, accepted by the customer: the case proceeds, routed to SIRT. */
export function CostNoticeAcceptedCard({ notice }: { notice: CasePage["c"]["costNotices"][number] }) {
  return (
    <CaseCard title="Cost notice accepted">
      Estimate {notice.estimate}; accepted by the customer {formatDateTime(notice.customerAcceptedAt)}{notice.acceptanceNote ? ` (${notice.acceptanceNote})` : ""}. Routed to SIRT.
    </CaseCard>
  );
}
