"use client";

import Link from "@/components/ui/app-link";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";

export function AcceptInviteForm({ token, email, accept }: { token: string; email: string; accept: (input: unknown) => Promise<ActionResult<void>> }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<void> | null>(null);
  const errors = result && !result.ok ? result.fieldErrors ?? {} : {};
  if (result?.ok) {
    return (
      <p className="text-sm text-emerald-800" role="status">
        Your password is set. <Link className="font-semibold text-indigo-700 underline" href="/signin">Sign in</Link> as {email}.
      </p>
    );
  }
  const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const data = { ...Object.fromEntries(new FormData(e.currentTarget)), token };
        start(async () => setResult(await accept(data)));
      }}
    >
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">New password (at least 12 characters)</label>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={12} className={field} aria-describedby="password-error" />
        <p id="password-error" className="mt-1 text-xs text-red-700" aria-live="polite">{errors.password?.[0]}</p>
      </div>
      <div>
        <label htmlFor="confirm" className="block text-sm font-medium text-slate-700">Repeat it</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required className={field} aria-describedby="confirm-error" />
        <p id="confirm-error" className="mt-1 text-xs text-red-700" aria-live="polite">{errors.confirm?.[0]}</p>
      </div>
      {result && !result.ok && result.code !== "VALIDATION" ? <p className="text-sm text-red-700" role="alert">{result.error}</p> : null}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
        {pending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
