"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { errorsOfField } from "@/lib/action-errors";
import { ErrorSummary } from "@/components/ui/error-summary";
import { CaseCard, type CaseAction } from "./case-card";

export interface ResolutionChoice {
  value: string;
  label: string;
  hint: string;
}

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm";

/**
 * "Close case": the resolutions the user may choose now (radio buttons in a fieldset), the
 * resolution note, and the other case's reference for a duplicate. When the log-dive was done and
 * the gap record is missing, it says so and links the gap section instead of offering a form the
 * service would refuse.
 */
export function CloseCaseForm({
  caseId,
  version,
  resolutions,
  isGapMissing,
  heldByLegal,
  closeCase,
}: {
  caseId: string;
  version: number;
  resolutions: ResolutionChoice[];
  isGapMissing: boolean;
  heldByLegal?: string;
  closeCase: CaseAction;
}) {
  const router = useRouter();
  const base = useId();
  const [pending, start] = useTransition();
  const [chosen, setChosen] = useState(resolutions.length === 1 ? resolutions[0]!.value : "");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const id = (name: string) => `${base}-${name}`;
  const firstRadio = id(`resolution-${resolutions[0]?.value}`);

  if (heldByLegal) {
    return (
      <CaseCard title="Close case" testId="close-case">
        <p data-testid="close-case-legal">{heldByLegal}</p>
      </CaseCard>
    );
  }

  if (isGapMissing) {
    return (
      <CaseCard title="Close case" testId="close-case">
        <p data-testid="close-case-gap">
          The log-dive was done on this case, so it closes only with its Audit Events gap record (step 10).{" "}
          <a href="#gap" className="font-medium text-indigo-700 underline hover:text-indigo-900">Record the Audit Events gap first</a>: the missing events, or “no gap” and why.
        </p>
      </CaseCard>
    );
  }

  const fieldError = (name: string) => errorsOfField(errors, name)[0];
  return (
    <CaseCard title="Close case" testId="close-case">
      <form
        noValidate
        aria-label="Close case"
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const values = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
          start(async () => {
            const r = await closeCase({ ...values, id: caseId, version });
            setResult(r);
            if (r.ok) router.refresh();
            else setAttempt((n) => n + 1);
          });
        }}
      >
        <ErrorSummary
          message={result && !result.ok ? result.error : null}
          errors={errors}
          fields={[
            { name: "resolution", label: "How the case ends", id: firstRadio },
            { name: "note", label: "Resolution note", id: id("note") },
            { name: "duplicateOf", label: "Duplicate of", id: id("duplicateOf") },
          ]}
          attempt={attempt}
        />
        <fieldset aria-describedby={id("resolution-error")}>
          <legend className="text-sm font-medium text-slate-800">How the case ends</legend>
          <div className="mt-1 space-y-2">
            {resolutions.map((r) => (
              <div key={r.value} className="flex items-start gap-2">
                <input
                  type="radio"
                  id={id(`resolution-${r.value}`)}
                  name="resolution"
                  value={r.value}
                  checked={chosen === r.value}
                  onChange={() => setChosen(r.value)}
                  aria-describedby={id(`hint-${r.value}`)}
                  className="mt-1"
                />
                <label htmlFor={id(`resolution-${r.value}`)} className="text-sm">
                  <span className="font-medium text-slate-900">{r.label}</span>
                  <span id={id(`hint-${r.value}`)} className="block text-xs text-slate-600">{r.hint}</span>
                </label>
              </div>
            ))}
          </div>
          <p id={id("resolution-error")} className="mt-1 text-xs text-red-700" aria-live="polite">{fieldError("resolution")}</p>
        </fieldset>
        {chosen === "duplicate" ? (
          <div>
            <label htmlFor={id("duplicateOf")} className="block text-sm font-medium text-slate-800">Duplicate of</label>
            <input id={id("duplicateOf")} name="duplicateOf" placeholder="IR-2026-0042" autoComplete="off" aria-invalid={!!fieldError("duplicateOf")} aria-describedby={`${id("duplicateOf")}-hint ${id("duplicateOf")}-error`} className={INPUT} />
            <p id={`${id("duplicateOf")}-hint`} className="mt-1 text-xs text-slate-600">The reference of the case that handles this request.</p>
            <p id={`${id("duplicateOf")}-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{fieldError("duplicateOf")}</p>
          </div>
        ) : null}
        <div>
          <label htmlFor={id("note")} className="block text-sm font-medium text-slate-800">Resolution note</label>
          <textarea id={id("note")} name="note" rows={3} aria-invalid={!!fieldError("note")} aria-describedby={`${id("note")}-hint ${id("note")}-error`} className={INPUT} />
          <p id={`${id("note")}-hint`} className="mt-1 text-xs text-slate-600">What was decided and why, 10 to 2,000 characters. Kept on the case, its timeline and the activity log.</p>
          <p id={`${id("note")}-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{fieldError("note")}</p>
        </div>
        <button type="submit" disabled={pending} className="rounded-md bg-slate-800 px-3 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60">
          {pending ? "Working…" : "Close case"}
        </button>
      </form>
    </CaseCard>
  );
}
