import { Time } from "@/components/ui/time";

export interface AccountActivityEntry {
  id: string;
  at: Date;
  action: string;
  actorName: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  viaImport: boolean;
}

const VERB: Record<string, string> = {
  "account.create": "created the account",
  "account.update": "changed the account",
  "account.addResource": "added",
  "account.removeResource": "removed",
  "account.setManagers": "changed the CSMs",
  "account.seedDemo": "loaded the demo account",
};
const LABEL: Record<string, string> = {
  supportPlan: "support plan",
  incidentNotification: "incident notification",
  notificationContact: "notification contact",
  resourcesAdded: "added",
  resourcesRemoved: "removed",
  managersAdded: "CSMs added",
  managersRemoved: "CSMs removed",
  managers: "CSMs",
};


function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.map(show).join(", ") : "none";
  if (typeof value === "object") {
    const r = value as { kind?: string; path?: string; email?: string };
    if (r.kind && r.path) return `${r.kind} ${r.path}${r.email ? ` <${r.email}>` : ""}`;
    return JSON.stringify(value);
  }
  return String(value);
}

/** One line per change: the field, what it was and what it became. */
function details(e: AccountActivityEntry): string[] {
  if (e.action === "account.addResource") return [show(e.after)];
  if (e.action === "account.removeResource") return [show(e.before)];
  if (e.action === "account.seedDemo") return [];
  const before = e.before ?? {};
  const after = e.after ?? {};
  if (e.action === "account.create") return Object.entries(after).map(([k, v]) => `${LABEL[k] ?? k}: ${show(v)}`);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.map((k) => {
    if (!(k in before)) return `${LABEL[k] ?? k}: ${show(after[k])}`;
    if (!(k in after)) return `${LABEL[k] ?? k}: ${show(before[k])}`;
    return `${LABEL[k] ?? k}: ${show(before[k])} → ${show(after[k])}`;
  });
}

export function AccountActivity({ entries }: { entries: AccountActivityEntry[] }) {
  return (
    <section aria-labelledby="activity-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="activity-heading" className="text-base font-semibold">Recent activity</h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">Nothing recorded yet.</p>
      ) : (
        <ol className="mt-3 space-y-3" data-testid="account-activity">
          {entries.map((e) => (
            <li key={e.id} className="border-l-2 border-slate-200 pl-3 text-sm">
              <p>
                <span className="font-medium">{e.actorName}</span> {VERB[e.action] ?? e.action}
                {e.viaImport ? <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">import</span> : null}
                <span className="ml-2 text-xs text-slate-500"><Time value={e.at} /></span>
              </p>
              {details(e).length ? (
                <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                  {details(e).map((d, i) => <li key={i} className="break-words">{d}</li>)}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
