import { Time } from "@/components/ui/time";


/** K2: customer incident notices still to send, with their 24-hour deadlines. */
export function IncidentNotices({ rows, now }: { rows: { id: string; reference: string | null; account: string; deadline: Date }[]; now: Date }) {
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="notices-heading" className="mb-6 rounded-lg border border-red-200 bg-white" data-testid="incident-notices">
      <h2 id="notices-heading" className="border-b border-red-100 px-4 py-3 text-sm font-semibold text-red-800">
        Customer incident notices to send ({rows.length})
      </h2>
      <ul className="divide-y divide-slate-100 text-sm">
        {rows.map((r) => {
          const late = r.deadline < now;
          const hours = Math.round(Math.abs(r.deadline.getTime() - now.getTime()) / 3_600_000);
          return (
            <li key={r.id} className="flex flex-wrap items-center gap-x-4 px-4 py-2">
              <a href={`/cases/${r.id}`} className="font-medium text-indigo-700 hover:underline">{r.reference}</a>
              <span>{r.account}</span>
              <span className={late ? "font-medium text-red-700" : "text-amber-800"}>
                {late ? `overdue by ${hours} h` : `due in ${hours} h`} (<Time value={r.deadline} />)
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
