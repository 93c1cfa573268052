import { ActionForm } from "@/components/ui/action-form";
import type { CasePage } from "@/lib/cases/case-page";
import { CaseCard, type CaseAction } from "./case-card";
import { NewRequestFrom } from "./new-request-from";

/** A refused case with its reasons; when only the plan check failed, the way to ask Legal for an exception (step 4). */
export function IneligibleCard({
  page: { c, latest },
  canRequestException,
  canStartNewRequestFrom,
  requestException,
}: {
  page: Pick<CasePage, "c" | "latest">;
  canRequestException: boolean;
  canStartNewRequestFrom: boolean;
  requestException: CaseAction;
}) {
  const failing = latest?.decision.checks.filter((ch) => ch.result === "fail") ?? [];
  return (
    <CaseCard title="Ineligible" tone="warn" testId="ineligible">
      <ul className="list-disc pl-5">{failing.map((f) => <li key={f.id}>{f.message}</li>)}</ul>
      <p className="mt-2 text-slate-600">The case stays open until it is closed as refused, with the reason given to the customer (“Close case”).</p>
      {canRequestException ? (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <h3 className="font-medium text-slate-900">Ask Legal for an exception (step 4)</h3>
          <p className="mb-2 text-slate-600">Only the plan condition failed. Legal may grant an exception with a reason and an expiry; the window and the other conditions are hard limits.</p>
          <ActionForm testId="request-exception" action={requestException} extra={{ id: c.id, version: c.version }} fields={[{ name: "reason", label: "Why an exception is warranted", type: "textarea" }]} submitLabel="Send to Legal" />
        </div>
      ) : null}
      {canStartNewRequestFrom ? <NewRequestFrom caseId={c.id} /> : null}
    </CaseCard>
  );
}
