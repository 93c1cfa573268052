import { ActionForm } from "@/components/ui/action-form";
import type { CasePage } from "@/lib/cases/case-page";
import type { ResourceRef } from "@/lib/workflow";
import { CaseCard, utc, type CaseAction } from "./case-card";

/** Resources the account does not own: the subpoena referral to Legal, and what Legal did about it. */
export function ReferralsCard({ c, canRecordOutcome, recordReferralOutcome }: { c: CasePage["c"]; canRecordOutcome: boolean; recordReferralOutcome: CaseAction }) {
  return (
    <CaseCard title="Subpoena referral" tone="legal" testId="referrals">
      {c.referrals.map((r) => (
        <div key={r.id} className="space-y-2">
          <p>
            These resources are not owned by {c.account.name}; a legal subpoena is required and the customer was referred to Legal:{" "}
            {(r.resources as ResourceRef[]).map((x) => `${x.kind} ${x.path}`).join(", ")}.
          </p>
          {r.status === "closed" ? (
            <p className="text-slate-600">Closed by {c.names[r.handledById ?? ""] ?? "Legal"} {utc(r.handledAt)}: {r.outcomeNote}</p>
          ) : canRecordOutcome ? (
            <ActionForm testId="referral-outcome" action={recordReferralOutcome} extra={{ referralId: r.id }} fields={[{ name: "outcomeNote", label: "What Legal did", type: "textarea" }]} submitLabel="Record and close the referral" />
          ) : (
            <p className="text-slate-600">Open: waiting for Legal.</p>
          )}
        </div>
      ))}
    </CaseCard>
  );
}
