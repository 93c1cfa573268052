"use client";

import Link from "@/components/ui/app-link";
import { useState } from "react";
import { RESOLUTION_LABELS, RESOLUTIONS } from "@/lib/cases/closing-rules";
import { AGES, SORTS, type TCaseListQuery } from "@/lib/cases/list-filters";

type Choice = { id: string; name: string };
type Choices = { accounts: Choice[]; authors: Choice[] };
let choicesRequest: Promise<Choices> | null = null;

/** The account and author choices, fetched once per page (GET /api/cases/filter-options; the browser keeps them a minute). */
function loadChoices(): Promise<Choices> {
  choicesRequest ??= fetch("/api/cases/filter-options", { headers: { accept: "application/json" } })
    .then((r) => (r.ok ? (r.json() as Promise<Choices>) : Promise.reject(new Error(`HTTP ${r.status}`))))
    .catch((err: unknown) => {
      choicesRequest = null; // the next interaction asks again
      throw err;
    });
  return choicesRequest;
}

/**
 * A select whose options (a few hundred accounts, the staff who open cases) load when the pointer
 * comes near it or it gets the focus, instead of with every page of the list: they were 47 KB of a
 * 160 KB page (issue 15). Until then it holds "any" and the chosen one (named by the server), so the
 * form submits what the page shows; with JavaScript off that is all it holds.
 */
function ChoiceSelect({ id, kind, any, selected, className }: { id: string; kind: keyof Choices; any: string; selected: Choice | null; className: string }) {
  const [options, setOptions] = useState<Choice[] | null>(null);
  const [failed, setFailed] = useState(false);
  const load = () => {
    if (options) return;
    loadChoices().then(
      (c) => {
        setOptions(c[kind]);
        setFailed(false);
      },
      () => setFailed(true),
    );
  };
  const shown = options ?? (selected ? [selected] : []);
  return (
    <>
      <select id={id} name={id} defaultValue={selected?.id ?? ""} className={className} onFocus={load} onPointerEnter={load} onPointerDown={load} aria-busy={options ? undefined : true} aria-describedby={failed ? `${id}-failed` : undefined}>
        <option value="">{any}</option>
        {shown.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        {options && selected && !options.some((o) => o.id === selected.id) ? <option value={selected.id}>{selected.name}</option> : null}
      </select>
      {failed ? <p id={`${id}-failed`} role="alert" className="mt-1 text-xs text-red-700">Could not load the list; focus it again to retry.</p> : null}
    </>
  );
}

const STATUS_CHOICES = ["draft", "rescope", "ineligible", "legal_review", "accepted", "in_progress", "artefacts_in_review", "approved", "shared", "closed"];

/** The cases list's filters as a plain GET form: bookmarkable, works without JavaScript, keyboard-friendly. */
export function CaseFilters({ query, account, author, metadataOnly }: { query: TCaseListQuery; account: Choice | null; author: Choice | null; metadataOnly: boolean }) {
  const select = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  const lbl = "block text-xs font-medium text-slate-600";
  return (
    <form method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4 lg:grid-cols-8" role="search" aria-label="Filter cases">
      <div className="sm:col-span-2">
        <label htmlFor="q" className={lbl}>Search</label>
        <input id="q" name="q" defaultValue={query.q} placeholder={metadataOnly ? "Reference" : "Reference, summary, requester, account"} className={select} />
      </div>
      <div>
        <label htmlFor="status" className={lbl}>Status</label>
        <select id="status" name="status" defaultValue={query.status[0] ?? ""} className={select}>
          <option value="">Any</option>
          {STATUS_CHOICES.map((s) => <option key={s} value={s}>{s.replace(/_/g, " ")}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="resolution" className={lbl}>Closed as</label>
        <select id="resolution" name="resolution" defaultValue={query.resolution ?? ""} className={select}>
          <option value="">Any</option>
          {RESOLUTIONS.map((r) => <option key={r} value={r}>{RESOLUTION_LABELS[r]}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="outcome" className={lbl}>Outcome</label>
        <select id="outcome" name="outcome" defaultValue={query.outcome ?? ""} className={select}>
          <option value="">Any</option>
          <option value="eligible">Eligible</option>
          <option value="rescope">Re-scope</option>
          <option value="ineligible">Ineligible</option>
        </select>
      </div>
      <div>
        <label htmlFor="team" className={lbl}>Team</label>
        <select id="team" name="team" defaultValue={query.team ?? ""} className={select}>
          <option value="">Any</option>
          <option value="support">Support</option>
          <option value="sirt">SIRT</option>
        </select>
      </div>
      <div>
        <label htmlFor="age" className={lbl}>Age</label>
        <select id="age" name="age" defaultValue={query.age ?? ""} className={select}>
          <option value="">Any</option>
          {Object.entries(AGES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
      </div>
      {!metadataOnly ? (
        <>
          <div>
            <label htmlFor="account" className={lbl}>Account</label>
            <ChoiceSelect id="account" kind="accounts" any="Any" selected={account} className={select} />
          </div>
          <div>
            <label htmlFor="author" className={lbl}>Author</label>
            <ChoiceSelect id="author" kind="authors" any="Anyone" selected={author} className={select} />
          </div>
        </>
      ) : null}
      <div>
        <label htmlFor="sort" className={lbl}>Sort</label>
        <select id="sort" name="sort" defaultValue={query.sort} className={select}>
          {Object.entries(SORTS).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
        </select>
      </div>
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-2">
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700">Apply</button>
        <Link href="?" className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">Clear</Link>
      </div>
    </form>
  );
}
