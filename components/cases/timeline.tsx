"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { MARKDOWN_CLASSES } from "@/lib/timeline/markdown";
import { defaultRelayText, ENTRY_KIND_LABELS, RELAY_CHANNELS, RELAY_CHANNEL_LABELS, RELAY_RECIPIENT_HINTS, type RelayChannel } from "@/lib/timeline/schemas";
import { ErrorSummary } from "@/components/ui/error-summary";
import type { Timeline, TimelineItem } from "@/lib/timeline/service";
import { Time } from "@/components/ui/time";
import { AddEntryForm } from "./add-entry-form";

type Action = (input: unknown) => Promise<ActionResult<unknown>>;

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm";

const KIND_TONES: Record<TimelineItem["kind"], string> = {
  finding: "bg-indigo-50 text-indigo-700",
  status_update: "bg-sky-50 text-sky-700",
  note: "bg-slate-100 text-slate-700",
};

/**
 * Steps 6-7 on the case page: the timeline of findings and status updates,
 * newest first, with the form to add one. Entry bodies arrive rendered: the
 * case page (a server component) renders each entry's Markdown with
 * `MarkdownBody` and passes the elements in `entryBodies`, by entry id, so
 * the Markdown is parsed on the server and no HTML string is inserted. Only
 * relayable entries offer "Relay to customer", and only to Support and CSMs.
 */
export function CaseTimeline({
  caseId,
  timeline,
  entryBodies,
  canAdd,
  canRelay,
  addEntry,
  relayEntry,
}: {
  caseId: string;
  timeline: Timeline;
  /** Each entry's body, rendered on the server by `MarkdownBody`, by entry id. */
  entryBodies: Record<string, ReactNode>;
  canAdd: boolean;
  canRelay: boolean;
  addEntry: Action;
  relayEntry: Action;
}) {
  const [relaying, setRelaying] = useState<string | null>(null);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="timeline-heading" data-testid="timeline">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="timeline-heading" className="text-sm font-semibold text-slate-900">Timeline · findings and status updates</h2>
        <p className="text-xs text-slate-500">Staff only. The customer sees only what Support or the CSM relays.</p>
      </div>
      <p className="mt-1 text-xs text-slate-600">
        Last relayed to the customer:{" "}
        {timeline.lastRelayAt ? <Time data-testid="timeline-last-relay" value={timeline.lastRelayAt} /> : "not yet"}
        {timeline.nextUpdateDue ? (
          <>
            {" · "}next update due{" "}
            <Time data-testid="timeline-next-update-due" value={timeline.nextUpdateDue} timeZone={timeline.teamTimeZone} className="font-medium text-slate-800" />
          </>
        ) : null}
      </p>
      {canAdd && timeline.isOpen ? (
        <div className="mt-3 rounded-md border border-slate-100 bg-slate-50/60 p-3">
          <AddEntryForm caseId={caseId} addEntry={addEntry} />
        </div>
      ) : null}
      {timeline.entries.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No entries yet. Findings and status updates appear here as they happen.</p>
      ) : (
        <ol className="mt-4 space-y-4" aria-label="Timeline entries, newest first">
          {timeline.entries.map((e) => (
            <li key={e.id} data-testid="timeline-entry" data-visibility={e.visibility} className={`rounded-md border-l-4 bg-white py-2 pl-3 pr-2 ${e.visibility === "relayable" ? "border-emerald-400" : "border-slate-300"}`}>
              <div className="flex flex-wrap items-center gap-2 text-xs">
                <span className={`rounded-full px-2 py-0.5 font-medium ${KIND_TONES[e.kind]}`}>{ENTRY_KIND_LABELS[e.kind]}</span>
                {e.visibility === "relayable" ? (
                  <span className="rounded-full bg-emerald-50 px-2 py-0.5 font-medium text-emerald-700">Relayable</span>
                ) : (
                  <span className="rounded-full border border-slate-300 px-2 py-0.5 font-medium text-slate-600">Internal</span>
                )}
                <span className="text-slate-600">
                  {e.authorName}
                  {e.authorRole in ROLE_LABELS ? <span className="text-slate-500"> · {ROLE_LABELS[e.authorRole as Role]}</span> : null}
                </span>
                <Time value={e.createdAt} className="text-slate-500" />
              </div>
              <div className={`mt-2 ${MARKDOWN_CLASSES}`} data-testid="entry-body">{entryBodies[e.id]}</div>
              {e.relays.length ? (
                <ul className="mt-2 space-y-1 border-t border-slate-100 pt-2 text-xs text-slate-600" aria-label="Relays of this entry">
                  {e.relays.map((r) => (
                    <li key={r.id} data-testid="relay">
                      <details>
                        <summary className="cursor-pointer">
                          Relayed by <strong className="font-medium text-slate-800">{r.sentByName}</strong> to {r.recipient} via {RELAY_CHANNEL_LABELS[r.channel as RelayChannel] ?? r.channel} · <Time value={r.sentAt} />
                        </summary>
                        <p className="mt-1 whitespace-pre-wrap rounded bg-slate-50 p-2 text-slate-800">{r.text}</p>
                      </details>
                    </li>
                  ))}
                </ul>
              ) : null}
              {e.visibility === "relayable" && canRelay && timeline.isOpen ? (
                relaying === e.id ? (
                  <RelayForm caseId={caseId} entry={e} timeline={timeline} relayEntry={relayEntry} onDone={() => setRelaying(null)} />
                ) : (
                  <button type="button" onClick={() => setRelaying(e.id)} className="mt-2 rounded-md border border-emerald-300 bg-white px-2.5 py-1 text-xs font-semibold text-emerald-800 hover:bg-emerald-50">
                    Relay to customer
                  </button>
                )
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Records a relay: the text as sent (editable), to whom, through which channel. Logdesk itself never contacts the customer. */
function RelayForm({ caseId, entry, timeline, relayEntry, onDone }: { caseId: string; entry: TimelineItem; timeline: Timeline; relayEntry: Action; onDone: () => void }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [channel, setChannel] = useState<RelayChannel>("email");
  const errors = result && !result.ok ? result.fieldErrors ?? {} : {};
  const id = `relay-${entry.id}`;
  return (
    <form
      noValidate
      data-testid="relay-form"
      className="mt-3 space-y-3 rounded-md border border-emerald-200 bg-emerald-50/40 p-3"
      onSubmit={(ev) => {
        ev.preventDefault();
        const values = Object.fromEntries(new FormData(ev.currentTarget));
        start(async () => {
          const r = await relayEntry({ ...values, caseId, entryId: entry.id });
          setResult(r);
          if (!r.ok) setAttempt((n) => n + 1);
          if (r.ok) {
            onDone();
            router.refresh();
          }
        });
      }}
    >
      <ErrorSummary
        message={result && !result.ok ? result.error : null}
        errors={errors}
        fields={[
          { name: "text", label: "Text sent to the customer", id: `${id}-text` },
          { name: "recipient", label: "Recipient", id: `${id}-recipient` },
          { name: "channel", label: "Channel", id: `${id}-channel` },
        ]}
        attempt={attempt}
      />
      <div>
        <label htmlFor={`${id}-text`} className="block text-sm font-medium text-slate-800">Text sent to the customer</label>
        <textarea id={`${id}-text`} name="text" rows={5} defaultValue={defaultRelayText(entry.body, timeline.needsExtendedNote)} className={input} aria-invalid={!!errors.text} aria-describedby={`${id}-text-error`} />
        {timeline.needsExtendedNote ? (
          <p className="mt-1 text-xs text-amber-800">First update on an extended case: it must keep the note that the request will take longer (more than 7 days back).</p>
        ) : null}
        <p className="mt-1 text-xs text-slate-500">Sent as coming from Support or the CSM; do not name the SIRT author.</p>
        <p id={`${id}-text-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{errors.text?.[0]}</p>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-recipient`} className="block text-sm font-medium text-slate-800">Recipient</label>
          <input id={`${id}-recipient`} name="recipient" defaultValue={timeline.requesterEmail} placeholder={RELAY_RECIPIENT_HINTS[channel].placeholder} className={input} aria-invalid={!!errors.recipient} aria-describedby={`${id}-recipient-hint ${id}-recipient-error`} />
          <p id={`${id}-recipient-hint`} className="mt-1 text-xs text-slate-500">{RELAY_RECIPIENT_HINTS[channel].hint}</p>
          <p id={`${id}-recipient-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{errors.recipient?.[0]}</p>
        </div>
        <div>
          <label htmlFor={`${id}-channel`} className="block text-sm font-medium text-slate-800">Channel</label>
          <select id={`${id}-channel`} name="channel" value={channel} onChange={(e) => setChannel(e.target.value as RelayChannel)} className={input} aria-invalid={!!errors.channel} aria-describedby={`${id}-channel-error`}>
            {RELAY_CHANNELS.map((ch) => <option key={ch} value={ch}>{RELAY_CHANNEL_LABELS[ch]}</option>)}
          </select>
          <p id={`${id}-channel-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{errors.channel?.[0]}</p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-emerald-700 px-3 py-2 text-sm font-semibold text-white hover:bg-emerald-600 disabled:opacity-60">
          {pending ? "Working…" : "Record relay"}
        </button>
        <button type="button" onClick={onDone} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-800 hover:bg-slate-50">Cancel</button>
      </div>
      <p className="text-xs text-slate-500">Send the update yourself through that channel; this records what was sent and restarts the update clock.</p>
    </form>
  );
}
