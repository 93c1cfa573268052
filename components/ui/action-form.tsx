"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { errorsOfField } from "@/lib/action-errors";
import { ErrorSummary } from "./error-summary";

export interface FieldSpec {
  name: string;
  label: string;
  type?: "text" | "textarea" | "date" | "datetime-local" | "select" | "radio";
  options?: { value: string; label: string }[];
  hint?: string;
  defaultValue?: string;
  required?: boolean;
}

/**
 * A small form for one server action: labelled fields, inline zod errors
 * beside each (aria-live, aria-invalid), and on failure the action's own
 * message with each invalid field named and linked at the top, focus on the
 * first invalid field; a refresh of the page on success. `extra` carries ids and the loaded version.
 */
export function ActionForm({
  action,
  fields,
  extra = {},
  submitLabel,
  successMessage,
  tone = "primary",
  confirm,
  transform,
  testId,
}: {
  action: (input: unknown) => Promise<ActionResult<unknown>>;
  fields: FieldSpec[];
  extra?: Record<string, unknown>;
  submitLabel: string;
  successMessage?: string;
  tone?: "primary" | "danger" | "secondary";
  confirm?: string;
  transform?: (values: Record<string, string>) => Record<string, unknown>;
  testId?: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const fieldId = (name: string) => `${testId ?? "f"}-${name}`;
  const errors = result && !result.ok ? result.fieldErrors ?? {} : {};
  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm";
  const button = {
    primary: "bg-indigo-600 text-white hover:bg-indigo-500",
    danger: "bg-red-600 text-white hover:bg-red-500",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  }[tone];

  return (
    <form
      noValidate
      data-testid={testId}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        const values = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
        start(async () => {
          const r = await action({ ...(transform ? transform(values) : values), ...extra });
          setResult(r);
          if (r.ok) router.refresh();
          else setAttempt((n) => n + 1);
        });
      }}
    >
      <ErrorSummary
        message={result && !result.ok ? result.error : null}
        errors={errors}
        fields={fields.map((f) => ({ name: f.name, label: f.label, id: fieldId(f.name) }))}
        attempt={attempt}
      />
      {fields.map((f) => {
        const id = fieldId(f.name);
        const err = errorsOfField(errors, f.name)[0];
        const common = { id, name: f.name, defaultValue: f.defaultValue, "aria-invalid": !!err, "aria-describedby": `${id}-error` };
        return (
          <div key={f.name}>
            {f.type === "radio" ? (
              <fieldset aria-describedby={`${id}-error`}>
                <legend className="text-sm font-medium text-slate-800">{f.label}</legend>
                <div className="mt-1 flex gap-4 text-sm">
                  {f.options!.map((o, i) => (
                    <label key={o.value} className="flex items-center gap-2">
                      <input type="radio" id={i === 0 ? id : undefined} name={f.name} value={o.value} defaultChecked={o.value === f.defaultValue} /> {o.label}
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : (
              <>
                <label htmlFor={id} className="block text-sm font-medium text-slate-800">{f.label}</label>
                {f.type === "textarea" ? (
                  <textarea {...common} rows={3} className={input} />
                ) : f.type === "select" ? (
                  <select {...common} className={input}>
                    {f.options!.map((o) => (
                      <option key={o.value} value={o.value}>{o.label}</option>
                    ))}
                  </select>
                ) : (
                  <input {...common} type={f.type ?? "text"} className={input} />
                )}
              </>
            )}
            {f.hint ? <p className="mt-1 text-xs text-slate-500">{f.hint}</p> : null}
            <p id={`${id}-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{err}</p>
          </div>
        );
      })}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={`rounded-md px-3 py-2 text-sm font-semibold disabled:opacity-60 ${button}`}>
          {pending ? "Working…" : submitLabel}
        </button>
        <span aria-live="polite" className="text-sm">
          {result?.ok && successMessage ? <span className="text-emerald-700" role="status">{successMessage}</span> : null}
        </span>
      </div>
    </form>
  );
}
