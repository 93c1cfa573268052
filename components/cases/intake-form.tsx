"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { errorsOfField, fieldErrorsOf, fieldErrorsUnder, type SummaryEntry } from "@/lib/action-errors";
import { newDraftId } from "@/lib/cases/new-draft-id";
import { ZCaseComplete } from "@/lib/cases/schemas";
import { factsFromAccount, type AccountForFacts } from "@/lib/evaluation/facts";
import { evaluateRequest, isOwned, type Policy, type ResourceRef } from "@/lib/workflow";
import { ErrorSummary } from "@/components/ui/error-summary";
import { accountLabel, type AccountChoice } from "@/lib/cases/account-choice";
import { AccountSearch } from "./account-search";
import { ChecksPanel } from "./checks-panel";
import { useEventCatalogue } from "@/components/event-types/use-event-catalogue";
import { formatDateTime, toUtcInputValue } from "@/lib/format/datetime";

export interface IntakeDraft {
  accountId: string;
  requesterName: string;
  requesterEmail: string;
  summary: string;
  resources: ResourceRef[];
  eventTypes: string[];
  logSources: ("application" | "component" | "access")[];
  windowFrom: string; // "YYYY-MM-DDTHH:mm", UTC
  windowTo: string;
  personalData: boolean;
}

type IntakeAccount = AccountForFacts & { id: string; name: string };
type Act<T> = (input: unknown) => Promise<ActionResult<T>>;

export interface IntakeFormProps {
  mode: "draft" | "scope";
  caseId?: string;
  version?: number;
  reference?: string | null;
  requestedAt?: string | null; // ISO; submitted cases are judged at their own request time
  initial: IntakeDraft;
  /** A prefilled form (a new request from a refused case) saves itself as a new draft at once. */
  startsDirty?: boolean;
  /** The accounts to choose from, or null when there are too many to list and the form searches them (AccountSearch). */
  accounts: AccountChoice[] | null;
  /** The account the form starts with, as its choice reads (the search box shows it; a select finds it in the list). */
  chosenAccount?: AccountChoice | null;
  /** The case's own account, read by the page (scope mode: the account cannot change, and SIRT may not load accounts). */
  account?: IntakeAccount;
  /** Which of the initial event types the audit event catalogue holds (its suggestions load when the field is first focused). */
  cataloguedEventTypes: string[];
  policy: Partial<Policy>;
  actions: {
    loadAccount: Act<IntakeAccount>;
    saveDraft: Act<{ id: string; version: number; savedAt: Date }>;
    submit: Act<{ status: string; reference: string }>;
    changeScope: Act<{ status: string; reference: string }>;
  };
}

const fromUtcInput = (v: string) => (v ? new Date(`${v}:00Z`) : null);
const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-indigo-500 disabled:bg-slate-100";
const label = "block text-sm font-medium text-slate-800";

/** The template's fields in the order the form shows them, for the error summary and the focus after a failed submit. */
const SUMMARY_FIELDS: SummaryEntry[] = [
  { name: "accountId", label: "Customer account", id: "accountId" },
  { name: "requesterName", label: "Requester name", id: "requesterName" },
  { name: "requesterEmail", label: "Requester email", id: "requesterEmail" },
  { name: "summary", label: "Incident summary", id: "summary" },
  { name: "resources", label: "Resources of interest", id: "other-path" },
  { name: "eventTypes", label: "Event types of interest", id: "event-type" },
  { name: "logSources", label: "Log sources", id: "logSources-application" },
  { name: "windowFrom", label: "Window from", id: "windowFrom" },
  { name: "windowTo", label: "Window to", id: "windowTo" },
  { name: "personalData", label: "Personal data", id: "personalData-no" },
];

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={`${id}-error`} className="mt-1 text-xs text-red-700" aria-live="polite">
      {errors?.[0]}
    </p>
  );
}

export function IntakeForm(props: IntakeFormProps) {
  const router = useRouter();
  const [draft, setDraft] = useState<IntakeDraft>(props.initial);
  const [loadedAccount, setAccount] = useState<IntakeAccount | null>(props.account ?? null);
  const account = draft.accountId ? loadedAccount : null;
  // Why the chosen account could not be loaded, for that account only.
  const [accountFailure, setAccountError] = useState<{ accountId: string; message: string } | null>(null);
  const accountError = accountFailure?.accountId === draft.accountId ? accountFailure.message : null;
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const lastSaveError = useRef<string | null>(null);
  const [saveState, setSaveState] = useState<{ kind: "idle" | "saving" | "saved" | "error"; at?: Date; message?: string }>({ kind: "idle" });
  const [submitting, startSubmit] = useTransition();
  // A new draft's id is made here, once, when the form opens, and sent with every save: a retried or
  // double-clicked first save lands in the same draft (issue 12, finding 9). A version means the server has it.
  const [newId] = useState(newDraftId);
  const ids = useRef<{ id: string; version?: number }>({ id: props.caseId ?? newId, version: props.version });
  const saving = useRef<Promise<boolean> | null>(null);
  const dirty = useRef(!!props.startsDirty);
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(t);
  }, []);

  // The chosen account's plan and what it owns, for the picker and the live checks.
  useEffect(() => {
    if (!draft.accountId || props.account?.id === draft.accountId) return;
    let live = true;
    const accountId = draft.accountId;
    void props.actions.loadAccount({ accountId }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setAccount(r.data);
        setAccountError(null);
      } else setAccountError({ accountId, message: r.error });
    });
    return () => {
      live = false;
    };
  }, [draft.accountId, props.account, props.actions]);

  const update = <K extends keyof IntakeDraft>(key: K, value: IntakeDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    dirty.current = true;
    setErrors((e) => (Object.keys(e).some((k) => k === key || k.startsWith(`${key}.`)) ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== key && !k.startsWith(`${key}.`))) : e));
  };

  const payload = useCallback(
    (d: IntakeDraft) => ({ ...d, accountId: d.accountId || null, windowFrom: fromUtcInput(d.windowFrom), windowTo: fromUtcInput(d.windowTo) }),
    [],
  );

  // The draft as last rendered, for the save that runs after the author stops typing.
  const latest = useRef(draft);
  useEffect(() => {
    latest.current = draft;
  }, [draft]);

  // Drafts save as the author types: one save at a time, the latest state wins.
  const save = useCallback(async (): Promise<boolean> => {
    if (props.mode !== "draft") return true;
    if (saving.current) await saving.current;
    if (!dirty.current && ids.current.version !== undefined) return true;
    if (!latest.current.accountId) {
      setSaveState({ kind: "idle", message: "Choose an account to start saving this draft." });
      lastSaveError.current = "Choose the customer account: the draft is saved once it has one.";
      return false;
    }
    dirty.current = false;
    setSaveState({ kind: "saving" });
    const run = props.actions.saveDraft({ id: ids.current.id, version: ids.current.version, draft: payload(latest.current) }).then((r) => {
      if (r.ok) {
        const created = ids.current.version === undefined;
        ids.current = { id: r.data.id, version: r.data.version };
        lastSaveError.current = null;
        setSaveState({ kind: "saved", at: new Date() });
        if (created) window.history.replaceState(null, "", `/cases/${r.data.id}/edit`);
        return true;
      }
      dirty.current = true;
      // The action checks `{ id, version, draft }`: its field errors are keyed `draft.summary`, the form's field is `summary`.
      if (r.fieldErrors) setErrors((e) => ({ ...e, ...fieldErrorsUnder(r.fieldErrors, "draft") }));
      lastSaveError.current = r.error;
      setSaveState({ kind: "error", message: r.error });
      return false;
    });
    saving.current = run.finally(() => (saving.current = null));
    return run;
  }, [payload, props.actions, props.mode]);

  useEffect(() => {
    if (props.mode !== "draft" || !dirty.current) return;
    const t = setTimeout(() => void save(), 700);
    return () => clearTimeout(t);
  }, [draft, save, props.mode]);

  // Warn before leaving with unsaved changes.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current || saving.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const requestedAt = useMemo(() => (props.requestedAt ? new Date(props.requestedAt) : now), [props.requestedAt, now]);
  const decision = useMemo(() => {
    if (!account) return null;
    const from = fromUtcInput(draft.windowFrom);
    const to = fromUtcInput(draft.windowTo);
    const facts = factsFromAccount(
      account,
      { resources: draft.resources, eventTypes: draft.eventTypes, logSources: draft.logSources, window: { from: from ?? new Date(NaN), to: to ?? new Date(NaN) }, personalData: draft.personalData },
      requestedAt,
    );
    return evaluateRequest(facts, props.policy);
  }, [account, draft, requestedAt, props.policy]);

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setBanner(null);
    startSubmit(async () => {
      let r: ActionResult<{ status: string; reference: string }>;
      if (props.mode === "draft") {
        // The same schema the server checks on submit, so every missing field is named at once.
        const complete = ZCaseComplete.safeParse(payload(draft));
        if (!complete.success) {
          void save();
          setErrors(fieldErrorsOf(complete.error));
          setBanner("Some fields of the template still need an answer.");
          setAttempt((n) => n + 1);
          return;
        }
        dirty.current = true;
        const ok = await save();
        if (!ok || ids.current.version === undefined) {
          if (!latest.current.accountId) setErrors((e) => ({ ...e, accountId: ["Choose the customer account."] }));
          setBanner(lastSaveError.current ?? "The draft could not be saved.");
          setAttempt((n) => n + 1);
          return;
        }
        r = await props.actions.submit({ id: ids.current.id, version: ids.current.version });
      } else {
        r = await props.actions.changeScope({ id: ids.current.id, version: ids.current.version, draft: payload(draft) });
      }
      if (r.ok) {
        dirty.current = false;
        router.push(`/cases/${ids.current.id}`);
        router.refresh();
        return;
      }
      setErrors(fieldErrorsUnder(r.fieldErrors, "draft"));
      setBanner(r.error);
      setAttempt((n) => n + 1);
    });
  }

  const windowPreset = (days: number) => {
    const end = new Date();
    end.setUTCSeconds(0, 0);
    update("windowFrom", toUtcInputValue(new Date(end.getTime() - days * 86_400_000)));
    update("windowTo", toUtcInputValue(end));
  };

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-6">
        <div aria-live="assertive">
          <ErrorSummary message={banner} errors={banner ? errors : undefined} fields={SUMMARY_FIELDS} attempt={attempt} />
        </div>

        <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">Customer</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="sm:col-span-2">
              <label htmlFor="accountId" className={label}>Customer account</label>
              {props.accounts ? (
                <select id="accountId" value={draft.accountId} disabled={props.mode === "scope"} onChange={(e) => update("accountId", e.target.value)} className={field} aria-describedby="accountId-error" aria-invalid={!!errors.accountId?.[0]}>
                  <option value="">Choose the account…</option>
                  {props.accounts.map((a) => (
                    <option key={a.id} value={a.id}>
                      {accountLabel(a)}
                    </option>
                  ))}
                </select>
              ) : (
                <AccountSearch
                  id="accountId"
                  chosen={props.chosenAccount ?? null}
                  onChoose={(a) => update("accountId", a.id)}
                  disabled={props.mode === "scope"}
                  invalid={!!errors.accountId?.[0]}
                  describedBy="accountId-error"
                  className={field}
                />
              )}
              <FieldError id="accountId" errors={errors.accountId ?? (accountError ? [accountError] : undefined)} />
            </div>
            <div>
              <label htmlFor="requesterName" className={label}>Requester name</label>
              <input id="requesterName" value={draft.requesterName} onChange={(e) => update("requesterName", e.target.value)} className={field} autoComplete="off" aria-describedby="requesterName-error" aria-invalid={!!errors.requesterName?.[0]} />
              <FieldError id="requesterName" errors={errors.requesterName} />
            </div>
            <div>
              <label htmlFor="requesterEmail" className={label}>Requester email</label>
              <input id="requesterEmail" type="email" value={draft.requesterEmail} onChange={(e) => update("requesterEmail", e.target.value)} className={field} autoComplete="off" aria-describedby="requesterEmail-error" aria-invalid={!!errors.requesterEmail?.[0]} />
              <FieldError id="requesterEmail" errors={errors.requesterEmail} />
            </div>
          </div>
          <p className="mt-2 text-xs text-slate-500">The customer is never added to the case; this contact is kept for Support or the CSM to reply to.</p>
        </fieldset>

        <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">Incident</legend>
          <label htmlFor="summary" className={label}>Incident summary</label>
          <textarea id="summary" rows={5} value={draft.summary} onChange={(e) => update("summary", e.target.value)} className={field} aria-describedby="summary-hint summary-error" aria-invalid={!!errors.summary?.[0]} />
          <p id="summary-hint" className="mt-1 text-xs text-slate-500">What happened, when the customer noticed, and what Audit Events did not show. Markdown is allowed.</p>
          <FieldError id="summary" errors={errors.summary} />
        </fieldset>

        <ResourcesField account={account} value={draft.resources} onChange={(v) => update("resources", v)} errors={errors} />
        <EventTypesField catalogued={props.cataloguedEventTypes} initial={props.initial.eventTypes} value={draft.eventTypes} onChange={(v) => update("eventTypes", v)} errors={errorsOfField(errors, "eventTypes")} />

        <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">Log sources and window</legend>
          <div className="flex flex-wrap gap-4">
            {([
              ["application", "Application logs"],
              ["component", "Component logs (other parts of the production stack)"],
              ["access", "HTTP access logs (not searchable)"],
            ] as const).map(([value, text]) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  id={`logSources-${value}`}
                  aria-invalid={errorsOfField(errors, "logSources").length > 0}
                  aria-describedby="logSources-error"
                  checked={draft.logSources.includes(value)}
                  onChange={(e) => update("logSources", e.target.checked ? [...draft.logSources, value] : draft.logSources.filter((s) => s !== value))}
                  className="h-4 w-4 rounded border-slate-300"
                />
                {text}
              </label>
            ))}
          </div>
          <FieldError id="logSources" errors={errorsOfField(errors, "logSources")} />
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="windowFrom" className={label}>Window from <span className="font-normal text-slate-500">(UTC)</span></label>
              <input id="windowFrom" type="datetime-local" value={draft.windowFrom} onChange={(e) => update("windowFrom", e.target.value)} className={field} aria-describedby="windowFrom-error" aria-invalid={!!errors.windowFrom?.[0]} />
              <FieldError id="windowFrom" errors={errors.windowFrom} />
            </div>
            <div>
              <label htmlFor="windowTo" className={label}>Window to <span className="font-normal text-slate-500">(UTC)</span></label>
              <input id="windowTo" type="datetime-local" value={draft.windowTo} onChange={(e) => update("windowTo", e.target.value)} className={field} aria-describedby="windowTo-error" aria-invalid={!!errors.windowTo?.[0]} />
              <FieldError id="windowTo" errors={errors.windowTo} />
            </div>
          </div>
          <div className="mt-2 flex flex-wrap gap-2 text-xs">
            <span className="py-1 text-slate-500">Quick window:</span>
            {[3, 7, 14, 30].map((d) => (
              <button key={d} type="button" onClick={() => windowPreset(d)} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50">
                Last {d} days
              </button>
            ))}
          </div>
        </fieldset>

        <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">Personal data</legend>
          <p className="text-sm text-slate-600">Would the answer disclose personal data, such as user names, IP addresses or email addresses?</p>
          <div className="mt-2 flex gap-6 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" id="personalData-no" name="personalData" checked={!draft.personalData} onChange={() => update("personalData", false)} /> No
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="personalData" checked={draft.personalData} onChange={() => update("personalData", true)} /> Yes (goes to SIRT)
            </label>
          </div>
        </fieldset>

        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" disabled={submitting} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
            {submitting ? (props.mode === "draft" ? "Submitting…" : "Re-evaluating…") : props.mode === "draft" ? "Submit for evaluation" : "Save and re-evaluate"}
          </button>
          {props.mode === "draft" ? (
            <span className="text-xs text-slate-500" role="status" data-testid="save-state">
              {saveState.kind === "saving" ? "Saving…" : saveState.kind === "saved" ? `Draft saved ${formatDateTime(saveState.at)}` : saveState.kind === "error" ? <span className="text-red-700">Not saved: {saveState.message}</span> : saveState.message ?? "Drafts save as you type."}
            </span>
          ) : (
            <span className="text-xs text-slate-500">Changing the scope re-evaluates the case against its original request time{props.requestedAt ? ` (${formatDateTime(props.requestedAt)})` : ""}.</span>
          )}
        </div>
      </div>

      <div className="lg:sticky lg:top-4 lg:self-start">
        {decision ? (
          <ChecksPanel decision={decision} title="Live check" note={<>Computed in your browser with the same rules; the server evaluates again on submit.</>} />
        ) : (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">Choose the customer account to see every condition pass or fail as you fill in the template.</div>
        )}
      </div>
    </form>
  );
}

function ResourcesField({ account, value, onChange, errors }: { account: IntakeAccount | null; value: ResourceRef[]; onChange: (v: ResourceRef[]) => void; errors: Record<string, string[]> }) {
  const [filter, setFilter] = useState("");
  const [kind, setKind] = useState<ResourceRef["kind"]>("project");
  const [path, setPath] = useState("");
  const has = (r: ResourceRef) => value.some((v) => v.kind === r.kind && v.path.toLowerCase() === r.path.toLowerCase());
  const toggle = (r: ResourceRef, on: boolean) => onChange(on ? [...value, r] : value.filter((v) => !(v.kind === r.kind && v.path.toLowerCase() === r.path.toLowerCase())));
  const owned = account?.resources ?? [];
  const shown = owned.filter((r) => r.path.toLowerCase().includes(filter.toLowerCase())).slice(0, 200);
  const addOther = () => {
    const p = path.trim();
    if (!p) return;
    if (!has({ kind, path: p })) onChange([...value, { kind, path: p }]);
    setPath("");
  };
  const itemErrors = errorsOfField(errors, "resources");
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4" aria-describedby="resources-error">
      <legend className="px-1 text-sm font-semibold text-slate-900">Resources of interest</legend>
      {value.length ? (
        <ul className="mb-3 flex flex-wrap gap-2" aria-label="Selected resources">
          {value.map((r) => {
            const ownedByAccount = account ? isOwned(r, owned) : true;
            return (
              <li key={`${r.kind}:${r.path}`} className={`flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs ${ownedByAccount ? "border-slate-300 bg-slate-50" : "border-red-300 bg-red-50 text-red-800"}`}>
                <span className="text-slate-500">{r.kind}</span> {r.path}
                {!ownedByAccount ? <span className="font-medium"> · not owned</span> : null}
                <button type="button" onClick={() => toggle(r, false)} className="ml-1 rounded px-1 hover:bg-slate-200" aria-label={`Remove ${r.kind} ${r.path}`}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="mb-3 text-sm text-slate-500">No resources yet: pick what the request is about (at most 20; more than 5 goes to SIRT).</p>
      )}
      {account ? (
        <>
          <label htmlFor="resource-filter" className="sr-only">Filter the account&apos;s resources</label>
          <input id="resource-filter" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={`Filter ${owned.length} resources ${account.name} owns`} className={field} />
          <div className="mt-2 max-h-48 overflow-y-auto rounded border border-slate-200">
            {shown.map((r) => (
              <label key={`${r.kind}:${r.path}`} className="flex items-center gap-2 px-3 py-1.5 text-sm hover:bg-slate-50">
                <input type="checkbox" checked={has(r)} onChange={(e) => toggle({ kind: r.kind, path: r.path }, e.target.checked)} />
                <span className="w-14 text-xs uppercase text-slate-500">{r.kind}</span>
                <span>{r.path}</span>
              </label>
            ))}
            {shown.length === 0 ? <p className="px-3 py-2 text-sm text-slate-500">Nothing matches “{filter}”.</p> : null}
          </div>
        </>
      ) : null}
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="other-kind" className="block text-xs font-medium text-slate-700">Other resource named in the request</label>
          <select id="other-kind" value={kind} onChange={(e) => setKind(e.target.value as ResourceRef["kind"])} className="mt-1 rounded-md border border-slate-300 px-2 py-2 text-sm">
            <option value="group">group</option>
            <option value="project">project</option>
            <option value="user">user</option>
          </select>
        </div>
        <div className="min-w-48 flex-1">
          <label htmlFor="other-path" className="sr-only">Path or user name</label>
          <input id="other-path" aria-invalid={itemErrors.length > 0} aria-describedby="resources-error" value={path} onChange={(e) => setPath(e.target.value)} onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); addOther(); } }} placeholder="e.g. acme/infra/api or jdoe" className={field} />
        </div>
        <button type="button" onClick={addOther} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50">
          Add
        </button>
      </div>
      <p id="resources-error" className="mt-1 text-xs text-red-700" aria-live="polite">{itemErrors[0]}</p>
    </fieldset>
  );
}

function EventTypesField({ catalogued, initial, value, onChange, errors }: { catalogued: string[]; initial: string[]; value: string[]; onChange: (v: string[]) => void; errors?: string[] }) {
  const [text, setText] = useState("");
  // The suggestions load when the field is first focused (components/event-types); until then the
  // draft's own names are known as catalogued or free entries from the page, and a name typed since
  // is neither until the catalogue has come.
  const { catalogue, failed, want } = useEventCatalogue();
  const known = useMemo(() => new Map((catalogue ?? []).map((c) => [c.name, c.description])), [catalogue]);
  const cataloguedSet = useMemo(() => new Set(catalogued), [catalogued]);
  const initialSet = useMemo(() => new Set(initial), [initial]);
  const isCatalogued = (name: string) => known.has(name) || cataloguedSet.has(name);
  const isFree = (name: string) => !isCatalogued(name) && (catalogue !== null || initialSet.has(name));
  const add = () => {
    const t = text.trim();
    if (t && !value.includes(t)) onChange([...value, t]);
    setText("");
  };
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">Event types of interest</legend>
      {value.length ? (
        <ul className="mb-3 flex flex-wrap gap-2" aria-label="Selected event types">
          {value.map((name) => (
            <li key={name} title={known.get(name) ?? (isFree(name) ? "Not in the catalogue (free entry)" : undefined)} className={`flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs ${isFree(name) ? "border-amber-300 bg-amber-50" : "border-slate-300 bg-slate-50"}`}>
              {name}
              {isFree(name) ? <span className="text-amber-800"> · free entry</span> : null}
              <button type="button" onClick={() => onChange(value.filter((v) => v !== name))} className="ml-1 rounded px-1 hover:bg-slate-200" aria-label={`Remove ${name}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-3 text-sm text-slate-500">No event types yet: add the specific events the customer needs (at most 10).</p>
      )}
      <div className="flex gap-2">
        <label htmlFor="event-type" className="sr-only">Event type</label>
        <input
          id="event-type"
          list="event-type-catalogue"
          value={text}
          onFocus={want}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
          placeholder={catalogue ? `Type to search ${catalogue.length} audit event types, or enter your own` : "Type to search the audit event types, or enter your own"}
          className={field}
          aria-invalid={!!errors?.length}
          aria-describedby="eventTypes-error"
        />
        <button type="button" onClick={add} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50">
          Add
        </button>
      </div>
      <datalist id="event-type-catalogue">
        {(catalogue ?? []).map((c) => (
          <option key={c.name} value={c.name}>
            {c.category}: {c.description}
          </option>
        ))}
      </datalist>
      <p role="status" className="mt-1 text-xs text-amber-800">
        {failed ? "The catalogue's suggestions could not be loaded; type the event type names (focus the field to try again)." : null}
      </p>
      <p id="eventTypes-error" className="mt-1 text-xs text-red-700" aria-live="polite">{errors?.[0]}</p>
    </fieldset>
  );
}
