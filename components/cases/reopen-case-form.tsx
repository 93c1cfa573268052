"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { errorsOfField } from "@/lib/action-errors";
import { ErrorSummary } from "@/components/ui/error-summary";
import type { CaseAction } from "./case-card";

/**
 * "Reopen case": a button that opens the form (a closed case shows no form until someone who may
 * reopen it asks for one), then the reason, required, and the act.
 */
export function ReopenCaseForm({ caseId, version, reopenCase }: { caseId: string; version: number; reopenCase: CaseAction }) {
  const router = useRouter();
  const base = useId();
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const reason = useRef<HTMLTextAreaElement>(null);
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const err = errorsOfField(errors, "reason")[0];
  const id = `${base}-reason`;

  useEffect(() => {
    if (open) reason.current?.focus();
  }, [open]);

  if (!open) {
    return (
      <button type="button" aria-expanded={false} onClick={() => setOpen(true)} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">
        Reopen case…
      </button>
    );
  }
  return (
    <form
      noValidate
      aria-label="Reopen case"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const values = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
        start(async () => {
          const r = await reopenCase({ ...values, id: caseId, version });
          setResult(r);
          if (r.ok) {
            setOpen(false);
            router.refresh();
          } else setAttempt((n) => n + 1);
        });
      }}
    >
      <ErrorSummary message={result && !result.ok ? result.error : null} errors={errors} fields={[{ name: "reason", label: "Why reopen", id }]} attempt={attempt} />
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">Why reopen</label>
        <textarea ref={reason} id={id} name="reason" rows={3} aria-invalid={!!err} aria-describedby={`${id}-hint ${id}-error`} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm" />
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">10 to 1,000 characters. The case returns to where it was when it closed; the closing stays in its history.</p>
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{err}</p>
      </div>
      <div className="flex gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
          {pending ? "Working…" : "Reopen case"}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">
          Cancel
        </button>
      </div>
    </form>
  );
}
