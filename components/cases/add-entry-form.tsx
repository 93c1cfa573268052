"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { MARKDOWN_CLASSES, MarkdownBody } from "@/lib/timeline/markdown";
import { ENTRY_KINDS, ENTRY_KIND_LABELS, type EntryKind, type EntryVisibility } from "@/lib/timeline/schemas";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm";

/** Step 6: a finding, status update or note, internal unless the author marks it relayable. Markdown with a preview (the same `MarkdownBody` the timeline renders on the server, here in the browser). */
export function AddEntryForm({ caseId, addEntry }: { caseId: string; addEntry: (input: unknown) => Promise<ActionResult<unknown>> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [kind, setKind] = useState<EntryKind>("finding");
  const [visibility, setVisibility] = useState<EntryVisibility>("internal");
  const [body, setBody] = useState("");
  const [preview, setPreview] = useState(false);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const errors = result && !result.ok ? result.fieldErrors ?? {} : {};

  return (
    <form
      noValidate
      data-testid="add-entry"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await addEntry({ caseId, kind, visibility, body });
          setResult(r);
          if (r.ok) {
            setBody("");
            setPreview(false);
            // Kind and visibility stay as chosen: a run of relayable updates needs no re-ticking.
            router.refresh();
          }
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-6">
        <div>
          <label htmlFor="entry-kind" className="block text-sm font-medium text-slate-800">Kind</label>
          <select id="entry-kind" value={kind} onChange={(e) => setKind(e.target.value as EntryKind)} className={`${input} w-44`}>
            {ENTRY_KINDS.map((k) => <option key={k} value={k}>{ENTRY_KIND_LABELS[k]}</option>)}
          </select>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Who may read it</legend>
          <div className="mt-2 flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="visibility" value="internal" checked={visibility === "internal"} onChange={() => setVisibility("internal")} /> Internal
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="visibility" value="relayable" checked={visibility === "relayable"} onChange={() => setVisibility("relayable")} /> Relayable to the customer
            </label>
          </div>
        </fieldset>
      </div>
      <p className="text-xs text-slate-500">
        {visibility === "internal"
          ? "Internal entries stay with staff and can never be relayed."
          : "Relayable entries may be passed on by Support or the CSM; write them as the customer should read them."}
      </p>
      <div>
        <div className="flex items-center justify-between">
          <label htmlFor="entry-body" className="block text-sm font-medium text-slate-800">Entry (Markdown)</label>
          <div role="group" aria-label="Editor mode" className="flex rounded-md border border-slate-300 text-xs">
            <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)} className={`rounded-l-md px-2 py-1 ${!preview ? "bg-slate-100 font-semibold" : ""}`}>Write</button>
            <button type="button" aria-pressed={preview} onClick={() => setPreview(true)} className={`rounded-r-md border-l border-slate-300 px-2 py-1 ${preview ? "bg-slate-100 font-semibold" : ""}`}>Preview</button>
          </div>
        </div>
        {preview ? (
          <div data-testid="entry-preview" className={`mt-1 min-h-24 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 ${MARKDOWN_CLASSES}`}>
            {body.trim() ? <MarkdownBody markdown={body} /> : <p className="text-slate-500">Nothing to preview yet.</p>}
          </div>
        ) : (
          <textarea
            id="entry-body"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            rows={5}
            className={`${input} font-mono`}
            placeholder={"What was found or done. **bold**, *italic*, `code`, lists, [links](https://…)"}
            aria-invalid={!!errors.body}
            aria-describedby="entry-body-error"
          />
        )}
        <p id="entry-body-error" className="mt-1 text-xs text-red-700" aria-live="polite">{errors.body?.[0]}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
          {pending ? "Working…" : "Add to timeline"}
        </button>
        <span aria-live="polite" className="text-sm">
          {result && !result.ok && !errors.body ? <span className="text-red-700" role="alert">{result.error}</span> : null}
          {result?.ok ? <span className="text-emerald-700" role="status">Added to the timeline.</span> : null}
        </span>
      </div>
    </form>
  );
}
