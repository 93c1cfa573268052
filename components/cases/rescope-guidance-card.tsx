import { ActionForm } from "@/components/ui/action-form";
import type { CasePage } from "@/lib/cases/case-page";
import { CaseCard, utc, type CaseAction } from "./case-card";

/**
 * A case sent back to its author: what to narrow (the failing checks, or SIRT's triage reason), and,
 * when the scope is only too broad, the cost notice the customer may accept instead.
 */
export function RescopeGuidanceCard({
  page: { c, latest },
  canRecordCostNotice,
  recordCostNotice,
  acceptCostNotice,
}: {
  page: Pick<CasePage, "c" | "latest">;
  canRecordCostNotice: boolean;
  recordCostNotice: CaseAction;
  acceptCostNotice: CaseAction;
}) {
  // SIRT's "needs re-scope" (triage): its reason stays on the case until the next evaluation.
  const triageRescope = c.rescopeReason && c.rescopeAt ? { reason: c.rescopeReason, at: c.rescopeAt, by: c.names[c.rescopeById ?? ""] ?? "someone" } : undefined;
  const failing = latest?.decision.checks.filter((ch) => ch.result === "fail") ?? [];
  const openNotice = c.costNotices.find((n) => !n.customerAcceptedAt);
  return (
    <CaseCard title="Back to the author: narrow the request" tone="warn" testId="rescope-guidance">
      {triageRescope ? (
        <p data-testid="triage-rescope">
          SIRT sent this case back ({triageRescope.by}, {utc(triageRescope.at)}): <strong>{triageRescope.reason}</strong>. Narrow the request with the customer, then change the scope and resubmit.
        </p>
      ) : (
        <>
          <p>Ask the customer to narrow what the checks below name, then change the scope and resubmit:</p>
          <ul className="mt-2 list-disc pl-5">{failing.map((f) => <li key={f.id}>{f.message}</li>)}</ul>
        </>
      )}
      {canRecordCostNotice ? (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <h3 className="font-medium text-slate-900">Or tell the customer the cost</h3>
          <p className="mb-2 text-slate-600">The scope is only too broad. Instead of narrowing it, the customer may accept the cost of the investigation; the case then proceeds, routed to SIRT.</p>
          {openNotice ? (
            <>
              <p className="mb-2">Estimate given {utc(openNotice.createdAt)}: <strong>{openNotice.estimate}</strong></p>
              <ActionForm
                testId="accept-cost"
                action={acceptCostNotice}
                extra={{ id: c.id, version: c.version, noticeId: openNotice.id }}
                fields={[
                  { name: "acceptedAt", label: "Date the customer accepted (UTC)", type: "datetime-local", defaultValue: new Date().toISOString().slice(0, 16) },
                  { name: "note", label: "How they accepted (optional)", type: "text" },
                ]}
                submitLabel="Record the customer's acceptance"
              />
            </>
          ) : (
            <ActionForm testId="cost-notice" action={recordCostNotice} extra={{ id: c.id, version: c.version }} fields={[{ name: "estimate", label: "Estimate given to the customer", hint: "Amount and expected duration, as told to the customer." }]} submitLabel="Record cost notice" />
          )}
        </div>
      ) : null}
    </CaseCard>
  );
}
