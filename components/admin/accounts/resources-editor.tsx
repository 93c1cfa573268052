"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { RESOURCE_KINDS, type TResourceKind } from "@/lib/accounts/schemas";

export interface OwnedResourceRow {
  id: string;
  kind: TResourceKind;
  path: string;
  email: string | null;
}

type Act = (input: unknown) => Promise<ActionResult<unknown>>;

const SECTIONS: Record<TResourceKind, { title: string; empty: string }> = {
  group: { title: "Groups and subgroups", empty: "No groups yet." },
  project: { title: "Projects", empty: "No projects yet." },
  user: { title: "Users", empty: "No users yet." },
};
const KIND_OPTION: Record<TResourceKind, string> = { group: "Group or subgroup", project: "Project", user: "User" };
const PATH_LABEL: Record<TResourceKind, string> = { group: "Group path", project: "Project path", user: "User name" };
const PATH_HINT: Record<TResourceKind, string> = {
  group: "A group “acme” or a subgroup “acme/infra”: letters, digits, “_”, “.” and “-”, parts separated by “/”.",
  project: "A project lives under a group: “acme/infra/api”.",
  user: "One word, like “jdoe”.",
};

/** What the account owns: a list per kind with Remove, and a form to add one more. */
export function ResourcesEditor({ accountId, accountName, resources, add, remove }: { accountId: string; accountName: string; resources: OwnedResourceRow[]; add: Act; remove: Act }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [kind, setKind] = useState<TResourceKind>("group");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const pathRef = useRef<HTMLInputElement>(null);
  const errors = result && !result.ok ? result.fieldErrors ?? {} : {};

  function onAdd(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries(new FormData(form));
    start(async () => {
      const r = await add({ ...data, accountId });
      setResult(r);
      if (r.ok) {
        setAnnounce(`Added ${KIND_OPTION[kind].toLowerCase()} ${String(data.path).trim()}.`);
        for (const name of ["path", "email"]) {
          const input = form.elements.namedItem(name);
          if (input instanceof HTMLInputElement) input.value = "";
        }
        router.refresh();
        pathRef.current?.focus();
      }
    });
  }

  function onRemove(r: OwnedResourceRow) {
    const what = `${r.kind === "group" ? "group" : r.kind} ${r.path}`;
    if (!window.confirm(`Remove ${what} from ${accountName}? Requests about it will no longer count as this customer's own.`)) return;
    start(async () => {
      const res = await remove({ accountId, resourceId: r.id });
      setRemoveError(res.ok ? null : res.error);
      if (res.ok) {
        setAnnounce(`Removed ${what}.`);
        router.refresh();
      }
    });
  }

  const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-500";
  return (
    <section aria-labelledby="resources-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="resources-heading" className="text-base font-semibold">What the account owns</h2>
      <p className="mt-1 text-sm text-slate-600">Requests are only served for resources listed here; a group covers its subgroups and projects.</p>
      <div className="mt-4 grid gap-4 md:grid-cols-3">
        {RESOURCE_KINDS.map((k) => {
          const items = resources.filter((r) => r.kind === k);
          return (
            <div key={k}>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                {SECTIONS[k].title} <span className="font-normal">({items.length})</span>
              </h3>
              {items.length === 0 ? (
                <p className="mt-2 text-sm text-slate-500">{SECTIONS[k].empty}</p>
              ) : (
                <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200" aria-label={SECTIONS[k].title}>
                  {items.map((r) => (
                    <li key={r.id} className="flex items-center justify-between gap-2 px-3 py-1.5 text-sm" data-testid={`resource-${r.kind}-${r.path}`}>
                      <span className="min-w-0">
                        <span className="block truncate font-mono" title={r.path}>{r.path}</span>
                        {r.email ? <span className="block truncate text-xs text-slate-500">{r.email}</span> : null}
                      </span>
                      <button
                        type="button"
                        disabled={pending}
                        onClick={() => onRemove(r)}
                        aria-label={`Remove ${r.kind} ${r.path}`}
                        className="shrink-0 rounded px-2 py-0.5 text-xs font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
                      >
                        Remove
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
      {removeError ? <p role="alert" className="mt-2 text-sm text-red-700">{removeError}</p> : null}

      <form onSubmit={onAdd} noValidate className="mt-5 border-t border-slate-100 pt-4" aria-labelledby="add-resource-heading">
        <h3 id="add-resource-heading" className="text-sm font-semibold">Add a resource</h3>
        <div className="mt-2 grid items-start gap-3 sm:grid-cols-[11rem_1fr_1fr_auto]">
          <div>
            <label htmlFor="resource-kind" className="block text-sm font-medium text-slate-700">Kind</label>
            <select id="resource-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as TResourceKind)} className={field}>
              {RESOURCE_KINDS.map((k) => <option key={k} value={k}>{KIND_OPTION[k]}</option>)}
            </select>
          </div>
          <div className={kind === "user" ? "" : "sm:col-span-2"}>
            <label htmlFor="resource-path" className="block text-sm font-medium text-slate-700">{PATH_LABEL[kind]}</label>
            <input
              ref={pathRef}
              id="resource-path"
              name="path"
              autoComplete="off"
              spellCheck={false}
              className={`${field} font-mono`}
              aria-invalid={!!errors.path}
              aria-describedby="resource-path-hint resource-path-error"
            />
            <p id="resource-path-hint" className="mt-1 text-xs text-slate-500">{PATH_HINT[kind]}</p>
            <p id="resource-path-error" className="mt-1 text-xs text-red-700" aria-live="polite">{errors.path?.[0]}</p>
          </div>
          {kind === "user" ? (
            <div>
              <label htmlFor="resource-email" className="block text-sm font-medium text-slate-700">Email <span className="font-normal text-slate-500">(optional)</span></label>
              <input id="resource-email" name="email" type="email" autoComplete="off" className={field} aria-invalid={!!errors.email} aria-describedby="resource-email-error" />
              <p id="resource-email-error" className="mt-1 text-xs text-red-700" aria-live="polite">{errors.email?.[0]}</p>
            </div>
          ) : null}
          <div className="sm:pt-6">
            <button type="submit" disabled={pending} className="w-full rounded-md border border-indigo-600 bg-white px-4 py-2 text-sm font-semibold text-indigo-700 hover:bg-indigo-50 disabled:opacity-60">
              {pending ? "Adding…" : "Add"}
            </button>
          </div>
        </div>
        <div aria-live="polite" className="mt-1 text-sm">
          {result && !result.ok && !result.fieldErrors ? <p role="alert" className="text-red-700">{result.error}</p> : null}
          <p className="sr-only" role="status">{announce}</p>
        </div>
      </form>
    </section>
  );
}
