import type { CasePage } from "@/lib/cases/case-page";
import { CaseCard, utc } from "./case-card";

/** The cost of a broad scope, accepted by the customer: the case proceeds, routed to SIRT. */
export function CostNoticeAcceptedCard({ notice }: { notice: CasePage["c"]["costNotices"][number] }) {
  return (
    <CaseCard title="Cost notice accepted">
      Estimate {notice.estimate}; accepted by the customer {utc(notice.customerAcceptedAt)}{notice.acceptanceNote ? ` (${notice.acceptanceNote})` : ""}. Routed to SIRT.
    </CaseCard>
  );
}
