"use client";

import { useEffect, useRef } from "react";
import { summarizeFieldErrors, type SummaryEntry } from "@/lib/action-errors";

/**
 * The top of a form after a failed submit: the server's own message, then each
 * invalid field named with a link to it (GOV.UK's error summary pattern).
 * Each time `attempt` changes, focus moves to the first invalid field, or to
 * the summary when no field on the form is invalid.
 */
export function ErrorSummary({
  message,
  errors,
  fields,
  attempt,
  className = "",
}: {
  message: string | null | undefined;
  errors: Record<string, string[]> | undefined;
  fields: readonly SummaryEntry[];
  attempt: number;
  className?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const items = summarizeFieldErrors(errors, fields);
  const shown = !!message || items.length > 0;
  const firstId = items.find((i) => i.id)?.id;

  useEffect(() => {
    if (!attempt || !shown) return;
    const target = firstId ? document.getElementById(firstId) : null;
    if (target && !(target as HTMLInputElement).disabled) target.focus();
    else box.current?.focus();
    // Only a new failed attempt moves focus, not typing into the fields.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);

  if (!shown) return null;
  return (
    <div ref={box} tabIndex={-1} role="alert" data-testid="error-summary" className={`rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 outline-none focus:ring-2 focus:ring-red-400 ${className}`}>
      {message ? <p className="font-medium">{message}</p> : null}
      {items.length ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {items.map((item, i) => (
            <li key={`${item.id ?? "form"}-${i}`}>
              {item.id ? (
                <a
                  href={`#${item.id}`}
                  className="underline hover:text-red-900"
                  onClick={(e) => {
                    const el = document.getElementById(item.id!);
                    if (!el) return;
                    e.preventDefault();
                    el.scrollIntoView({ block: "center" });
                    el.focus();
                  }}
                >
                  {item.label}: {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
