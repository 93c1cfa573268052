"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export function SignInForm({ passwordSignIn, sso, initialError, callbackUrl }: { passwordSignIn: boolean; sso: string | null; initialError?: string; callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    try {
      const res = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
      if (res?.ok && !res.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setError(signInErrorMessage(res?.error ?? "", sso ?? "SSO"));
    } catch {
      setError("Logdesk could not be reached. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <div>
      {/* The live region is always there (so a message is announced) but takes no space while empty. */}
      <div aria-live="polite">
        {error ? (
          <p className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="space-y-4">
        {sso ? (
          <button
            type="button"
            onClick={() => void signIn("sso", { callbackUrl })}
            className="w-full rounded-md bg-slate-900 px-3 py-2 text-sm font-semibold text-white hover:bg-slate-700"
          >
            Sign in with {sso}
          </button>
        ) : null}
        {passwordSignIn ? (
          <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
            <div>
              <label htmlFor="email" className="block text-sm font-medium text-slate-700">
                Email
              </label>
              <input id="email" name="email" type="email" autoComplete="username" required autoFocus className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-indigo-500" />
            </div>
            <div>
              <label htmlFor="password" className="block text-sm font-medium text-slate-700">
                Password
              </label>
              <input id="password" name="password" type="password" autoComplete="current-password" required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-indigo-500" />
            </div>
            <button type="submit" disabled={pending} className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
              {pending ? "Signing in…" : "Sign in"}
            </button>
          </form>
        ) : null}
        {!passwordSignIn && !sso ? <p className="text-sm text-slate-600">No sign-in method is configured. See README.md, “Configuration”.</p> : null}
      </div>
    </div>
  );
}
