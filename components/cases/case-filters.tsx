import Link from "next/link";
import { RESOLUTION_LABELS, RESOLUTIONS } from "@/lib/cases/closing-rules";
import { AGES, SORTS, type TCaseListQuery } from "@/lib/cases/list-filters";

const STATUS_CHOICES = ["draft", "rescope", "ineligible", "legal_review", "accepted", "in_progress", "artefacts_in_review", "approved", "shared", "closed"];

/** The cases list's filters as a plain GET form: bookmarkable, works without JavaScript, keyboard-friendly. */
export function CaseFilters({ query, accounts, authors, metadataOnly }: { query: TCaseListQuery; accounts: { id: string; name: string }[]; authors: { id: string; name: string }[]; metadataOnly: boolean }) {
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
            <select id="account" name="account" defaultValue={query.account ?? ""} className={select}>
              <option value="">Any</option>
              {accounts.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="author" className={lbl}>Author</label>
            <select id="author" name="author" defaultValue={query.author ?? ""} className={select}>
              <option value="">Anyone</option>
              {authors.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
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
