"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionForm } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/action";
import { Time } from "@/components/ui/time";

/**
 * Step 5: the author verifies the conditions; each tick shows who and when. The checklist gates
 * step 6: the routed team's first finding and any upload are refused until it is complete, or a
 * team lead overrides it with a reason (shown here once recorded).
 */
export function VerificationChecklist({
  caseId,
  items,
  ticks,
  canTick,
  setVerification,
  override = null,
  canOverride = false,
  overrideVerification,
  closed = false,
}: {
  caseId: string;
  items: readonly { id: string; label: string }[];
  ticks: Record<string, { by: string; at: string }>;
  canTick: boolean;
  setVerification: (input: unknown) => Promise<ActionResult<void>>;
  /** A team lead's override of an incomplete checklist: who, when (ISO) and why. */
  override?: { by: string; at: string; reason: string } | null;
  /** The user is a team lead of the routed team and the case is being worked. */
  canOverride?: boolean;
  overrideVerification?: (input: unknown) => Promise<ActionResult<unknown>>;
  /** The case is closed: the checklist is history, nothing waits on it. */
  closed?: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const done = items.filter((i) => ticks[i.id]).length;
  const complete = done === items.length;
  return (
    <section aria-labelledby="verify-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="verification">
      <h2 id="verify-heading" className="text-sm font-semibold text-slate-900">
        Verification (step 5) · {done}/{items.length}
      </h2>
      <p className="mt-1 text-xs text-slate-600" data-testid="verification-gate">
        {closed
          ? `The checklist as it stood when the case closed${override ? " (overridden by a team lead)" : ""}.`
          : complete
          ? "Complete: the log-dive (step 6) may start."
          : override
            ? "Incomplete, but overridden by a team lead: the log-dive (step 6) may start."
            : `${canTick ? "Tick every item" : "Support or the CSM ticks every item"} before the log-dive (step 6): until then the routed team's first finding and any artefact upload are refused. A team lead may override it with a reason.`}
      </p>
      <ul className="mt-3 space-y-2">
        {items.map((item) => {
          const tick = ticks[item.id];
          return (
            <li key={item.id} className="text-sm">
              <label className="flex items-start gap-2">
                <input
                  type="checkbox"
                  className="mt-0.5 h-4 w-4"
                  checked={!!tick}
                  disabled={!canTick || pending}
                  onChange={(e) =>
                    start(async () => {
                      const r = await setVerification({ id: caseId, item: item.id, checked: e.target.checked });
                      setError(r.ok ? null : r.error);
                      router.refresh();
                    })
                  }
                />
                <span>
                  {item.label}
                  {tick ? (
                    <span className="block text-xs text-slate-500">
                      Ticked by {tick.by}, <Time value={tick.at} />
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {error ? <p className="mt-2 text-xs text-red-700" role="alert">{error}</p> : null}
      {override ? (
        <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="verification-override">
          <p className="font-medium">
            Checklist overridden by {override.by} at <Time value={override.at} />
          </p>
          <p className="mt-1 whitespace-pre-wrap">Reason: {override.reason}</p>
        </div>
      ) : !complete && canOverride && overrideVerification ? (
        <div className="mt-3 border-t border-slate-100 pt-3 text-sm" data-testid="verification-override-form">
          <h3 className="font-medium text-slate-900">Override as team lead</h3>
          <p className="mb-2 text-xs text-slate-600">
            Lets the log-dive start with {items.length - done} item{items.length - done === 1 ? "" : "s"} unticked. Your name, the time and the reason are kept on the case and in the activity log.
          </p>
          <ActionForm
            testId="override-verification"
            action={overrideVerification}
            extra={{ id: caseId }}
            fields={[{ name: "reason", label: "Why the log-dive may start now", type: "textarea", hint: "10 to 1,000 characters, e.g. what was verified another way." }]}
            submitLabel="Override the checklist"
            tone="secondary"
          />
        </div>
      ) : null}
    </section>
  );
}
