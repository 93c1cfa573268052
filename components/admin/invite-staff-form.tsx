"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { ErrorSummary } from "@/components/ui/error-summary";

type Invite = (input: unknown) => Promise<ActionResult<{ id: string; link: string | null }>>;

export function InviteStaffForm({ invite }: { invite: Invite }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<{ id: string; link: string | null }> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const errors = result && !result.ok ? result.fieldErrors ?? {} : {};

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries(new FormData(form));
    start(async () => {
      const r = await invite(data);
      setResult(r);
      if (r.ok) form.reset();
      else setAttempt((n) => n + 1);
    });
  }

  const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm";
  return (
    <form onSubmit={onSubmit} noValidate className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="invite-heading">
      <h2 id="invite-heading" className="text-base font-semibold">Invite a staff member</h2>
      <ErrorSummary
        className="mt-3"
        message={result && !result.ok ? result.error : null}
        errors={errors}
        fields={[
          { name: "name", label: "Name", id: "invite-name" },
          { name: "email", label: "Email", id: "invite-email" },
          { name: "role", label: "Role", id: "invite-role" },
        ]}
        attempt={attempt}
      />
      <div className="mt-3 grid gap-4 sm:grid-cols-4">
        <div className="sm:col-span-1">
          <label htmlFor="invite-name" className="block text-sm font-medium text-slate-700">Name</label>
          <input id="invite-name" name="name" required className={field} aria-invalid={!!errors.name} aria-describedby="invite-name-error" />
          <p id="invite-name-error" className="mt-1 text-xs text-red-700" aria-live="polite">{errors.name?.[0]}</p>
        </div>
        <div className="sm:col-span-1">
          <label htmlFor="invite-email" className="block text-sm font-medium text-slate-700">Email</label>
          <input id="invite-email" name="email" type="email" required className={field} aria-invalid={!!errors.email} aria-describedby="invite-email-error" />
          <p id="invite-email-error" className="mt-1 text-xs text-red-700" aria-live="polite">{errors.email?.[0]}</p>
        </div>
        <div className="sm:col-span-1">
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-700">Role</label>
          <select id="invite-role" name="role" required defaultValue="support" className={field} aria-invalid={!!errors.role} aria-describedby="invite-role-error">
            {ROLES.map((r) => (
              <option key={r} value={r}>{ROLE_LABELS[r]}</option>
            ))}
          </select>
          <p id="invite-role-error" className="mt-1 text-xs text-red-700" aria-live="polite">{errors.role?.[0]}</p>
        </div>
        <div className="flex items-start pt-6 sm:col-span-1">
          <button type="submit" disabled={pending} className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
            {pending ? "Inviting…" : "Send invitation"}
          </button>
        </div>
      </div>
      <div aria-live="polite" className="mt-2 text-sm">
        {result?.ok ? (
          <div className="rounded-md bg-emerald-50 p-3 text-emerald-900" role="status">
            Invitation sent.
            {result.data.link ? (
              <>
                {" "}If email is not configured, give them this one-time link (valid 7 days):{" "}
                <code className="break-all rounded bg-white px-1" data-testid="invite-link">{result.data.link}</code>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}
