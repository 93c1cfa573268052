"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";

type SetManagers = (input: unknown) => Promise<ActionResult<{ userIds: string[] }>>;

export interface CsmChoice {
  id: string;
  name: string;
  email: string;
}

/**
 * The CSMs who manage the account (they see its cases and own their update
 * cadence). Sends the set it was shown, so a change made meanwhile by someone
 * else is refused rather than undone.
 */
export function ManagersForm({ accountId, choices, current, save }: { accountId: string; choices: CsmChoice[]; current: (CsmChoice & { isActiveCsm: boolean })[]; save: SetManagers }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [loaded, setLoaded] = useState(() => current.map((m) => m.id));
  const [result, setResult] = useState<ActionResult<{ userIds: string[] }> | null>(null);
  const stale = current.filter((m) => !m.isActiveCsm);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const userIds = new FormData(event.currentTarget).getAll("userIds").map(String);
    start(async () => {
      const r = await save({ accountId, userIds, expectedUserIds: loaded });
      setResult(r);
      if (r.ok) {
        setLoaded(r.data.userIds);
        router.refresh();
      }
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="csm-heading">
      <fieldset aria-describedby="csm-hint csm-error">
        <legend id="csm-heading" className="text-base font-semibold">Customer Success Managers</legend>
        <p id="csm-hint" className="mt-1 text-sm text-slate-600">They see this account&apos;s cases and keep its customer updates on time.</p>
        {choices.length === 0 ? (
          <p className="mt-3 text-sm text-slate-500">There is no active CSM. Invite one on the Staff tab first.</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {choices.map((c) => (
              <li key={c.id} className="flex items-start gap-2">
                <input id={`csm-${c.id}`} type="checkbox" name="userIds" value={c.id} defaultChecked={current.some((m) => m.id === c.id)} className="mt-0.5 h-4 w-4 rounded border-slate-300" />
                <label htmlFor={`csm-${c.id}`} className="text-sm">
                  <span className="font-medium">{c.name}</span> <span className="text-slate-500">{c.email}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {stale.length > 0 ? (
          <p className="mt-3 rounded-md bg-amber-50 p-2 text-xs text-amber-900">
            {stale.map((m) => m.name).join(", ")} {stale.length === 1 ? "is" : "are"} no longer an active CSM and will be taken off this account when you save.
          </p>
        ) : null}
        <p id="csm-error" className="mt-2 text-sm text-red-700" aria-live="polite">
          {result && !result.ok ? result.error : null}
        </p>
      </fieldset>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" disabled={pending || choices.length === 0} className="rounded-md border border-indigo-600 bg-white px-4 py-2 text-sm font-semibold text-indigo-700 hover:bg-indigo-50 disabled:opacity-60">
          {pending ? "Saving…" : "Save CSMs"}
        </button>
        <span role="status" aria-live="polite" className="text-sm text-emerald-700">{result?.ok ? "CSMs saved." : null}</span>
      </div>
    </form>
  );
}
