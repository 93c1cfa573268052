"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { siblingSuffix } from "@/lib/settings/rules";
import { ProposalState, type ProposalSummary } from "./proposal-state";

/**
 * SIRT's "Treat as internal" on an unknown host of the residue: proposes the host (or, edited, a
 * suffix covering its siblings) to Admin, who accepts it in Settings. Shows the proposal that
 * covers the host once there is one: who decided, when, and why it was declined; a declined host
 * may be proposed again. Escape closes the form and returns to the button that opened it.
 */
export function TreatAsInternal({
  host,
  artefactId,
  proposal,
  productHosts = [],
  action,
}: {
  host: string;
  artefactId: string;
  /** The newest proposal covering this host, if any (lib/settings/rules proposalCovering). */
  proposal?: ProposalSummary;
  /** The product hosts in force: a suggested suffix never covers one. */
  productHosts?: readonly string[];
  action: (input: unknown) => Promise<ActionResult<{ id: string; host: string; status: "open" }>>;
}) {
  const router = useRouter();
  const id = useId();
  const again = proposal?.status === "declined";
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(again ? proposal.host : host);
  const [reason, setReason] = useState("");
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<{ id: string; host: string; status: "open" }> | null>(null);
  // Cancelling puts the focus back on the button that opened the form, once it is there again.
  const returnFocus = useRef(false);
  const opener = (button: HTMLButtonElement | null) => {
    if (button && returnFocus.current) {
      returnFocus.current = false;
      button.focus();
    }
  };

  function cancel() {
    setOpen(false);
    setResult(null);
    returnFocus.current = true;
  }

  if (result?.ok) {
    return (
      <p className="text-xs font-medium text-emerald-700" role="status">
        Proposed “{result.data.host}”: waiting for Admin
      </p>
    );
  }
  if (proposal && !again) return <ProposalState p={proposal} />;

  const label = again ? "Propose again…" : "Treat as internal…";
  if (!open) {
    return (
      <div className="space-y-1">
        {again ? <ProposalState p={proposal} /> : null}
        <button
          ref={opener}
          type="button"
          onClick={() => {
            setValue(again ? proposal.host : host);
            setOpen(true);
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-semibold text-slate-800 hover:bg-slate-50"
          aria-label={again ? `Propose again: ${proposal.host} as internal` : `Treat as internal: ${host}`}
        >
          {label}
        </button>
      </div>
    );
  }
  const suffix = siblingSuffix(host, productHosts);
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form
      className="space-y-2 text-xs"
      aria-label={`Propose ${host} as internal`}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          cancel();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await action({ artefactId, host: value, reason });
          setResult(r);
          if (r.ok) router.refresh();
        });
      }}
    >
      {again ? <ProposalState p={proposal} /> : null}
      <div>
        <label htmlFor={`${id}-host`} className="block font-medium text-slate-700">
          Host or suffix
        </label>
        <input
          id={`${id}-host`}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="mt-1 w-full rounded border border-slate-300 px-2 py-1 font-mono"
          aria-invalid={errors.host ? true : undefined}
          aria-describedby={`${id}-host-error`}
          autoFocus
        />
        {suffix ? (
          <button type="button" className="mt-1 text-left text-indigo-700 [overflow-wrap:anywhere] hover:underline" onClick={() => setValue(suffix)}>
            Use “{suffix}” (every host under it)
          </button>
        ) : null}
        <p id={`${id}-host-error`} aria-live="polite" className="text-red-700">
          {errors.host?.[0] ?? ""}
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-reason`} className="block font-medium text-slate-700">
          Why (for Admin)
        </label>
        <input
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
          placeholder="e.g. our Sidekiq nodes"
          aria-describedby={`${id}-reason-hint`}
        />
        <p id={`${id}-reason-hint`} className="mt-0.5 text-slate-500">
          Admin reads this, and Admin never sees case contents: say whose systems these are; do not quote log lines or customer data.
        </p>
      </div>
      {result && !result.ok && !errors.host ? (
        <p role="alert" className="text-red-700">
          {result.error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-2 py-1 font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
          {pending ? "Proposing…" : "Propose to Admin"}
        </button>
        <button type="button" onClick={cancel} className="px-2 py-1 text-slate-600 hover:underline">
          Cancel
        </button>
      </div>
    </form>
  );
}
