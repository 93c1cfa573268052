"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useEventCatalogue } from "@/components/event-types/use-event-catalogue";
import type { ActionResult } from "@/lib/action";
import { errorsOfField } from "@/lib/action-errors";
import { ErrorSummary } from "@/components/ui/error-summary";
import { EMPTY_GAP_MESSAGE } from "@/lib/gaps/schemas";

/** Lower-case letters, digits and underscores: the catalogue's names (lib/gap-tracker/issue.ts EVENT_TYPE_PATTERN). */
const EVENT_TYPE = /^[a-z][a-z0-9_]{1,99}$/;
const MAX = 50;


export interface GapFormValues {
  noGap: boolean;
  noGapReason: string;
  eventTypes: string[];
  /** Which of eventTypes the catalogue holds (known before the catalogue itself has loaded). */
  catalogued?: string[];
  neededFor: string;
}

/**
 * Records (or amends) a case's Audit Events gap: the missing event types, picked from the catalogue
 * (a text input with its suggestions; Enter or "Add" puts the name in the list) or typed, each a
 * chip with its remove button; what the customer needed them for; or "No gap" and why.
 */
export function GapForm({
  caseId,
  initial,
  amend,
  trackerConfigured,
  recordGap,
}: {
  caseId: string;
  initial: GapFormValues | null;
  amend: boolean;
  trackerConfigured: boolean;
  recordGap: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const uid = useId();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [noGap, setNoGap] = useState(initial?.noGap ?? false);
  const [events, setEvents] = useState<string[]>(initial?.eventTypes ?? []);
  const [draft, setDraft] = useState("");
  const [draftError, setDraftError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const errors = result && !result.ok ? result.fieldErrors ?? {} : {};
  const id = (name: string) => `gap-${name}`;
  // The picker's suggestions load when the event-type field is first focused (most views of a case
  // never open the form); typing works meanwhile, and the server decides what is catalogued.
  const { catalogue, failed: catalogueFailed, want: wantCatalogue } = useEventCatalogue();
  // The record's own names are known as catalogued or typed from the start; others once the catalogue has come.
  const known = new Set([...(initial?.catalogued ?? []), ...(catalogue ?? []).map((c) => c.name)]);
  const fromRecord = new Set(initial?.eventTypes ?? []);
  const isTyped = (name: string) => !known.has(name) && (catalogue !== null || fromRecord.has(name));
  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm";

  function add() {
    const name = draft.trim();
    if (!name) return setDraftError("Type or pick an event type first.");
    if (!EVENT_TYPE.test(name)) return setDraftError("Use the event type's name as the catalogue writes it: lower-case letters, digits and underscores (e.g. user_email_changed).");
    if (events.includes(name)) return setDraftError(`${name} is already in the list.`);
    if (events.length >= MAX) return setDraftError(`List at most ${MAX} missing event types.`);
    setEvents([...events, name]);
    setDraft("");
    setDraftError(null);
    setAnnounce(`Added ${name}${isTyped(name) ? " (not in the catalogue)" : ""}. ${events.length + 1} in the list.`);
  }
  function remove(name: string) {
    setEvents(events.filter((e) => e !== name));
    setAnnounce(`Removed ${name}. ${events.length - 1} in the list.`);
    document.getElementById(id("eventTypes"))?.focus();
  }

  const fieldErr = (name: string) => errorsOfField(errors, name)[0];
  // The server's "name at least one" no longer applies once the list has names (the summary keeps it until the next submit).
  const eventsErr = draftError ?? (events.length > 0 && errorsOfField(errors, "eventTypes").every((m) => m === EMPTY_GAP_MESSAGE) ? undefined : fieldErr("eventTypes"));

  return (
    <form
      noValidate
      data-testid="gap-form"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        start(async () => {
          const r = await recordGap({
            caseId,
            noGap,
            eventTypes: noGap ? [] : events,
            neededFor: noGap ? "" : String(form.get("neededFor") ?? ""),
            noGapReason: noGap ? String(form.get("noGapReason") ?? "") : "",
          });
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
          { name: "eventTypes", label: "Missing event types", id: id("eventTypes") },
          { name: "neededFor", label: "What the customer needed them for", id: id("neededFor") },
          { name: "noGapReason", label: "Why there is no gap", id: id("noGapReason") },
        ]}
        attempt={attempt}
      />

      <div className="flex items-start gap-2">
        <input id={id("noGap")} type="checkbox" className="mt-1" checked={noGap} onChange={(e) => setNoGap(e.target.checked)} aria-describedby={id("noGap-hint")} />
        <div>
          <label htmlFor={id("noGap")} className="text-sm font-medium text-slate-800">No gap</label>
          <p id={id("noGap-hint")} className="text-xs text-slate-600">Tick when Audit Events held every event the customer needed.</p>
        </div>
      </div>

      {noGap ? (
        <div>
          <label htmlFor={id("noGapReason")} className="block text-sm font-medium text-slate-800">Why there is no gap</label>
          <textarea id={id("noGapReason")} name="noGapReason" rows={3} defaultValue={initial?.noGapReason ?? ""} className={input} aria-invalid={!!fieldErr("noGapReason")} aria-describedby={`${id("noGapReason")}-error`} />
          <p id={`${id("noGapReason")}-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{fieldErr("noGapReason")}</p>
        </div>
      ) : (
        <>
          <div>
            <label htmlFor={id("eventTypes")} className="block text-sm font-medium text-slate-800">Missing event types</label>
            <p id={`${id("eventTypes")}-hint`} className="text-xs text-slate-600">
              Pick from the audit event catalogue or type a name (lower-case, underscores), then press Enter or Add. Only the names go into the tracker&apos;s issue.
            </p>
            <div className="mt-1 flex gap-2">
              <input
                id={id("eventTypes")}
                type="text"
                list={`${uid}-catalogue`}
                value={draft}
                autoComplete="off"
                spellCheck={false}
                onFocus={wantCatalogue}
                onChange={(e) => {
                  setDraft(e.target.value);
                  setDraftError(null);
                }}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    add();
                  }
                }}
                className={`${input} mt-0 font-mono`}
                aria-invalid={!!eventsErr}
                aria-describedby={`${id("eventTypes")}-hint ${id("eventTypes")}-error`}
              />
              <button type="button" onClick={add} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
                Add
              </button>
            </div>
            <datalist id={`${uid}-catalogue`}>
              {(catalogue ?? []).map((c) => (
                <option key={c.name} value={c.name}>{c.description}</option>
              ))}
            </datalist>
            <p role="status" className="mt-1 text-xs text-amber-800">
              {catalogueFailed ? "The catalogue's suggestions could not be loaded; type the names (the portal still tells catalogued from typed when it records them)." : null}
            </p>
            <p id={`${id("eventTypes")}-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{eventsErr}</p>
            <ul className="mt-2 flex flex-wrap gap-2" aria-label="Chosen event types" data-testid="gap-chips">
              {events.map((name) => (
                <li key={name} className="flex items-center gap-1 rounded-full border border-slate-300 bg-slate-50 py-0.5 pl-3 pr-1 text-xs">
                  <code className="font-mono">{name}</code>
                  {isTyped(name) ? <span className="text-slate-600">(typed)</span> : null}
                  <button type="button" onClick={() => remove(name)} className="rounded-full px-1.5 text-slate-700 hover:bg-slate-200" aria-label={`Remove ${name}`}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
            {events.length === 0 ? <p className="mt-1 text-xs text-slate-600">None chosen yet.</p> : null}
            <p className="sr-only" aria-live="polite">{announce}</p>
          </div>
          <div>
            <label htmlFor={id("neededFor")} className="block text-sm font-medium text-slate-800">What the customer needed them for</label>
            <p id={`${id("neededFor")}-hint`} className="text-xs text-slate-600">Stays in the portal: it is never sent to the tracker.</p>
            <textarea id={id("neededFor")} name="neededFor" rows={3} defaultValue={initial?.neededFor ?? ""} className={input} aria-invalid={!!fieldErr("neededFor")} aria-describedby={`${id("neededFor")}-hint ${id("neededFor")}-error`} />
            <p id={`${id("neededFor")}-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{fieldErr("neededFor")}</p>
          </div>
        </>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
          {pending ? "Working…" : amend ? "Save the gap record" : "Record the gap"}
        </button>
        <span className="text-xs text-slate-600">
          {noGap ? "Nothing is filed for no gap." : trackerConfigured ? "The portal then files one issue in the product's tracker." : "No tracker is configured: the gap is kept for the export."}
        </span>
        <span aria-live="polite" className="text-sm">
          {result?.ok ? <span className="text-emerald-700" role="status">Gap recorded.</span> : null}
        </span>
      </div>
    </form>
  );
}
