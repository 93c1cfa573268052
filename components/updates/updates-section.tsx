"use client";

import { TableHead } from "@/components/ui/table-head";
import { Time } from "@/components/ui/time";
import { formatCount, type CappedTotal } from "@/lib/format/count";
import type { BoardRow } from "@/lib/updates/board";


const TONE = {
  overdue: { box: "border-red-200", head: "bg-red-50 text-red-800", dot: "bg-red-600", words: "text-red-700 font-medium" },
  due_soon: { box: "border-amber-200", head: "bg-amber-50 text-amber-900", dot: "bg-amber-500", words: "text-amber-800 font-medium" },
  later: { box: "border-slate-200", head: "bg-slate-50 text-slate-800", dot: "bg-slate-400", words: "text-slate-600" },
} as const;

/**
 * One group of the board (Overdue, Due soon, Later): a heading with the count over all pages, then
 * this page's rows. A client component fed the rows, so the page's data carries them once as data
 * rather than as a second copy of their markup (issue 15: the whole team's board is 25 rows).
 */
export function UpdatesSection({
  group,
  title,
  hint,
  count,
  rows,
}: {
  group: keyof typeof TONE;
  title: string;
  hint: string;
  /** Over all pages; "1,000+" past the cap. */
  count: CappedTotal;
  rows: BoardRow[];
}) {
  // An empty Overdue or Due soon section is good news: no alarm colours for it.
  const tone = count.total === 0 ? TONE.later : TONE[group];
  const id = `section-${group}`;
  return (
    <section aria-labelledby={id} data-testid={id} className={`mb-6 overflow-hidden rounded-lg border bg-white ${tone.box}`}>
      <header className={`flex flex-wrap items-baseline justify-between gap-2 px-4 py-3 ${tone.head}`}>
        <h2 id={id} className="flex items-center gap-2 text-sm font-semibold">
          <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${tone.dot}`} />
          {title} <span className="font-normal">({formatCount(count)})</span>
        </h2>
        <p className="text-xs">{hint}</p>
      </header>
      {rows.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-500">{count.total === 0 ? "None." : "On other pages."}</p>
      ) : (
        <div className="overflow-x-auto">
          {/* Fixed column widths, so the three sections' columns line up. */}
          <table className="min-w-full table-fixed divide-y divide-slate-200 text-sm">
            <colgroup>
              {["w-[12%]", "w-[16%]", "w-[8%]", "w-[20%]", "w-[16%]", "w-[28%]"].map((w) => <col key={w} className={w} />)}
            </colgroup>
            <TableHead dense columns={["Case", "Account", "Team", "Update due", "Last relay", "Notes"]} />
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} className="align-top hover:bg-slate-50" data-testid="due-row">
                  <td className="whitespace-nowrap px-3 py-2 font-medium">
                    <a className="text-indigo-700 hover:underline" href={`/cases/${r.id}`}>{r.reference ?? "Case"}</a>
                  </td>
                  <td className="truncate px-3 py-2" title={r.account}>{r.account}</td>
                  <td className="px-3 py-2 uppercase text-slate-600">{r.team}</td>
                  <td className="px-3 py-2">
                    <Time value={r.due} timeZone={r.timeZone} className="block text-slate-900" />
                    <span className={`text-xs ${tone.words}`}>{r.dueInWords}</span>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600"><Time value={r.lastRelayAt} none="Not yet relayed" /></td>
                  <td className="px-3 py-2">
                    <div className="flex flex-wrap gap-1.5">
                      {r.hasUpdateToRelay ? (
                        <span className="inline-flex rounded-md bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200">Update ready to relay</span>
                      ) : null}
                      {r.extended ? (
                        <span
                          className="inline-flex rounded-md bg-purple-50 px-2 py-0.5 text-xs font-medium text-purple-800 ring-1 ring-purple-200"
                          title="The window is over 7 days: the first relay must say it will take longer"
                        >
                          Extended{r.lastRelayAt ? "" : ": first relay must say it will take longer"}
                        </span>
                      ) : null}
                      {!r.hasUpdateToRelay && !r.extended ? <span className="text-xs text-slate-500">—</span> : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
