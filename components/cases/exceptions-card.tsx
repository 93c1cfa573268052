import { ActionForm } from "@/components/ui/action-form";
import type { CasePage } from "@/lib/cases/case-page";
import { CaseCard, utc, type CaseAction } from "./case-card";

/** Step 4: the plan exceptions asked of Legal, with Legal's decision form on a request still open. */
/** `now` dates the default expiry (30 days on) of a grant. */
export function ExceptionsCard({ c, canDecide, decideException, now }: { c: CasePage["c"]; canDecide: boolean; decideException: CaseAction; now: Date }) {
  return (
    <CaseCard title="Plan exception" tone="legal" testId="exceptions">
      <ul className="space-y-3">
        {c.exceptions.map((e) => (
          <li key={e.id}>
            <p>
              <strong className="capitalize">{e.status}</strong> · asked by {c.names[e.requestedById] ?? "—"} {utc(e.createdAt)}
              {e.decidedById ? ` · decided by ${c.names[e.decidedById]} ${utc(e.decidedAt)}` : ""}
              {e.expiresAt ? ` · expires ${utc(e.expiresAt)}` : ""}
            </p>
            <p className="text-slate-600">Reason: {e.reason}</p>
            {e.rationale ? <p className="text-slate-600">Legal&apos;s rationale: {e.rationale}</p> : null}
            {e.status === "requested" && canDecide ? (
              <div className="mt-3 rounded-md bg-purple-50 p-3">
                <ActionForm
                  testId="decide-exception"
                  action={decideException}
                  extra={{ exceptionId: e.id }}
                  fields={[
                    { name: "grant", label: "Decision", type: "radio", defaultValue: "true", options: [{ value: "true", label: "Grant" }, { value: "false", label: "Refuse" }] },
                    { name: "rationale", label: "Rationale", type: "textarea" },
                    { name: "expiresAt", label: "Exception expires (UTC), when granting", type: "date", defaultValue: new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10) },
                  ]}
                  submitLabel="Record decision"
                />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </CaseCard>
  );
}
