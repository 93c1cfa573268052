import Link from "@/components/ui/app-link";

export interface FilterField {
  name: string;
  label: string;
  type?: "text" | "date" | "select";
  placeholder?: string;
  options?: { value: string; label: string }[];
  /** Suggestions for a text field (a datalist). */
  suggestions?: string[];
  wide?: boolean;
}

/**
 * The record pages' filters as a plain GET form: the filters live in the URL (bookmarkable, the
 * export link takes the same), it works without JavaScript and in tab order; an error shows
 * beside its field.
 */
export function RecordFilters({ label, basePath, fields, values, errors }: { label: string; basePath: string; fields: FilterField[]; values: Record<string, string>; errors: Record<string, string[] | undefined> }) {
  const control = "mt-1 block w-full rounded-md border bg-white px-2 py-1.5 text-sm";
  const lbl = "block text-xs font-medium text-slate-600";
  return (
    <form method="get" action={basePath} className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6" role="search" aria-label={label}>
      {fields.map((f) => {
        const err = errors[f.name]?.[0];
        const describedBy = err ? `${f.name}-error` : undefined;
        const border = err ? "border-red-500" : "border-slate-300";
        return (
          <div key={f.name} className={f.wide ? "sm:col-span-2" : undefined}>
            <label htmlFor={`f-${f.name}`} className={lbl}>{f.label}</label>
            {f.type === "select" ? (
              <select id={`f-${f.name}`} name={f.name} defaultValue={values[f.name] ?? ""} className={`${control} ${border}`} aria-invalid={err ? true : undefined} aria-describedby={describedBy}>
                <option value="">Any</option>
                {f.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            ) : (
              <input
                id={`f-${f.name}`}
                name={f.name}
                type={f.type ?? "text"}
                defaultValue={values[f.name] ?? ""}
                placeholder={f.placeholder}
                list={f.suggestions ? `f-${f.name}-list` : undefined}
                className={`${control} ${border}`}
                aria-invalid={err ? true : undefined}
                aria-describedby={describedBy}
              />
            )}
            {f.suggestions ? (
              <datalist id={`f-${f.name}-list`}>
                {f.suggestions.map((s) => <option key={s} value={s} />)}
              </datalist>
            ) : null}
            {err ? <p id={`${f.name}-error`} className="mt-1 text-xs text-red-700">{err}</p> : null}
          </div>
        );
      })}
      <div className="flex items-end gap-2">
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700">Apply</button>
        <Link href={basePath} className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">Clear</Link>
      </div>
    </form>
  );
}

/** Newer / older links of a keyset page (newest first), keeping the filters. */
export function KeysetPager({ basePath, params, newerThan, olderThan, shown }: { basePath: string; params: Record<string, string>; newerThan: bigint | null; olderThan: bigint | null; shown: number }) {
  if (newerThan === null && olderThan === null) return null;
  const href = (extra: Record<string, string>) => `${basePath}?${new URLSearchParams({ ...params, ...extra }).toString()}`;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
  return (
    <nav className="mt-4 flex items-center justify-between text-sm text-slate-600" aria-label="Pages">
      <span>{shown} shown, newest first</span>
      <span className="flex gap-2">
        {newerThan !== null ? <Link className={link} href={href({})}>Newest</Link> : null}
        {newerThan !== null ? <Link className={link} href={href({ after: newerThan.toString() })} rel="prev">Newer</Link> : null}
        {olderThan !== null ? <Link className={link} href={href({ before: olderThan.toString() })} rel="next">Older</Link> : null}
      </span>
    </nav>
  );
}

/** The tabs between the two records (each shown only to a role that may read it). */
export function RecordTabs({ current, activity, securityEvents }: { current: "activity" | "security"; activity: boolean; securityEvents: boolean }) {
  const tab = (href: string, label: string, on: boolean) => (
    <Link
      href={href}
      aria-current={on ? "page" : undefined}
      className={`border-b-2 px-3 py-2 text-sm font-medium ${on ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Records" className="mb-4 flex gap-2 border-b border-slate-200">
      {activity ? tab("/activity", "Activity log", current === "activity") : null}
      {securityEvents ? tab("/security-events", "Security events", current === "security") : null}
    </nav>
  );
}
