"use client";

import { useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { ErrorSummary } from "@/components/ui/error-summary";

type Issued = { id: string; name: string; prefix: string; secret: string };
type Issue = (input: unknown) => Promise<ActionResult<Issued>>;

export function IssueTokenForm({ issue }: { issue: Issue }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<Issued> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const errors = result && !result.ok ? result.fieldErrors ?? {} : {};

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries(new FormData(form));
    start(async () => {
      const r = await issue(data);
      setResult(r);
      if (r.ok) form.reset();
      else setAttempt((n) => n + 1);
    });
  }

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="issue-token-heading">
      <h2 id="issue-token-heading" className="text-base font-semibold">Issue a token</h2>
      <ErrorSummary className="mt-3" message={result && !result.ok ? result.error : null} errors={errors} fields={[{ name: "name", label: "Name", id: "token-name" }]} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate className="mt-3 flex flex-wrap items-start gap-4">
        <div className="w-full max-w-sm">
          <label htmlFor="token-name" className="block text-sm font-medium text-slate-700">Name</label>
          <input
            id="token-name"
            name="name"
            required
            maxLength={80}
            placeholder="e.g. Zendesk integration"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
            aria-invalid={!!errors.name}
            aria-describedby="token-name-hint token-name-error"
          />
          <p id="token-name-hint" className="mt-1 text-xs text-slate-500">Name it after the system that will use it, so you know what breaks when you revoke it.</p>
          <p id="token-name-error" className="mt-1 text-xs text-red-700" aria-live="polite">{errors.name?.[0]}</p>
        </div>
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 sm:mt-6 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
          {pending ? "Issuing…" : "Issue token"}
        </button>
      </form>
      <div aria-live="polite" className="text-sm">
        {result?.ok ? <IssuedSecret token={result.data} onDone={() => setResult(null)} /> : null}
      </div>
    </section>
  );
}

function IssuedSecret({ token, onDone }: { token: Issued; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "select" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.secret);
      setCopied("yes");
    } catch {
      // No clipboard (plain http, or refused): select it so Ctrl+C works.
      input.current?.select();
      setCopied("select");
    }
  }

  return (
    <div className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950" role="status">
      <p className="font-semibold">Token “{token.name}” issued. Copy it now: it will not be shown again.</p>
      <p className="mt-1 text-amber-900">Logdesk keeps only a hash of it. If it is lost, revoke it and issue a new one.</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="token-secret" className="sr-only">The new token</label>
        <input
          ref={input}
          id="token-secret"
          data-testid="token-secret"
          readOnly
          value={token.secret}
          onFocus={(e) => e.currentTarget.select()}
          className="w-full max-w-xl rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <button type="button" onClick={copy} className="rounded-md bg-slate-900 px-3 py-2 text-sm font-semibold text-white hover:bg-slate-700">
          {copied === "yes" ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={onDone} className="rounded-md border border-amber-400 bg-white px-3 py-2 text-sm font-medium text-amber-950 hover:bg-amber-100">
          I have stored it
        </button>
      </div>
      {copied === "select" ? <p className="mt-2 text-xs">Copying is not available here: the token is selected, press Ctrl+C (⌘C).</p> : null}
    </div>
  );
}
