import { ActionForm } from "@/components/ui/action-form";
import type { CasePage } from "@/lib/cases/case-page";
import { utc, type CaseAction } from "./case-card";
import { ChecksPanel } from "./checks-panel";

/** The latest decision with every check and its reason; before the first one, the author's submit. */
export function DecisionCard({ page: { c, latest }, canSubmit, submitCase }: { page: Pick<CasePage, "c" | "latest">; canSubmit: boolean; submitCase: CaseAction }) {
  if (!latest) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">
        Not evaluated yet.
        {canSubmit ? <ActionForm action={submitCase} extra={{ id: c.id, version: c.version }} fields={[]} submitLabel="Submit for evaluation" /> : null}
      </div>
    );
  }
  const accepted = c.costNotices.some((n) => n.customerAcceptedAt);
  return (
    <ChecksPanel
      decision={latest.decision}
      title={`Decision · ${utc(latest.evaluatedAt)}`}
      note={accepted && latest.decision.outcome === "rescope" ? <p className="mb-1 font-medium text-emerald-800">The customer accepted the cost of this scope: the case proceeds, routed to SIRT.</p> : undefined}
    />
  );
}
