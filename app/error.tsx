"use client";

import Link from "@/components/ui/app-link";

/** Unexpected failures: a plain message and the digest the server logged with the details. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        Logdesk could not complete this request. Nothing you entered has been lost on the server. Try again; if it keeps happening, tell an Admin
        {error.digest ? <> and quote reference <code className="rounded bg-slate-100 px-1">{error.digest}</code></> : null}.
      </p>
      <div className="mt-6 flex gap-3">
        <button type="button" onClick={reset} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
          Try again
        </button>
        <Link href="/" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50">
          Home
        </Link>
      </div>
    </main>
  );
}
