"use client";

import Link from "@/components/ui/app-link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { detectFormat, IMPORT_COLUMNS } from "@/lib/accounts/import";
import { IMPORT_MAX_CHARS, type TImportFormat } from "@/lib/accounts/schemas";
import type { ImportPreview, ImportPreviewRow } from "@/lib/accounts/preview-import";
import { TableHead } from "@/components/ui/table-head";

type Preview = (input: unknown) => Promise<ActionResult<ImportPreview>>;
type Apply = (input: unknown) => Promise<ActionResult<{ importId: string; created: number; updated: number; unchanged: number }>>;

const EXAMPLE = `${IMPORT_COLUMNS.join(",")}
acme,"Acme, Inc.",premium,saas,yes,current,yes,security@acme.example,acme;acme/infra,acme/infra/api,jdoe <jdoe@acme.example>;deploy-bot,csm@logdesk.test`;

const ACTION_STYLE: Record<ImportPreviewRow["action"], { label: string; tone: string }> = {
  create: { label: "Create", tone: "bg-emerald-50 text-emerald-700" },
  update: { label: "Update", tone: "bg-indigo-50 text-indigo-700" },
  unchanged: { label: "No change", tone: "bg-slate-100 text-slate-600" },
  error: { label: "Error", tone: "bg-red-50 text-red-700" },
};

const show = (v: unknown) => (typeof v === "boolean" ? (v ? "yes" : "no") : v === null || v === "" ? "—" : String(v));
const res = (r: { kind: string; path: string; email: string | null }) => `${r.kind} ${r.path}${r.email ? ` <${r.email}>` : ""}`;

/** Paste or choose a file, preview what would happen row by row, then import the whole set at once. */
export function ImportForm({ preview, apply }: { preview: Preview; apply: Apply }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [text, setText] = useState("");
  const [format, setFormat] = useState<TImportFormat>("csv");
  const [formatChosen, setFormatChosen] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [result, setResult] = useState<ActionResult<ImportPreview> | null>(null);
  const [previewed, setPreviewed] = useState<{ text: string; format: TImportFormat } | null>(null);
  const [applied, setApplied] = useState<ActionResult<{ created: number; updated: number; unchanged: number }> | null>(null);
  const previewRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  const plan = result?.ok ? result.data : null;
  const isStale = !!previewed && (previewed.text !== text || previewed.format !== format);
  const toImport = plan ? plan.counts.create + plan.counts.update : 0;
  const removals = plan ? plan.rows.reduce((n, r) => n + r.removeResources.length + r.removeManagers.length, 0) : 0;
  const canImport = !!plan && !isStale && plan.fileErrors.length === 0 && plan.counts.error === 0 && toImport > 0;

  function changeText(value: string, name?: string) {
    setText(value);
    setApplied(null);
    if (!formatChosen || name) setFormat(detectFormat(value, name));
  }

  async function onFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > IMPORT_MAX_CHARS) {
      setFileError(`${file.name} is larger than 900 KB: split it into several imports.`);
      return;
    }
    setFileName(file.name);
    changeText(await file.text(), file.name);
  }

  function onPreview(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (new Blob([text]).size > IMPORT_MAX_CHARS) {
      setResult({ ok: false, code: "VALIDATION", error: "Please correct the highlighted fields.", fieldErrors: { text: ["The text is larger than 900 KB: split it into several imports."] } });
      return;
    }
    start(async () => {
      const r = await preview({ text, format });
      setResult(r);
      setApplied(null);
      setPreviewed(r.ok ? { text, format } : null);
      if (r.ok) requestAnimationFrame(() => previewRef.current?.focus());
    });
  }

  function onApply() {
    if (!plan) return;
    start(async () => {
      const r = await apply({ text, format, token: plan.token });
      setApplied(r);
      if (r.ok) {
        setResult(null);
        setPreviewed(null);
        setText("");
        setFileName(null);
        router.refresh();
        requestAnimationFrame(() => doneRef.current?.focus());
      }
    });
  }

  const textErrors = result && !result.ok ? result.fieldErrors?.text ?? [] : [];
  return (
    <div className="space-y-6">
      <form onSubmit={onPreview} noValidate className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="import-heading">
        <h2 id="import-heading" className="text-base font-semibold">1. The accounts</h2>
        <div className="mt-3 flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor="import-file" className="block text-sm font-medium text-slate-700">Choose a .csv or .json file</label>
            <input
              id="import-file"
              type="file"
              accept=".csv,.json,text/csv,application/json"
              onChange={onFile}
              className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-50"
              aria-describedby="import-file-error"
            />
            <p id="import-file-error" className="mt-1 text-xs text-red-700" aria-live="polite">{fileError}</p>
          </div>
          <fieldset className="pb-5">
            <legend className="text-sm font-medium text-slate-700">Format</legend>
            <div className="mt-1 flex gap-4 text-sm">
              {(["csv", "json"] as const).map((f) => (
                <label key={f} className="flex items-center gap-1.5">
                  <input type="radio" name="format" value={f} checked={format === f} onChange={() => { setFormat(f); setFormatChosen(true); }} />
                  {f.toUpperCase()}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <div className="mt-3">
          <label htmlFor="import-text" className="block text-sm font-medium text-slate-700">
            …or paste them here {fileName ? <span className="font-normal text-slate-500">(read from {fileName}; you can edit it)</span> : null}
          </label>
          <textarea
            id="import-text"
            name="text"
            value={text}
            onChange={(e) => changeText(e.target.value)}
            rows={10}
            spellCheck={false}
            placeholder={EXAMPLE}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs shadow-sm aria-[invalid=true]:border-red-500"
            aria-invalid={textErrors.length > 0}
            aria-describedby="import-text-hint import-text-error"
          />
          <p id="import-text-error" className="mt-1 text-xs text-red-700" aria-live="polite">{textErrors[0]}</p>
          <details id="import-text-hint" className="mt-1 text-xs text-slate-600">
            <summary className="cursor-pointer font-medium">What to write</summary>
            <div className="mt-2 space-y-1">
              <p>CSV: a header row with the columns <code className="rounded bg-slate-100 px-1">{IMPORT_COLUMNS.join(",")}</code>; slug, name, plan, deployment and paying are required.</p>
              <p>Lists (groups, projects, users, csm_emails) are separated by “;”. A user is <code className="rounded bg-slate-100 px-1">name</code> or <code className="rounded bg-slate-100 px-1">name &lt;email&gt;</code>. Put a value containing a comma in double quotes.</p>
              <p>JSON: a list of objects with the same fields, lists as arrays.</p>
              <p>A slug that already exists updates that account: its fields, resources and CSMs become what the row says.</p>
            </div>
          </details>
        </div>
        <div className="mt-4 flex items-center gap-3">
          <button type="submit" disabled={pending || text.trim() === ""} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
            {pending && !plan ? "Reading…" : "Preview"}
          </button>
          {result && !result.ok && textErrors.length === 0 ? <p role="alert" className="text-sm text-red-700">{result.error}</p> : null}
        </div>
      </form>

      <div ref={doneRef} tabIndex={-1} aria-live="polite" className="outline-none">
        {applied?.ok ? (
          <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
            Imported: {applied.data.created} created, {applied.data.updated} updated{applied.data.unchanged ? `, ${applied.data.unchanged} unchanged` : ""}.{" "}
            <Link href="/admin/accounts" className="font-medium underline">See the accounts</Link>
          </div>
        ) : null}
        {applied && !applied.ok ? <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">{applied.error}</div> : null}
      </div>

      {plan ? (
        <section aria-labelledby="preview-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="preview-heading" ref={previewRef} tabIndex={-1} className="text-base font-semibold outline-none">2. Preview</h2>
          {plan.fileErrors.length > 0 ? (
            <div role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
              <p className="font-medium">Nothing can be imported from this text:</p>
              <ul className="mt-1 list-disc pl-5">
                {plan.fileErrors.map((e) => <li key={e}>{e}</li>)}
              </ul>
            </div>
          ) : (
            <>
              <p className="mt-2 text-sm text-slate-700" data-testid="import-summary">
                {plan.counts.create} to create · {plan.counts.update} to update · {plan.counts.unchanged} unchanged ·{" "}
                <span className={plan.counts.error ? "font-semibold text-red-700" : ""}>{plan.counts.error} with errors</span>
              </p>
              {plan.counts.error > 0 ? <p className="mt-1 text-sm text-red-700" role="alert">Fix the rows marked Error below in the text or the file, then preview again. Nothing is imported while any row has an error.</p> : null}
              {removals > 0 ? (
                <p className="mt-1 text-sm text-amber-800">
                  Updated accounts become exactly what their row says: {removals} resource{removals === 1 ? "" : "s"} or CSM{removals === 1 ? "" : "s"} not in the text will be taken off (marked −).
                </p>
              ) : null}
              <div className="mt-3 overflow-x-auto rounded-md border border-slate-200">
                <table className="min-w-full divide-y divide-slate-200 text-sm">
                  <TableHead columns={["Row", "Account", "Result", "Details"]} dense />
                  <tbody className="divide-y divide-slate-100">
                    {plan.rows.map((r) => (
                      <tr key={r.where} data-testid={`preview-${r.where.replace(" ", "-").toLowerCase()}`} className={r.action === "error" ? "bg-red-50/40" : ""}>
                        <td className="whitespace-nowrap px-3 py-2 align-top text-slate-600">{r.where}</td>
                        <td className="px-3 py-2 align-top">
                          <div className="font-medium">{r.name || <span className="text-slate-500">no name</span>}</div>
                          <div className="font-mono text-xs text-slate-500">{r.slug || "no slug"}</div>
                        </td>
                        <td className="px-3 py-2 align-top">
                          <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${ACTION_STYLE[r.action].tone}`}>{ACTION_STYLE[r.action].label}</span>
                        </td>
                        <td className="px-3 py-2 align-top text-xs">
                          <RowDetails row={r} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <button type="button" onClick={onApply} disabled={pending || !canImport} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-50">
              {pending ? "Importing…" : `Import ${toImport} account${toImport === 1 ? "" : "s"}`}
            </button>
            <p className="text-sm text-slate-600" aria-live="polite">
              {isStale ? "The text changed since this preview: preview again." : plan.counts.error === 0 && toImport === 0 && plan.fileErrors.length === 0 ? "Nothing to change: every account is already as written." : "All rows are imported together, or none."}
            </p>
          </div>
        </section>
      ) : null}
    </div>
  );
}

function RowDetails({ row }: { row: ImportPreviewRow }) {
  if (row.action === "error") {
    return (
      <ul className="space-y-0.5 text-red-700">
        {row.errors.map((e, i) => (
          <li key={i}>
            {e.field === "row" ? null : <span className="font-mono font-semibold">{e.field}</span>}
            {e.field === "row" ? null : ": "}
            {e.message}
          </li>
        ))}
      </ul>
    );
  }
  const lines: string[] = [
    ...row.fieldChanges.map((c) => `${c.field}: ${show(c.from)} → ${show(c.to)}`),
    ...row.addResources.map((r) => `+ ${res(r)}`),
    ...row.removeResources.map((r) => `− ${res(r)}`),
    ...row.addManagers.map((m) => `+ CSM ${m}`),
    ...row.removeManagers.map((m) => `− CSM ${m}`),
  ];
  if (lines.length === 0) return <span className="text-slate-500">{row.action === "create" ? "A new account with no resources yet." : "Already as written."}</span>;
  return (
    <ul className="space-y-0.5 text-slate-700">
      {lines.map((l, i) => <li key={i} className={l.startsWith("−") ? "text-amber-800" : ""}>{l}</li>)}
    </ul>
  );
}
