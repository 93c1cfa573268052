import Link from "@/components/ui/app-link";
import type { TDeployment, TPlan, TSupportPlan } from "@/lib/accounts/schemas";
import { AccountFlags, DeploymentBadge, PlanBadge } from "./account-badges";
import { TableHead } from "@/components/ui/table-head";

export interface AccountsTableRow {
  id: string;
  name: string;
  slug: string;
  plan: TPlan;
  deployment: TDeployment;
  paying: boolean;
  supportPlan: TSupportPlan;
  incidentNotification: boolean;
  resourceCount: number;
  managers: { id: string; name: string }[];
}

export function AccountsTable({ rows }: { rows: AccountsTableRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <TableHead columns={["Account", "Plan", "Deployment", "Agreement", { label: "Owns", align: "right" }, "CSMs"]} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((a) => (
            <tr key={a.id} className="hover:bg-slate-50" data-testid={`account-${a.slug}`}>
              <td className="px-4 py-3">
                <Link href={`/admin/accounts/${a.id}`} className="font-medium text-indigo-700 hover:underline">{a.name}</Link>
                <div className="font-mono text-xs text-slate-500">{a.slug}</div>
              </td>
              <td className="px-4 py-3"><PlanBadge plan={a.plan} /></td>
              <td className="px-4 py-3"><DeploymentBadge deployment={a.deployment} /></td>
              <td className="px-4 py-3"><AccountFlags paying={a.paying} supportPlan={a.supportPlan} incidentNotification={a.incidentNotification} /></td>
              <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums text-slate-700">
                {a.resourceCount} <span className="text-slate-500">{a.resourceCount === 1 ? "resource" : "resources"}</span>
              </td>
              <td className="px-4 py-3 text-slate-700">{a.managers.length ? a.managers.map((m) => m.name).join(", ") : <span className="text-slate-500">none</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
