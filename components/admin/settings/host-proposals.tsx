"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import type { OpenHostProposal } from "@/lib/settings/decide-host-proposal";
import { Time } from "@/components/ui/time";

type Decide<T> = (input: unknown) => Promise<ActionResult<T>>;


/** One open proposal: Accept (with a note, prefilled) adds the host in a new version; Decline asks why. */
function ProposalRow({ p, accept, decline }: { p: OpenHostProposal; accept: Decide<{ version: number; created: boolean }>; decline: Decide<{ status: "declined" }> }) {
  const router = useRouter();
  const [mode, setMode] = useState<"idle" | "accept" | "decline">("idle");
  const [text, setText] = useState("");
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const id = `proposal-${p.id}`;
  const errors = result && !result.ok ? [...(result.fieldErrors?.note ?? []), ...(result.fieldErrors?.reason ?? [])] : [];

  function open(next: "accept" | "decline") {
    setMode(next);
    setText(next === "accept" ? p.suggestedNote : "");
    setResult(null);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    start(async () => {
      const r = mode === "accept" ? await accept({ proposalId: p.id, note: text }) : await decline({ proposalId: p.id, reason: text });
      setResult(r);
      if (r.ok) router.refresh();
    });
  }

  return (
    <li className="px-4 py-3" data-testid={`host-proposal-${p.host}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="font-mono text-sm font-semibold text-slate-900">{p.host}</p>
          <p className="mt-0.5 text-xs text-slate-600">
            Proposed by {p.proposedBy} on <Time value={p.createdAt} />
            {p.caseReference ? ` from ${p.caseReference}` : ""}
          </p>
          {p.reason ? <p className="mt-1 text-sm text-slate-700">“{p.reason}”</p> : null}
        </div>
        {mode === "idle" ? (
          <div className="flex gap-2">
            <button type="button" onClick={() => open("accept")} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500">
              Accept
            </button>
            <button type="button" onClick={() => open("decline")} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
              Decline
            </button>
          </div>
        ) : null}
      </div>
      {mode !== "idle" ? (
        <form onSubmit={submit} noValidate className="mt-3 space-y-2">
          <label htmlFor={`${id}-text`} className="block text-sm font-medium text-slate-800">
            {mode === "accept" ? `Note for the new version (adds ${p.host} to the internal host suffixes)` : "Why it is declined (SIRT sees this)"}
          </label>
          <textarea
            id={`${id}-text`}
            autoFocus
            rows={2}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className="block w-full max-w-2xl rounded-md border border-slate-300 px-3 py-2 text-sm"
            aria-invalid={errors.length > 0}
            aria-describedby={`${id}-hint ${id}-error`}
          />
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {mode === "accept"
              ? `${p.proposedBy} is notified that the case's team can redact the artefact again with the new settings.`
              : `${p.proposedBy} is notified with this reason and may propose the host again.`}
          </p>
          <p id={`${id}-error`} aria-live="polite" className="text-xs text-red-700">
            {errors.join(" ") || (result && !result.ok ? result.error : "")}
          </p>
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className={`rounded-md px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60 ${mode === "accept" ? "bg-indigo-600 hover:bg-indigo-500" : "bg-red-600 hover:bg-red-500"}`}>
              {pending ? "Saving…" : mode === "accept" ? "Accept and save a new version" : "Decline"}
            </button>
            <button type="button" onClick={() => setMode("idle")} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800">
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

/** SIRT's open "treat as internal" proposals, for Admin to accept or decline. */
export function HostProposals({ rows, accept, decline }: { rows: OpenHostProposal[]; accept: Decide<{ version: number; created: boolean }>; decline: Decide<{ status: "declined" }> }) {
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Open host proposals">
      {rows.map((p) => (
        <ProposalRow key={p.id} p={p} accept={accept} decline={decline} />
      ))}
    </ul>
  );
}
