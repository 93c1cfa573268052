"use client";

import { useRouter } from "next/navigation";
import { Fragment, useId, useState, useTransition } from "react";
import { ActionForm } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/action";
import { NextUpdateDue } from "@/components/cases/next-update-due";
import { useInAppLinks } from "@/components/ui/in-app-links";

type Act = (input: unknown) => Promise<ActionResult<unknown>>;

export interface QueueRowData {
  id: string;
  reference: string;
  accountName: string;
  /** The incident summary as a one-line preview, and in full (the cell's title) only when the preview cut it. */
  summaryPreview: string;
  summaryFull?: string;
  status: string;
  version: number;
  assigneeId: string | null;
  assigneeName: string | null;
  priority: number | null;
  extended: boolean;
  personalData: boolean;
  /** Pre-formatted on the server, so the client renders the same text. */
  age: string;
  /** Computed on the server at render time, so the client shows the same overdue mark (due as ISO). */
  nextUpdate: { due: string; isOverdue: boolean } | null;
}

type SharedRowProps = Omit<Parameters<typeof QueueRow>[0], "row" | "onLinkClick">;

/**
 * A page of the queue's rows: the rows as data and what they share (the team's members and time
 * zone, the triage actions) once, so the page's Server Components payload does not repeat the
 * shared props for every row (issue 15).
 */
export function QueueRows({ rows, ...shared }: { rows: QueueRowData[] } & SharedRowProps) {
  // The rows' case links are plain anchors that navigate in the app, one handler for them all (no prefetch per row).
  const inApp = useInAppLinks();
  return rows.map((row) => <QueueRow key={row.id} row={row} onLinkClick={inApp} {...shared} />);
}

/**
 * One case in a team's queue with its triage controls: take it, assign it
 * to a team member and, for SIRT, set its priority or send it back for a
 * narrower scope (inline reason form). Every control names the version the
 * row was loaded at, so a stale row is refused with the service's message.
 */
export function QueueRow({
  row,
  timeZone,
  members,
  meId,
  canTriage,
  columns,
  assign,
  setPriority,
  needsRescope,
  onLinkClick,
}: {
  row: QueueRowData;
  /** Navigates the case link in the app (useInAppLinks); without it the link is a plain page load. */
  onLinkClick?: (e: React.MouseEvent<HTMLElement>) => void;
  /** The team's time zone, in which the next update due is shown beside UTC. */
  timeZone: string;
  members: { id: string; name: string }[];
  meId: string;
  canTriage: boolean;
  columns: number;
  assign: Act;
  setPriority: Act;
  needsRescope: Act;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [reset, setReset] = useState(0); // remounts the selects so a refused change shows the stored value again
  const [rescopeOpen, setRescopeOpen] = useState(false);
  const run = (fn: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : r.error);
      if (r.ok) router.refresh();
      else setReset((n) => n + 1);
    });
  const key = `${row.version}-${reset}`;
  // The whole team (and the four priorities) only once a select is used (focus, pointer or key): 25
  // rows of every member's <option> were most of the queue page (issue 15). Until then the assignee
  // select holds its value and "me", the priority select its value.
  const [expanded, setExpanded] = useState(false);
  const expand = () => setExpanded(true);
  const expandOnUse = { onFocus: expand, onPointerDown: expand, onKeyDown: expand, onMouseEnter: expand };
  const assignees = row.assigneeId && !members.some((m) => m.id === row.assigneeId) ? [...members, { id: row.assigneeId, name: `${row.assigneeName} (inactive)` }] : members;
  const shown = expanded ? assignees : assignees.filter((m) => m.id === row.assigneeId || m.id === meId);
  // Short ids (useId), the selects named by aria-label rather than a hidden <label> each, and shared
  // classes (.control, .data-table in app/globals.css): a row was 2 KB of HTML, mostly ids holding
  // the case's uuid and class lists repeated on every cell (issue 15).
  const uid = useId();

  return (
    <Fragment>
      <tr className="align-middle" data-testid="queue-row" data-case-id={row.id}>
        <td className="whitespace-nowrap font-medium">
          <a className="text-indigo-700 hover:underline" href={`/cases/${row.id}`} onClick={onLinkClick}>{row.reference}</a>
          {row.status === "in_progress" ? <span className="block text-xs font-normal text-slate-500">in progress</span> : null}
        </td>
        <td>{row.accountName}</td>
        <td className="min-w-40 max-w-60 text-slate-700" title={row.summaryFull ?? (row.summaryPreview || undefined)} data-testid="queue-summary">{row.summaryPreview || "—"}</td>
        <td>
          <div className="flex items-center gap-2">
            <select
              key={key}
              aria-label={`Assignee of ${row.reference}`}
              defaultValue={row.assigneeId ?? ""}
              disabled={pending}
              onChange={(e) => run(() => assign({ id: row.id, version: row.version, assigneeId: e.target.value || null }))}
              {...expandOnUse}
              className={row.assigneeId ? "control" : "control text-amber-800"}
            >
              <option value="">Unassigned</option>
              {shown.map((m) => (
                <option key={m.id} value={m.id}>{m.id === meId ? `${m.name} (me)` : m.name}</option>
              ))}
            </select>
            {row.assigneeId !== meId ? (
              <button
                type="button"
                disabled={pending}
                onClick={() => run(() => assign({ id: row.id, version: row.version, assigneeId: meId }))}
                className="control border-indigo-300 px-2.5 font-medium text-indigo-700 hover:bg-indigo-50"
              >
                Take
              </button>
            ) : null}
          </div>
        </td>
        {canTriage ? (
          <td>
            <select
              key={key}
              aria-label={`Priority of ${row.reference}`}
              defaultValue={row.priority ? String(row.priority) : ""}
              disabled={pending}
              onChange={(e) => e.target.value && run(() => setPriority({ id: row.id, version: row.version, priority: e.target.value }))}
              {...expandOnUse}
              className="control"
            >
              {row.priority ? null : <option value="">Not set</option>}
              {/* P1 to P4 once the select is used, as the assignees: until then it holds its value alone. */}
              {[1, 2, 3, 4].filter((p) => expanded || p === row.priority).map((p) => <option key={p} value={String(p)}>{`P${p}`}</option>)}
            </select>
          </td>
        ) : null}
        <td>
          {row.extended || row.personalData ? (
            <div className="flex flex-wrap gap-1">
              {row.extended ? <span className="whitespace-nowrap rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">extended window</span> : null}
              {row.personalData ? <span className="whitespace-nowrap rounded bg-purple-100 px-1.5 py-0.5 text-xs text-purple-900">personal data</span> : null}
            </div>
          ) : null}
        </td>
        <td className="whitespace-nowrap text-slate-600">{row.age}</td>
        <td><NextUpdateDue value={row.nextUpdate} timeZone={timeZone} /></td>
        {canTriage ? (
          <td className="text-right">
            <button
              type="button"
              aria-expanded={rescopeOpen}
              aria-controls={`${uid}r`}
              onClick={() => setRescopeOpen((o) => !o)}
              className="control px-2.5 text-slate-700 hover:bg-slate-50"
            >
              {rescopeOpen ? "Cancel " : "Needs "}<span className="whitespace-nowrap">re-scope</span>
            </button>
          </td>
        ) : null}
      </tr>
      {error ? (
        <tr>
          <td colSpan={columns} className="pt-0 text-sm text-red-700" role="alert">{`${row.reference}: ${error}`}</td>
        </tr>
      ) : null}
      {canTriage && rescopeOpen ? (
        <tr id={`${uid}r`} className="bg-slate-50">
          <td colSpan={columns}>
            <div className="max-w-2xl">
              <ActionForm
                action={needsRescope}
                testId={`rescope-${row.reference}`}
                extra={{ id: row.id, version: row.version }}
                fields={[
                  {
                    name: "reason",
                    label: `Why ${row.reference} needs re-scope`,
                    type: "textarea",
                    hint: "The case goes back to its author, out of SIRT's queue. Say what to narrow: the author sees this reason.",
                  },
                ]}
                submitLabel="Send back for re-scope"
                tone="danger"
              />
            </div>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
