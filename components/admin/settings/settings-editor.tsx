"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { fieldErrorsOf } from "@/lib/action-errors";
import type { PolicyPreview } from "@/lib/settings/preview-policy-change";
import { ELIGIBILITY_FIELDS, POLICY_FIELDS, POLICY_LIMITS, productHostConflicts, sameEligibility, samePolicy, type PolicyField, type PolicyValues } from "@/lib/settings/rules";
import { ZInternalHosts, ZPolicyValues, ZProductHosts } from "@/lib/settings/schemas";
import { PolicyPreviewPanel } from "./policy-preview";
import { RetentionPreviewLine, type PreviewRetention } from "./retention-preview";

export interface EditableSettings {
  version: number;
  internalHosts: string[];
  productHosts: string[];
  policy: PolicyValues;
}

type Save = (input: unknown) => Promise<ActionResult<{ version: number; changes: string[] }>>;
type Preview = (input: unknown) => Promise<ActionResult<PolicyPreview>>;

/** Text lines as the list the server gets: trailing blank lines dropped, nothing else touched. */
const linesOf = (text: string) => {
  const lines = text.replace(/\s+$/, "").split(/\r?\n/);
  return lines.length === 1 && lines[0]!.trim() === "" ? [] : lines;
};

const textOf = (p: PolicyValues) => Object.fromEntries(POLICY_FIELDS.map((f) => [f, String(p[f])])) as Record<PolicyField, string>;

/** The errors whose key is `field` or starts with `field.`, in the order given. */
function errorsFor(errors: Record<string, string[]>, field: string): string[] {
  return Object.entries(errors)
    .filter(([k]) => k === field || k.startsWith(`${field}.`))
    .flatMap(([, v]) => v);
}

const field = "mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm";
const border = (errors: string[]) => (errors.length ? "border-red-400" : "border-slate-300");

/** One list of hosts, one per line: its heading and hint, the text area, and its errors (live or the server's). */
function HostListField(p: {
  id: string;
  name: string;
  heading: string;
  hint: React.ReactNode;
  label: string;
  count: number;
  text: string;
  onText: (text: string) => void;
  onLeave: () => void;
  errors: string[];
}) {
  return (
    <section aria-labelledby={`${p.id}-heading`} className="rounded-lg border border-slate-200 bg-white p-5">
      <h3 id={`${p.id}-heading`} className="text-base font-semibold text-slate-900">
        {p.heading}
      </h3>
      <p id={`${p.id}-hint`} className="mt-1 text-sm text-slate-600">
        {p.hint}
      </p>
      <label htmlFor={p.id} className="mt-3 block text-sm font-medium text-slate-800">
        {p.label} <span className="font-normal text-slate-500">({p.count})</span>
      </label>
      <textarea
        id={p.id}
        name={p.name}
        rows={Math.min(12, Math.max(5, p.count + 1))}
        value={p.text}
        spellCheck={false}
        autoCapitalize="off"
        onChange={(e) => p.onText(e.target.value)}
        onBlur={p.onLeave}
        className={`${field} ${border(p.errors)} font-mono`}
        aria-invalid={p.errors.length > 0}
        aria-describedby={`${p.id}-hint ${p.id}-error`}
      />
      <div id={`${p.id}-error`} aria-live="polite" className="mt-1 text-xs text-red-700" data-testid={`${p.id}-error`}>
        {p.errors.length ? (
          <ul className="space-y-0.5">
            {p.errors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}

/**
 * Admin -> Settings: the internal host suffixes, the product hosts and the policy values as one
 * new version with a note. The same checks as the server run as the Admin leaves a field; the
 * server's answer wins for what it saw. Policy changes show which open cases they would move.
 */
export function SettingsEditor({ current: latest, save, preview, previewRetention }: { current: EditableSettings; save: Save; preview: Preview; previewRetention: PreviewRetention }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<{ version: number; changes: string[] }> | null>(null);
  // The version this form edits: it moves to a newer one only when the form has no edits, or when
  // the newer one is this form's own save; otherwise the Admin is told and chooses.
  const [current, setCurrent] = useState(latest);
  const [internalText, setInternalText] = useState(latest.internalHosts.join("\n"));
  const [productText, setProductText] = useState(latest.productHosts.join("\n"));
  const [policyText, setPolicyText] = useState<Record<PolicyField, string>>(() => textOf(latest.policy));
  const [note, setNote] = useState("");
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [savedVersion, setSavedVersion] = useState<number | null>(null);

  function load(v: EditableSettings) {
    setCurrent(v);
    setInternalText(v.internalHosts.join("\n"));
    setProductText(v.productHosts.join("\n"));
    setPolicyText(textOf(v.policy));
    setNote("");
    setTouched({});
  }

  const internalHosts = useMemo(() => linesOf(internalText), [internalText]);
  const productHosts = useMemo(() => linesOf(productText), [productText]);
  const policyDraft = useMemo(() => Object.fromEntries(POLICY_FIELDS.map((f) => [f, policyText[f]])) as Record<PolicyField, string>, [policyText]);
  const policyChecked = useMemo(() => ZPolicyValues.safeParse(policyDraft), [policyDraft]);
  const policyValid = policyChecked.success ? (policyChecked.data as PolicyValues) : null;
  // Retention changes no case's outcome: the preview is for the eligibility values.
  const policyChanged = policyValid !== null && !sameEligibility(policyValid, current.policy);

  // Live checks (shown once a field was left), then the server's answer for the draft it saw.
  const live = useMemo(() => {
    const out: Record<string, string[]> = {};
    const add = (prefix: string, r: { success: boolean; error?: Parameters<typeof fieldErrorsOf>[0] }) => {
      if (!r.success && r.error) for (const [k, v] of Object.entries(fieldErrorsOf(r.error))) out[k === "_form" ? prefix : `${prefix}.${k}`] = v;
    };
    add("internalHosts", ZInternalHosts.safeParse(internalHosts));
    add("productHosts", ZProductHosts.safeParse(productHosts));
    // A suffix over a product host: said beside the suffix's line, as the server says it.
    for (const p of productHostConflicts(internalHosts, productHosts)) out[`internalHosts.${p.index}`] = [...(out[`internalHosts.${p.index}`] ?? []), p.message];
    if (!policyChecked.success) for (const [k, v] of Object.entries(fieldErrorsOf(policyChecked.error))) out[`policy.${k}`] = v;
    return out;
  }, [internalHosts, productHosts, policyChecked]);
  const server = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const shown = (field: string) => {
    const fromServer = errorsFor(server, field);
    if (fromServer.length) return fromServer;
    // Editing the product hosts can make a suffix cover one: the suffix's line says so then too.
    const isTouched = touched[field] || (field === "internalHosts" && touched.productHosts);
    return isTouched ? errorsFor(live, field) : [];
  };

  const isDirty =
    internalHosts.join("\n") !== current.internalHosts.join("\n") || productHosts.join("\n") !== current.productHosts.join("\n") || (policyValid ? !samePolicy(policyValid, current.policy) : true);
  const isBehind = latest.version !== current.version;

  // A newer version from the server (after a refresh): taken while rendering, once per version.
  const [seenVersion, setSeenVersion] = useState(latest.version);
  if (latest.version !== seenVersion) {
    setSeenVersion(latest.version);
    if (latest.version !== current.version && (latest.version === savedVersion || (!isDirty && note.trim() === ""))) load(latest);
  }

  function edited() {
    if (result) setResult(null);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched({ internalHosts: true, productHosts: true, ...Object.fromEntries(POLICY_FIELDS.map((f) => [`policy.${f}`, true])), note: true });
    start(async () => {
      const r = await save({ baseVersion: current.version, internalHosts, productHosts, policy: policyDraft, note });
      setResult(r);
      if (r.ok) {
        setSavedVersion(r.data.version);
        router.refresh();
      }
    });
  }

  const formError = result && !result.ok && (!result.fieldErrors || Object.keys(result.fieldErrors).every((k) => k === "_form")) ? result.error : null;
  const hostErrors = { internal: shown("internalHosts"), product: shown("productHosts") };
  const noteErrors = shown("note");

  const policyField = (f: PolicyField) => {
    const limits = POLICY_LIMITS[f];
    const id = `policy-${f}`;
    const errors = shown(`policy.${f}`);
    return (
      <div key={f}>
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {limits.label}
        </label>
        <div className="flex items-center gap-2">
          <input
            id={id}
            name={f}
            type="number"
            inputMode="numeric"
            min={limits.min}
            max={limits.max}
            step={1}
            value={policyText[f]}
            onChange={(e) => {
              setPolicyText((p) => ({ ...p, [f]: e.target.value }));
              setTouched((t) => ({ ...t, [`policy.${f}`]: true }));
              edited();
            }}
            className={`mt-1 block w-24 rounded-md border px-3 py-2 text-sm shadow-sm ${border(errors)}`}
            aria-invalid={errors.length > 0}
            aria-describedby={`${id}-hint ${id}-error`}
          />
          <span className="mt-1 text-sm text-slate-600">
            {limits.unit} <span className="whitespace-nowrap text-xs text-slate-500">({limits.min}–{limits.max})</span>
          </span>
        </div>
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {limits.help} Now {current.policy[f]}.
        </p>
        <p id={`${id}-error`} aria-live="polite" className="mt-1 text-xs text-red-700">
          {errors.join(" ")}
        </p>
      </div>
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-labelledby="settings-editor-heading" data-testid="settings-editor">
      <h2 id="settings-editor-heading" className="sr-only">Edit the settings</h2>
      {isBehind ? (
        <div role="status" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <span>Version {latest.version} was saved while you edited version {current.version}. Saving your edits would be refused; load it to edit on top of it (your edits are discarded).</span>
          <button type="button" onClick={() => load(latest)} className="rounded-md border border-amber-400 bg-white px-3 py-1.5 font-medium hover:bg-amber-100">
            Load version {latest.version}
          </button>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <HostListField
          id="internal-hosts"
          name="internalHosts"
          heading="Internal host suffixes"
          hint={
            <>
              The company&apos;s own systems: a host name ending in one of these is redacted as <code className="rounded bg-slate-100 px-1">[REDACTED:system]</code>. One per line.
              <span className="mt-1 block text-xs text-slate-500">
                <code>.corp.example</code> covers every host under corp.example (db1.corp.example), not corp.example itself; <code>corp.example</code> covers corp.example and every host under it. No scheme, port or path.
                A single word needs its dot (<code>.internal</code>, not <code>internal</code>, which would also redact the word in “Internal Server Error”), and no suffix may cover a product host.
              </span>
            </>
          }
          label="Suffixes"
          count={internalHosts.length}
          text={internalText}
          onText={(t) => {
            setInternalText(t);
            edited();
          }}
          onLeave={() => setTouched((t) => ({ ...t, internalHosts: true }))}
          errors={hostErrors.internal}
        />

        <HostListField
          id="product-hosts"
          name="productHosts"
          heading="Product hosts"
          hint={
            <>
              Host names of the product&apos;s own web and API front end, e.g. <code className="rounded bg-slate-100 px-1">gitlab.example.com</code>. Paths in URLs on these hosts (and in the
              product&apos;s request logs) are judged as namespaces: other accounts&apos; projects are replaced. One per line; may be empty.
            </>
          }
          label="Host names"
          count={productHosts.length}
          text={productText}
          onText={(t) => {
            setProductText(t);
            edited();
          }}
          onLeave={() => setTouched((t) => ({ ...t, productHosts: true }))}
          errors={hostErrors.product}
        />
      </div>

      <section aria-labelledby="policy-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h3 id="policy-heading" className="text-base font-semibold text-slate-900">Policy values</h3>
        <p className="mt-1 text-sm text-slate-600">
          The limits of the eligibility rules (process step 5). A change applies to evaluations from now on (submits, and re-evaluations when a scope changes); it does not re-evaluate
          open cases by itself. The preview below shows which open cases would get another outcome or route.
        </p>
        <div className="mt-4 grid gap-x-6 gap-y-4 sm:grid-cols-2 xl:grid-cols-3">
          {ELIGIBILITY_FIELDS.map(policyField)}
        </div>
        <PolicyPreviewPanel policy={policyValid} changed={policyChanged} baseVersion={current.version} preview={preview} />
      </section>

      <section aria-labelledby="retention-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h3 id="retention-heading" className="text-base font-semibold text-slate-900">Retention</h3>
        <p className="mt-1 text-sm text-slate-600">
          An hourly job deletes the raw files of closed cases, and redacted files superseded by a new redaction or a withdrawal, once the case has been closed this long. It keeps
          their SHA-256 and records each deletion on the case. Released redacted files are kept; nothing is deleted while a case is open, and reopening a case does not bring deleted files back (uploading the same extract again puts a raw file back).
        </p>
        <div className="mt-4 grid gap-x-6 gap-y-4 sm:grid-cols-2 xl:grid-cols-3">{policyField("retentionDays")}</div>
        <RetentionPreviewLine days={policyChecked.success ? (policyChecked.data as PolicyValues).retentionDays : null} currentDays={current.policy.retentionDays} preview={previewRetention} />
      </section>

      <section aria-labelledby="save-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h3 id="save-heading" className="text-base font-semibold text-slate-900">Save as version {current.version + 1}</h3>
        <label htmlFor="settings-note" className="mt-3 block text-sm font-medium text-slate-800">
          Note
        </label>
        <input
          id="settings-note"
          name="note"
          value={note}
          maxLength={500}
          onChange={(e) => {
            setNote(e.target.value);
            edited();
          }}
          onBlur={() => setTouched((t) => ({ ...t, note: true }))}
          placeholder="What changed and why, e.g. Added .corp.example for the new data centre"
          className={`${field} ${border(noteErrors)} max-w-2xl`}
          aria-invalid={noteErrors.length > 0}
          aria-describedby="settings-note-hint settings-note-error"
        />
        <p id="settings-note-hint" className="mt-1 text-xs text-slate-500">
          Required. Shown in the version history and the activity log.
        </p>
        <p id="settings-note-error" aria-live="polite" className="mt-1 text-xs text-red-700">
          {touched.note || server.note ? (server.note ?? (note.trim().length < 3 ? ["Say in a few words what changed and why (it goes into the history)."] : [])).join(" ") : ""}
        </p>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
            {pending ? "Saving…" : "Save settings"}
          </button>
          <span aria-live="polite" className="text-sm" data-testid="settings-save-status">
            {formError || (result && !result.ok && result.fieldErrors?._form) ? (
              <span className="text-red-700" role="alert">
                {result && !result.ok && result.fieldErrors?._form ? result.fieldErrors._form.join(" ") : formError}
              </span>
            ) : result && !result.ok ? (
              <span className="text-red-700" role="alert">
                {result.error}
              </span>
            ) : result?.ok ? (
              <span className="text-emerald-700" role="status">
                Saved as version {result.data.version}. Redactions and evaluations from now on use it.
              </span>
            ) : isDirty ? (
              <span className="text-slate-500">Unsaved changes</span>
            ) : null}
          </span>
        </div>
      </section>
    </form>
  );
}
