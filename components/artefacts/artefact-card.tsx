import Link from "@/components/ui/app-link";
import { ActionForm } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/action";
import type { ApprovalView, ArtefactView } from "@/lib/artefacts/queries";
import { fileTypeLabel } from "@/lib/artefacts/file-type";
import { SHARE_CHANNELS } from "@/lib/artefacts/schemas";
import { DecideArtefactForm } from "./decide-artefact-form";
import { formatSize } from "./progress-bar";
import { RedactionProgress } from "./redaction-progress";
import { Time } from "@/components/ui/time";
import { formatDate } from "@/lib/format/datetime";

type Action = (input: unknown) => Promise<ActionResult<unknown>>;

const n = (v: number | null | undefined) => (v === null || v === undefined ? "–" : v.toLocaleString("en"));

export const ARTEFACT_STATUS_LABEL: Record<ArtefactView["status"], string> = {
  processing: "Redacting",
  in_review: "In review",
  rejected: "Rejected",
  approved: "Approved",
  shared: "Shared",
  failed: "Failed",
  withdrawn: "Withdrawn",
};

export const STATUS_TONE: Record<ArtefactView["status"], string> = {
  processing: "bg-sky-50 text-sky-700",
  in_review: "bg-purple-50 text-purple-700",
  rejected: "bg-red-50 text-red-700",
  approved: "bg-emerald-50 text-emerald-700",
  shared: "bg-slate-100 text-slate-700",
  failed: "bg-red-50 text-red-700",
  withdrawn: "bg-slate-100 text-slate-500 line-through",
};

export function ArtefactStatusBadge({ status }: { status: ArtefactView["status"] }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_TONE[status]}`}>{ARTEFACT_STATUS_LABEL[status]}</span>;
}

function Hash({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="truncate font-mono text-xs text-slate-800" title={value}>{value}</dd>
    </div>
  );
}

function Decision({ kind, live }: { kind: "security" | "legal"; live: ApprovalView | null }) {
  const who = kind === "security" ? "Security (SIRT)" : "Legal";
  if (!live) return <li className="text-slate-600">{who}: <span className="font-medium">waiting</span></li>;
  return (
    <li className={live.decision === "approved" ? "text-emerald-800" : "text-red-800"}>
      {who}: <span className="font-medium">{live.decision}</span> by {live.by}, <Time value={live.at} />
      {live.residueSha256 ? (
        <span className="block text-xs text-slate-600">
          residue reviewed: <code className="font-mono" title={live.residueSha256}>{live.residueSha256.slice(0, 12)}…</code>
        </span>
      ) : null}
      {live.comment ? <span className="block text-xs text-slate-600">“{live.comment}”</span> : null}
    </li>
  );
}

/** Where the scope check stands, in one sentence each. */
function ScopeCheck({ a }: { a: ArtefactView }) {
  const s = a.scopeCheck;
  if (!s) return null;
  const o = a.options;
  return (
    <div data-testid="scope-check" className="rounded border border-slate-200 bg-slate-50 p-2 text-xs text-slate-700">
      <p className="font-medium text-slate-800">Scope check: {n(s.lines)} lines</p>
      <ul className="mt-1 space-y-0.5">
        <li>{n(s.outsideWindow)} outside the case window{s.outsideWindow ? (o?.dropOutsideWindow ? " (dropped)" : " (kept)") : ""}</li>
        <li>
          {n(s.outsideScope)} naming resources outside the scope{s.outsideScope ? (o?.dropOutsideScope ? " (dropped)" : " (kept)") : ""}
          {s.outsideResources?.length ? `: ${s.outsideResources.slice(0, 5).map((r) => `${r.path} (${n(r.lines)})`).join(", ")}` : ""}
        </li>
        <li>{n(s.undated)} without a timestamp (kept)</li>
      </ul>
    </div>
  );
}

/**
 * One artefact on the case page (steps 8-9): both forms with their hashes, the scope check, the
 * redaction summary, the two decisions, and what this user may do with it. Decisions are taken on
 * the review page, under the residue it shows (`residueShown`: the hash of the residue shown
 * there); elsewhere the card links to it.
 */
export function ArtefactCard({
  a,
  reference,
  requesterEmail,
  actions,
  residueShown,
  releaseWarning,
}: {
  a: ArtefactView;
  reference: string;
  requesterEmail?: string;
  actions: { decide: Action; redactAgain: Action; share: Action; withdraw: Action };
  residueShown?: { sha256: string | null };
  /** A newer settings version changed the host lists this approved file was redacted with (lib/settings releaseSettingsWarnings). */
  releaseWarning?: string;
}) {
  const total = a.summary ? Object.values(a.summary.redactions).reduce((s, v) => s + v, 0) : 0;
  const history = a.approvals.filter((x) => x.voidedAt);
  return (
    <article data-testid="artefact" aria-label={`Artefact ${a.filename}`} className="space-y-3 rounded-md border border-slate-200 p-3">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h3 className="font-medium text-slate-900">{a.filename}</h3>
          <p className="text-xs text-slate-500">
            {fileTypeLabel(a.filename, a.format as "ndjson" | "text", a.compression)} · {formatSize(a.rawSize)} · uploaded by {a.uploadedBy} <Time value={a.createdAt} />
            {a.revision > 1 ? ` · redaction ${a.revision}` : ""}
          </p>
        </div>
        <ArtefactStatusBadge status={a.status} />
      </header>

      <dl className="grid gap-2 sm:grid-cols-2">
        <Hash label="Raw SHA-256 (never released)" value={a.rawSha256} />
        <Hash label="Redacted SHA-256" value={a.redactedSha256} />
      </dl>

      {a.deleted.raw || a.deleted.redacted || a.deleted.superseded ? (
        <ul data-testid="retention-deletions" className="space-y-0.5 text-sm text-slate-600">
          {a.deleted.raw ? <li>Raw file deleted on {formatDate(a.deleted.raw)} under the retention policy (SHA-256 kept). On a reopened case, the team that uploads puts it back by uploading the same extract again.</li> : null}
          {a.deleted.redacted ? <li>Redacted file of this withdrawn artefact deleted on {formatDate(a.deleted.redacted)} under the retention policy (SHA-256 kept).</li> : null}
          {a.deleted.superseded ? <li>Redacted files of earlier redactions deleted on {formatDate(a.deleted.superseded)} under the retention policy.</li> : null}
        </ul>
      ) : null}

      <ScopeCheck a={a} />

      {a.status === "processing" ? <RedactionProgress artefactId={a.id} initial={a.progress} /> : null}
      {a.stuck ? <p role="alert" className="text-sm text-amber-800">No progress for 10 minutes: the redaction may have stopped. The team can start it again below.</p> : null}
      {a.status === "failed" ? <p role="alert" className="text-sm text-red-700">{a.error ?? "The redaction failed."}</p> : null}
      {a.status === "withdrawn" ? <p className="text-sm text-slate-600">Withdrawn by the team: it no longer counts for this case. Its files and record stay.</p> : null}

      {a.summary ? (
        <div data-testid="redaction-summary" className="text-sm">
          <p>
            Redacted: {n(a.redactedLines)} lines ({formatSize(a.redactedSize)}){a.droppedLines ? `, ${n(a.droppedLines)} dropped by the scope check` : ""}; {n(total)} replacements
          </p>
          <ul className="mt-1 flex flex-wrap gap-2 text-xs">
            {Object.entries(a.summary.redactions).map(([kind, count]) => (
              <li key={kind} className="rounded bg-slate-100 px-2 py-0.5">{kind}: {n(count)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {a.status !== "processing" && a.status !== "failed" ? (
        <ul className="space-y-1 text-sm" aria-label="Approvals">
          <Decision kind="security" live={a.live.security} />
          <Decision kind="legal" live={a.live.legal} />
        </ul>
      ) : null}

      <div className="flex flex-wrap gap-3 text-sm">
        {a.redactedSha256 && a.can.readRedacted && !a.deleted.redacted ? (
          <>
            <Link href={`/cases/${a.caseId}/artefacts/${a.id}`} className="font-medium text-indigo-700 hover:underline">Review the redacted lines</Link>
            <a href={`/api/artefacts/${a.id}/download`} className="text-indigo-700 hover:underline" download>Download redacted</a>
          </>
        ) : null}
        {a.can.readRaw && a.rawSha256 && !a.deleted.raw ? <a href={`/api/artefacts/${a.id}/download?form=raw`} className="text-slate-600 hover:underline" download>Download raw (internal)</a> : null}
        {a.redactedSha256 && !a.can.readRedacted ? <span className="text-slate-500">The redacted file is yours to download once Security and Legal approve it.</span> : null}
      </div>

      {a.can.decide && residueShown ? (
        <details id="decision-form" className="scroll-mt-4 rounded border border-slate-200 p-2" open={!(a.can.decide === "security" ? a.live.security : a.live.legal)}>
          <summary className="cursor-pointer text-sm font-medium">{a.can.decide === "security" ? "Security approval" : "Legal review"}</summary>
          <div className="mt-2">
            <DecideArtefactForm action={actions.decide} artefactId={a.id} version={a.version} kind={a.can.decide} residueSha256={residueShown.sha256} />
          </div>
        </details>
      ) : a.can.decide && a.redactedSha256 ? (
        <p className="rounded border border-slate-200 p-2 text-sm" data-testid={`decide-${a.can.decide}-link`}>
          {a.can.decide === "security" ? "Security approval" : "Legal review"}:{" "}
          <Link href={`/cases/${a.caseId}/artefacts/${a.id}`} className="font-medium text-indigo-700 hover:underline">review what is left in the file and decide</Link>
        </p>
      ) : null}

      {a.can.share && a.status === "approved" ? (
        <details className="rounded border border-emerald-300 p-2" open>
          <summary className="cursor-pointer text-sm font-medium">Share with the customer</summary>
          <p className="mt-1 text-xs text-slate-600">You hand on the redacted file and its signed release manifest. The raw file is never released.</p>
          {releaseWarning ? (
            <div role="note" className="mt-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="release-settings-warning">
              <p className="font-medium">{releaseWarning}</p>
              <p className="mt-0.5">
                The case&apos;s team can <Link href={`/cases/${a.caseId}/artefacts/${a.id}`} className="font-medium underline">redact it again with the new settings</Link>; that voids both approvals, and Security and Legal decide again on the new residue.
              </p>
            </div>
          ) : null}
          <div className="mt-2">
            <ActionForm
              testId="share-artefact"
              action={actions.share}
              extra={{ artefactId: a.id, version: a.version }}
              fields={[
                { name: "recipient", label: "Sent to (email)", defaultValue: requesterEmail ?? "", hint: `The customer contact on ${reference}.` },
                { name: "channel", label: "Through", type: "select", defaultValue: "secure_file_share", options: Object.entries(SHARE_CHANNELS).map(([value, label]) => ({ value, label })) },
              ]}
              submitLabel="Record the release and sign the manifest"
            />
          </div>
        </details>
      ) : null}

      {a.shares.length ? (
        <div data-testid="releases" className="text-sm">
          <h4 className="font-medium text-slate-800">Released</h4>
          <ul className="mt-1 space-y-1">
            {a.shares.map((s) => (
              <li key={s.id}>
                To {s.recipient} by {SHARE_CHANNELS[s.channel as keyof typeof SHARE_CHANNELS] ?? s.channel}, {s.by}, <Time value={s.at} /> ·{" "}
                <a href={`/api/artefacts/${a.id}/download`} className="text-indigo-700 underline hover:text-indigo-900" download>{a.redactedFilename}</a> ·{" "}
                <a href={`/api/artefacts/${a.id}/shares/${s.id}/manifest`} className="text-indigo-700 underline hover:text-indigo-900" download>signed manifest</a>
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-slate-500">
            Verify with <code>npm run verify-manifest -- &lt;manifest.json&gt; --key &lt;portal&gt;/api/release-key</code>.
          </p>
        </div>
      ) : null}

      {a.can.redactAgain ? (
        <details className="rounded border border-slate-200 p-2" open={a.status === "rejected"}>
          <summary className="cursor-pointer text-sm font-medium">Redact again with other options</summary>
          <p className="mt-1 text-xs text-slate-600">A new redaction voids the approvals given so far: Security and Legal decide again.</p>
          <div className="mt-2">
            <ActionForm
              testId="redact-again"
              action={actions.redactAgain}
              extra={{ artefactId: a.id, version: a.version }}
              fields={[
                { name: "dropOutsideWindow", label: "Lines outside the case window", type: "radio", defaultValue: a.options?.dropOutsideWindow ? "1" : "0", options: [{ value: "1", label: "Drop" }, { value: "0", label: "Keep" }] },
                { name: "dropOutsideScope", label: "Lines naming resources outside the scope", type: "radio", defaultValue: a.options?.dropOutsideScope ? "1" : "0", options: [{ value: "1", label: "Drop" }, { value: "0", label: "Keep" }] },
                { name: "disclosePersonalData", label: "The customer's own users' IPs and emails", type: "radio", defaultValue: a.options?.disclosePersonalData ? "1" : "0", options: [{ value: "0", label: "Redact" }, { value: "1", label: "Keep (only if the request asked for personal data)" }] },
              ]}
              submitLabel="Redact again"
              tone="secondary"
            />
          </div>
        </details>
      ) : null}

      {a.can.withdraw ? (
        <details className="rounded border border-slate-200 p-2">
          <summary className="cursor-pointer text-sm font-medium">Withdraw this artefact</summary>
          <p className="mt-1 text-xs text-slate-600">For the wrong file, a rejected extract you replace with a new upload, or a failed redaction. It stops holding the case in review; its files and record stay.</p>
          <div className="mt-2">
            <ActionForm
              testId="withdraw-artefact"
              action={actions.withdraw}
              extra={{ artefactId: a.id, version: a.version }}
              fields={[{ name: "reason", label: "Why", type: "textarea" }]}
              submitLabel="Withdraw"
              tone="danger"
              confirm="Withdraw this artefact? Its approvals are voided."
            />
          </div>
        </details>
      ) : null}

      {history.length ? (
        <details className="text-xs text-slate-600">
          <summary className="cursor-pointer">Earlier decisions ({history.length})</summary>
          <ul className="mt-1 space-y-0.5">
            {history.map((h) => (
              <li key={h.id}>
                {h.kind === "security" ? "Security" : "Legal"} {h.decision} by {h.by}, <Time value={h.at} /> (redaction {h.revision}); void: {h.voidReason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}
