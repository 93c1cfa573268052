import { ActionForm } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/action";

const utc = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

function left(deadline: Date, now: Date) {
  const ms = deadline.getTime() - now.getTime();
  const h = Math.floor(Math.abs(ms) / 3_600_000);
  const m = Math.floor((Math.abs(ms) % 3_600_000) / 60_000);
  return ms >= 0 ? `${h} h ${m} min left` : `overdue by ${h} h ${m} min`;
}

/** K2: the customer is told within 24 hours when an incident affects their resources and their agreement asks for it. */
export function IncidentNoticeCard(props: {
  caseId: string;
  version: number;
  agreementAsks: boolean;
  affects: boolean;
  deadline: Date | null;
  text: string | null;
  notifiedAt: Date | null;
  canRecordImpact: boolean;
  canRecordNotice: boolean;
  /** A closed case: what was recorded, and no prompt to record more. */
  isReadOnly?: boolean;
  recordImpact: (input: unknown) => Promise<ActionResult<unknown>>;
  recordNotified: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const now = new Date();
  const overdue = !props.isReadOnly && props.deadline && !props.notifiedAt && props.deadline < now;
  return (
    <section className={`rounded-lg border bg-white p-4 ${overdue ? "border-red-300" : "border-slate-200"}`} aria-labelledby="incident-heading" data-testid="incident-notice">
      <h2 id="incident-heading" className="text-sm font-semibold text-slate-900">Customer incident notice</h2>
      <div className="mt-2 space-y-2 text-sm text-slate-700">
        {props.isReadOnly && !props.affects ? (
          <p>No incident affecting the customer&apos;s resources was recorded before the case closed.</p>
        ) : props.isReadOnly && props.deadline && !props.notifiedAt ? (
          <p className="text-slate-600">The case closed before a notice was recorded as sent (it was due by {utc(props.deadline)}).</p>
        ) : !props.affects ? (
          <>
            <p>
              If the incident affects this customer&apos;s resources, record it here.{" "}
              {props.agreementAsks ? "Their agreement asks to be told within 24 hours, with recommended measures and how to track the case." : "Their agreement does not ask for an incident notice."}
            </p>
            {props.canRecordImpact ? (
              <ActionForm testId="incident-impact" action={props.recordImpact} extra={{ id: props.caseId, version: props.version }} fields={[]} submitLabel="The incident affects their resources" tone="secondary" />
            ) : null}
          </>
        ) : !props.deadline ? (
          <p>The incident affects the customer&apos;s resources; their agreement does not ask for a notice.</p>
        ) : props.notifiedAt ? (
          <>
            <p className="text-emerald-800">
              Notice sent {utc(props.notifiedAt)} (due {utc(props.deadline)}){props.notifiedAt > props.deadline ? ", late" : ""}.
            </p>
            <details>
              <summary className="cursor-pointer text-slate-600">The notice as sent</summary>
              <p className="mt-1 whitespace-pre-wrap text-slate-700">{props.text}</p>
            </details>
          </>
        ) : (
          <>
            <p className={overdue ? "font-medium text-red-700" : "text-amber-800"}>
              Notice due by {utc(props.deadline)}: {left(props.deadline, now)}.
            </p>
            {props.canRecordNotice ? (
              <ActionForm
                testId="incident-notified"
                action={props.recordNotified}
                extra={{ id: props.caseId, version: props.version }}
                fields={[
                  { name: "text", label: "The notice as sent to the customer", type: "textarea", defaultValue: props.text ?? "", hint: "Edit the draft, send it by email from your usual channel, then record it here." },
                  { name: "sentAt", label: "Sent at (UTC)", type: "datetime-local", defaultValue: now.toISOString().slice(0, 16) },
                ]}
                submitLabel="Record the notice as sent"
              />
            ) : (
              <p className="text-slate-600">Support or the CSM sends it and records it here.</p>
            )}
          </>
        )}
      </div>
    </section>
  );
}
