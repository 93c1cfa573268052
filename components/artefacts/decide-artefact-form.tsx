"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";

type Action = (input: unknown) => Promise<ActionResult<unknown>>;

/**
 * Security's approval or Legal's review, on the review page under the residue: approve or reject,
 * a comment (required to reject), and for an approval the box saying the residue was reviewed.
 * The residue's SHA-256 travels with the decision; the server refuses an approval whose hash is
 * not the current redaction's.
 */
export function DecideArtefactForm({
  action,
  artefactId,
  version,
  kind,
  residueSha256,
}: {
  action: Action;
  artefactId: string;
  version: number;
  kind: "security" | "legal";
  /** The hash of the residue shown above; null when there is none (a redaction older than the residue review). */
  residueSha256: string | null;
}) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [decision, setDecision] = useState<"approved" | "rejected">(residueSha256 ? "approved" : "rejected");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const shown = new Set(["comment", "residueReviewed", "decision"]);
  const otherError = result && !result.ok && (result.code !== "VALIDATION" || !Object.keys(errors).some((k) => shown.has(k))) ? result.error : null;

  return (
    <form
      noValidate
      data-testid={`decide-${kind}`}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const values = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
        start(async () => {
          const r = await action({ ...values, artefactId, version });
          setResult(r);
          if (r.ok) router.refresh();
        });
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Decision</legend>
        <div className="mt-1 flex gap-4 text-sm">
          <label className={`flex items-center gap-2 ${residueSha256 ? "" : "text-slate-400"}`}>
            <input type="radio" name="decision" value="approved" checked={decision === "approved"} disabled={!residueSha256} onChange={() => setDecision("approved")} /> Approve
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="decision" value="rejected" checked={decision === "rejected"} onChange={() => setDecision("rejected")} /> Reject
          </label>
        </div>
        {!residueSha256 ? (
          <p className="mt-1 text-xs text-amber-800">
            This redaction has no residue to review (it predates the residue review), so it cannot be approved. The case&apos;s team redacts it again; you can reject it meanwhile.
          </p>
        ) : null}
      </fieldset>

      {residueSha256 ? (
        <div>
          <div className="flex items-start gap-2 text-sm">
            <input
              id={`${id}-reviewed`}
              type="checkbox"
              name="residueReviewed"
              value="1"
              required={decision === "approved"}
              aria-invalid={!!errors.residueReviewed}
              aria-describedby={`${id}-reviewed-hint ${id}-reviewed-error`}
              className="mt-0.5"
            />
            <label htmlFor={`${id}-reviewed`} className="font-medium text-slate-800">
              I have reviewed what is left in the file (the residue above)
            </label>
          </div>
          <p id={`${id}-reviewed-hint`} className="mt-1 text-xs text-slate-500">
            Needed to approve. Your approval records the residue you reviewed: SHA-256 <code className="font-mono" title={residueSha256}>{residueSha256.slice(0, 12)}…</code>
          </p>
          <p id={`${id}-reviewed-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{errors.residueReviewed?.[0]}</p>
          <input type="hidden" name="residueSha256" value={residueSha256} />
        </div>
      ) : null}

      <div>
        <label htmlFor={`${id}-comment`} className="block text-sm font-medium text-slate-800">Comment</label>
        <textarea id={`${id}-comment`} name="comment" rows={3} aria-invalid={!!errors.comment} aria-describedby={`${id}-comment-hint ${id}-comment-error`} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm" />
        <p id={`${id}-comment-hint`} className="mt-1 text-xs text-slate-500">Required when rejecting: the team redacts again from it.</p>
        <p id={`${id}-comment-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{errors.comment?.[0]}</p>
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
          {pending ? "Working…" : "Record decision"}
        </button>
        <span aria-live="polite" className="text-sm">
          {otherError ? <span className="text-red-700" role="alert">{otherError}</span> : null}
          {result?.ok ? <span className="text-emerald-700" role="status">Recorded.</span> : null}
        </span>
      </div>
    </form>
  );
}
