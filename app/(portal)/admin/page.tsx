import type { Metadata } from "next";
import { InviteStaffForm } from "@/components/admin/invite-staff-form";
import { StaffRowActions } from "@/components/admin/staff-row-actions";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePageUser } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { listStaff } from "@/lib/staff/service";
import { changeRoleAction, inviteStaffAction, revokeSessionsAction, setActiveAction, setTeamLeadAction } from "./actions";
import { TableHead } from "@/components/ui/table-head";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Admin" };

const STATUS_TONE = { active: "bg-emerald-50 text-emerald-700", invited: "bg-amber-50 text-amber-800", deactivated: "bg-slate-200 text-slate-600" } as const;

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  const user = await requirePageUser("staff.manage");
  const sp = await searchParams;
  const page = Number.parseInt(sp.page ?? "1", 10) || 1;
  const q = sp.q?.trim() || undefined;
  const staff = await listStaff({ page, q });
  return (
    <>
      <PageHeader title="Admin · Staff" description="Staff accounts and roles. Role changes and deactivations take effect on the person's next request. A team lead (Support or SIRT) may override an incomplete verification checklist, with a reason." />
      <InviteStaffForm invite={inviteStaffAction} />
      <form className="mt-6 flex gap-2" role="search">
        <label htmlFor="staff-q" className="sr-only">Search staff</label>
        <input id="staff-q" name="q" defaultValue={q} placeholder="Search by name or email" className="w-full max-w-sm rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <button className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium">Search</button>
      </form>
      <div className="relative mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <TableHead columns={["Name", "Email", "Role", "Status", "Last sign-in", { label: "Change", align: "right" }]} />
          <tbody className="divide-y divide-slate-100">
            {staff.rows.map((s) => (
              <tr key={s.id} data-testid={`staff-${s.email}`}>
                <td className="px-4 py-3 font-medium">{s.name}</td>
                <td className="px-4 py-3 text-slate-600">{s.email}</td>
                <td className="px-4 py-3">
                  {ROLE_LABELS[s.role]}
                  {s.teamLead ? <span className="ml-2 whitespace-nowrap rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700">team lead</span> : null}
                </td>
                <td className="px-4 py-3"><span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_TONE[s.status]}`}>{s.status}</span></td>
                <td className="px-4 py-3 text-slate-600"><Time value={s.lastSignInAt} none="never" /></td>
                <td className="px-4 py-3">
                  <StaffRowActions userId={s.id} name={s.name} role={s.role} active={s.active} teamLead={s.teamLead} isSelf={s.id === user.id} changeRole={changeRoleAction} setActive={setActiveAction} setTeamLead={setTeamLeadAction} revokeSessions={revokeSessionsAction} />
                </td>
              </tr>
            ))}
            {staff.rows.length === 0 ? (
              <tr><td colSpan={6} className="px-4 py-8 text-center text-slate-600">No staff match “{q}”.</td></tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pagination page={staff.page} pageSize={staff.pageSize} total={staff.total} basePath="/admin" params={q ? { q } : {}} />
    </>
  );
}
