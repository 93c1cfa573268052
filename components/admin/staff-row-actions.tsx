"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";

type Act = (input: unknown) => Promise<ActionResult<void>>;

/** Team leads are Support or SIRT members (lib/staff/set-team-lead.ts says the same on the server). */
const LEAD_ROLES: readonly Role[] = ["support", "sirt"];

export function StaffRowActions({
  userId,
  name,
  role,
  active,
  teamLead,
  isSelf,
  changeRole,
  setActive,
  setTeamLead,
  revokeSessions,
}: {
  userId: string;
  name: string;
  role: Role;
  active: boolean;
  teamLead: boolean;
  isSelf: boolean;
  changeRole: Act;
  setActive: Act;
  setTeamLead: Act;
  revokeSessions?: Act;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const run = (fn: () => Promise<ActionResult<void>>, done?: string) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : r.error);
      setNotice(r.ok && done ? done : null);
    });
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <label className="sr-only" htmlFor={`role-${userId}`}>Role of {name}</label>
      <select
        id={`role-${userId}`}
        defaultValue={role}
        disabled={pending}
        onChange={(e) => run(() => changeRole({ userId, role: e.target.value }))}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>{ROLE_LABELS[r]}</option>
        ))}
      </select>
      {LEAD_ROLES.includes(role) ? (
        <label className="flex items-center gap-1.5 text-sm text-slate-700" title="A team lead may override an incomplete verification checklist (step 5), with a reason.">
          <input
            type="checkbox"
            className="h-4 w-4"
            checked={teamLead}
            disabled={pending}
            onChange={(e) => {
              const next = e.target.checked;
              run(() => setTeamLead({ userId, teamLead: next }));
            }}
          />
          Team lead<span className="sr-only"> ({name})</span>
        </label>
      ) : null}
      {isSelf || !active || !revokeSessions ? null : (
        <button
          type="button"
          disabled={pending}
          onClick={() => {
            if (!window.confirm(`Sign ${name} out of every browser? They can sign in again.`)) return;
            run(() => revokeSessions({ userId }), `${name} was signed out everywhere.`);
          }}
          className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Revoke sessions<span className="sr-only"> of {name}</span>
        </button>
      )}
      {isSelf ? null : (
        <button
          type="button"
          disabled={pending}
          onClick={() => {
            if (active && !window.confirm(`Deactivate ${name}? They are signed out at once; their records stay.`)) return;
            run(() => setActive({ userId, active: !active }));
          }}
          className={`rounded-md px-3 py-1 text-sm font-medium ${active ? "border border-red-300 text-red-700 hover:bg-red-50" : "border border-emerald-300 text-emerald-700 hover:bg-emerald-50"}`}
        >
          {active ? "Deactivate" : "Reactivate"}
        </button>
      )}
      <p className="w-full text-right text-xs text-emerald-700" aria-live="polite">{notice}</p>
      {error ? <p className="w-full text-right text-xs text-red-700" role="alert">{error}</p> : null}
    </div>
  );
}
