import Link from "@/components/ui/app-link";
import { PRIORITIES, QUEUE_ASSIGNEES, QUEUE_SORTS, type TQueueQuery } from "@/lib/cases/triage-schemas";

/**
 * The team queue's filters and sort as a plain GET form: bookmarkable, works without JavaScript.
 * Priority and the extended window are SIRT's (Support's cases have neither), so `isSirt` shows them.
 */
export function QueueFilters({ query, isSirt }: { query: TQueueQuery; isSirt: boolean }) {
  const select = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  const lbl = "block text-xs font-medium text-slate-600";
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" role="search" aria-label="Filter the queue">
      <div className="min-w-40">
        <label htmlFor="assignee" className={lbl}>Assignee</label>
        <select id="assignee" name="assignee" defaultValue={query.assignee} className={select}>
          {Object.entries(QUEUE_ASSIGNEES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
      </div>
      {isSirt ? (
        <div className="min-w-32">
          <label htmlFor="priority" className={lbl}>Priority</label>
          <select id="priority" name="priority" defaultValue={query.priority ?? ""} className={select}>
            <option value="">Any</option>
            {PRIORITIES.map((p) => <option key={p} value={String(p)}>P{p}</option>)}
            <option value="none">Not set</option>
          </select>
        </div>
      ) : null}
      <div className="min-w-64">
        <label htmlFor="sort" className={lbl}>Sort</label>
        <select id="sort" name="sort" defaultValue={query.sort} className={select}>
          {Object.entries(QUEUE_SORTS).map(([k, v]) => <option key={k} value={k}>{!isSirt && k === "triage" ? "Unassigned, then oldest" : v.label}</option>)}
        </select>
      </div>
      {isSirt ? (
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
          <input type="checkbox" name="extended" value="1" defaultChecked={query.extended} className="rounded border-slate-300" />
          Extended window only
        </label>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700">Apply</button>
        <Link href="/queue" className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">Clear</Link>
      </div>
    </form>
  );
}
