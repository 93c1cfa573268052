import type { SettingsHistoryEntry } from "@/lib/settings/queries";
import { describeChange, POLICY_FIELDS, POLICY_LIMITS } from "@/lib/settings/rules";
import { Time } from "@/components/ui/time";


/** What a version holds, for the first one (nothing before it to compare with). */
function firstValues(e: SettingsHistoryEntry): string[] {
  return [
    `Internal host suffixes: ${e.values.internalHosts.join(", ") || "none"}`,
    `Product hosts: ${e.values.productHosts.join(", ") || "none"}`,
    `Policy: ${POLICY_FIELDS.map((f) => `${POLICY_LIMITS[f].label.toLowerCase()} ${e.values.policy[f]}`).join(", ")}`,
  ];
}

/** Every saved version, newest first: who, when, the note, and what changed from the one before. */
export function SettingsHistory({ rows, inForce }: { rows: SettingsHistoryEntry[]; inForce: number }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="settings-history">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">Version</th>
            <th scope="col" className="px-4 py-3">Saved</th>
            <th scope="col" className="px-4 py-3">By</th>
            <th scope="col" className="px-4 py-3">Note</th>
            <th scope="col" className="px-4 py-3">What changed</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((e) => {
            const lines = e.isFirst ? firstValues(e) : describeChange(e.change);
            return (
              <tr key={e.version} data-testid={`settings-version-${e.version}`}>
                <td className="whitespace-nowrap px-4 py-3 font-medium">
                  v{e.version}
                  {e.version === inForce ? <span className="ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">in force</span> : null}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600"><Time value={e.createdAt} /></td>
                <td className="whitespace-nowrap px-4 py-3">{e.by ?? <span className="text-slate-500">System</span>}</td>
                <td className="max-w-xs px-4 py-3 text-slate-700">{e.note || <span className="text-slate-500">—</span>}</td>
                <td className="px-4 py-3 text-slate-700">
                  {lines.length ? (
                    <ul className="space-y-0.5">
                      {lines.map((l) => (
                        <li key={l}>{l}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-slate-500">Nothing</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
