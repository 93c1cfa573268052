"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import type { ArtefactSettingsState } from "@/lib/settings/artefact-settings";

type RedactAgain = (input: unknown) => Promise<ActionResult<{ revision: number; settingsVersion: number }>>;

/**
 * "Redacted with settings vN" on the artefact page, and for the case's team, when a newer settings
 * version changed the host lists, "Redact again with the new settings" (earlier decisions are voided;
 * on an approved artefact, both approvals, which it warns about first).
 */
export function SettingsVersionNote({ state, redactAgain }: { state: ArtefactSettingsState; redactAgain: RedactAgain }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<{ revision: number; settingsVersion: number }> | null>(null);
  const [confirming, setConfirming] = useState(false);

  // A failed or withdrawn artefact has no redaction to speak of.
  if (state.status === "failed" || state.status === "withdrawn") return null;
  if (state.status === "processing" && state.usedVersion === null) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600" data-testid="settings-version">
        Redacting with the settings in force (version {state.currentVersion}).
      </p>
    );
  }

  function run() {
    start(async () => {
      const r = await redactAgain({ artefactId: state.artefactId, version: state.version });
      setResult(r);
      setConfirming(false);
      if (r.ok) router.refresh();
    });
  }

  return (
    <section aria-label="Redaction settings" className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm" data-testid="settings-version">
      <p className="text-slate-700">
        {state.usedVersion !== null ? (
          <>
            Redacted with settings <strong>v{state.usedVersion}</strong>
            {state.usedVersion === state.currentVersion ? " (in force)." : `; version ${state.currentVersion} is in force.`}
          </>
        ) : (
          "Redacted before settings versions were recorded."
        )}
      </p>
      {state.hostsChanged && state.usedVersion !== null ? (
        <ul className="mt-1 list-disc pl-5 text-xs text-slate-600" aria-label="Changed since">
          {state.changes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : state.usedVersion !== null && state.usedVersion < state.currentVersion ? (
        <p className="mt-1 text-xs text-slate-500">The newer versions change only policy values; the redaction would be the same.</p>
      ) : null}
      {state.canRedactAgain ? (
        <div className="mt-3">
          {state.voidsApprovals ? (
            <p className="mb-2 rounded border border-amber-300 bg-amber-50 px-2 py-1.5 text-xs text-amber-900" data-testid="redact-again-voids-approvals">
              This artefact is approved and not yet shared. Redacting it again voids <strong>both approvals</strong>: Security and Legal decide again on the new residue before it can be shared.
            </p>
          ) : null}
          {confirming ? (
            <div className="space-y-2">
              <p className="text-xs text-slate-700">
                This runs the redaction again with the same options and the settings in force, and voids the {state.voidsApprovals ? "Security and Legal approvals" : "approvals and rejections given so far"}. Reviewers are asked again.
              </p>
              <div className="flex gap-2">
                <button type="button" onClick={run} disabled={pending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
                  {pending ? "Starting…" : `Redact again with v${state.currentVersion}`}
                </button>
                <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800">
                  Cancel
                </button>
              </div>
            </div>
          ) : (
            <button type="button" onClick={() => setConfirming(true)} className="rounded-md border border-indigo-300 bg-indigo-50 px-3 py-1.5 text-sm font-semibold text-indigo-800 hover:bg-indigo-100">
              Redact again with the new settings
            </button>
          )}
        </div>
      ) : null}
      <p aria-live="polite" className="mt-1 text-xs">
        {result && !result.ok ? (
          <span className="text-red-700" role="alert">
            {result.error}
          </span>
        ) : result?.ok ? (
          <span className="text-emerald-700" role="status">
            Redacting again with settings v{result.data.settingsVersion} (revision {result.data.revision}).
          </span>
        ) : null}
      </p>
    </section>
  );
}
