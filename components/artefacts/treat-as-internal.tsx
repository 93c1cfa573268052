"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";

import { siblingSuffix, type HostProposalStatus } from "@/lib/settings/rules";

const STATUS_TEXT: Record<HostProposalStatus, string> = {
  open: "Proposed: waiting for Admin",
  accepted: "Accepted: redact again with the new settings",
  declined: "Declined by Admin",
};

/**
 * SIRT's "Treat as internal" on an unknown host of the residue: proposes the host (or, edited, a
 * suffix covering its siblings) to Admin, who accepts it in Settings. Shows the proposal's state
 * once there is one.
 */
export function TreatAsInternal({
  host,
  artefactId,
  status,
  productHosts = [],
  action,
}: {
  host: string;
  artefactId: string;
  status?: HostProposalStatus;
  /** The product hosts in force: a suggested suffix never covers one. */
  productHosts?: readonly string[];
  action: (input: unknown) => Promise<ActionResult<{ id: string; host: string; status: "open" }>>;
}) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(host);
  const [reason, setReason] = useState("");
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<{ id: string; host: string; status: "open" }> | null>(null);

  if (result?.ok) return <p className="text-xs font-medium text-emerald-700" role="status">Proposed “{result.data.host}”: waiting for Admin</p>;
  if (status) {
    const tone = status === "declined" ? "text-slate-500" : status === "accepted" ? "text-emerald-700" : "text-amber-700";
    return <p className={`text-xs font-medium ${tone}`}>{STATUS_TEXT[status]}</p>;
  }
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-semibold text-slate-800 hover:bg-slate-50" aria-label={`Treat ${host} as internal`}>
        Treat as internal…
      </button>
    );
  }
  const suffix = siblingSuffix(host, productHosts);
  const errors = result && !result.ok ? result.fieldErrors ?? {} : {};
  return (
    <form
      className="space-y-2 text-xs"
      aria-label={`Propose ${host} as internal`}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => setResult(await action({ artefactId, host: value, reason })));
      }}
    >
      <div>
        <label htmlFor={`${id}-host`} className="block font-medium text-slate-700">Host or suffix</label>
        <input id={`${id}-host`} value={value} onChange={(e) => setValue(e.target.value)} className="mt-1 w-full rounded border border-slate-300 px-2 py-1 font-mono" aria-invalid={errors.host ? true : undefined} aria-describedby={`${id}-host-error`} autoFocus />
        {suffix ? (
          <button type="button" className="mt-1 text-indigo-700 hover:underline" onClick={() => setValue(suffix)}>
            Use “{suffix}” (every host under it)
          </button>
        ) : null}
        <p id={`${id}-host-error`} aria-live="polite" className="text-red-700">{errors.host?.[0] ?? ""}</p>
      </div>
      <div>
        <label htmlFor={`${id}-reason`} className="block font-medium text-slate-700">Why (for Admin)</label>
        <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} className="mt-1 w-full rounded border border-slate-300 px-2 py-1" placeholder="e.g. our Sidekiq nodes" />
      </div>
      {result && !result.ok && !errors.host ? <p role="alert" className="text-red-700">{result.error}</p> : null}
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-2 py-1 font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
          {pending ? "Proposing…" : "Propose to Admin"}
        </button>
        <button type="button" onClick={() => { setOpen(false); setResult(null); }} className="px-2 py-1 text-slate-600 hover:underline">Cancel</button>
      </div>
    </form>
  );
}
