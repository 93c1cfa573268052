"use client";

import Link from "@/components/ui/app-link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { ErrorSummary } from "@/components/ui/error-summary";
import {
  DEPLOYMENT_LABELS,
  DEPLOYMENTS,
  PLAN_LABELS,
  PLANS,
  SUPPORT_PLAN_LABELS,
  SUPPORT_PLANS,
  type TDeployment,
  type TPlan,
  type TSupportPlan,
} from "@/lib/accounts/schemas";

export interface AccountFormValues {
  name: string;
  slug: string;
  plan: TPlan;
  deployment: TDeployment;
  paying: boolean;
  supportPlan: TSupportPlan;
  incidentNotification: boolean;
  notificationContact: string | null;
}

type Create = (input: unknown) => Promise<ActionResult<{ id: string }>>;
type Update = (input: unknown) => Promise<ActionResult<{ version: number; changed: boolean }>>;

const EMPTY: AccountFormValues = { name: "", slug: "", plan: "premium", deployment: "saas", paying: true, supportPlan: "current", incidentNotification: false, notificationContact: null };

const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);

/**
 * The account's own fields. Editing sends the version the page was loaded
 * with; on a conflict the form keeps what was typed and says what to do.
 */
export function AccountForm(props: { mode: "create"; create: Create } | { mode: "edit"; update: Update; id: string; version: number; initial: AccountFormValues }) {
  const router = useRouter();
  const uid = useId();
  const initial = props.mode === "edit" ? props.initial : EMPTY;
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  // The version the form's values were loaded or last saved at. A refresh after another part of the
  // page changed may bring a newer version with values this form does not show, so it is not taken.
  const [editVersion, setEditVersion] = useState(props.mode === "edit" ? props.version : 0);
  const [slug, setSlug] = useState(initial.slug);
  const [slugTouched, setSlugTouched] = useState(props.mode === "edit");
  const [notify, setNotify] = useState(initial.incidentNotification);
  const [attempt, setAttempt] = useState(0);
  const errors = result && !result.ok ? result.fieldErrors ?? {} : {};

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget));
    start(async () => {
      if (props.mode === "create") {
        const r = await props.create(data);
        setResult(r);
        if (!r.ok) setAttempt((n) => n + 1);
        if (r.ok) router.push(`/admin/accounts/${r.data.id}?created=1`);
      } else {
        const r = await props.update({ ...data, id: props.id, version: editVersion });
        setResult(r);
        if (!r.ok) setAttempt((n) => n + 1);
        if (r.ok) {
          setEditVersion(r.data.version);
          router.refresh();
        }
      }
    });
  }

  const id = (name: string) => `${uid}-${name}`;
  const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-500";
  const label = "block text-sm font-medium text-slate-700";
  const hint = "mt-1 text-xs text-slate-500";
  // A function, not a component: the same <p> (and live region) stays mounted across renders.
  const err = (name: string) => (
    <p id={id(`${name}-error`)} className="mt-1 text-xs text-red-700" aria-live="polite">
      {errors[name]?.[0]}
    </p>
  );
  const described = (name: string, withHint = false) => [withHint ? id(`${name}-hint`) : null, id(`${name}-error`)].filter(Boolean).join(" ");
  const failed = result && !result.ok ? result : null;
  const isStale = failed?.code === "CONFLICT" && !failed.fieldErrors;

  return (
    <form onSubmit={onSubmit} noValidate className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby={id("heading")}>
      <h2 id={id("heading")} className="text-base font-semibold">{props.mode === "create" ? "Account details" : "Details"}</h2>
      {/* Refusals other than bad input keep their own alert below, with the link to the current version. */}
      <ErrorSummary
        className="mt-3"
        message={failed?.code === "VALIDATION" ? failed.error : null}
        errors={failed?.code === "VALIDATION" ? errors : undefined}
        fields={[
          { name: "name", label: "Name", id: id("name") },
          { name: "slug", label: "Slug", id: id("slug") },
          { name: "plan", label: "Plan", id: id("plan") },
          { name: "deployment", label: "Deployment", id: id("deployment") },
          { name: "supportPlan", label: "Support plan", id: id("supportPlan") },
          { name: "paying", label: "Paying customer", id: id("paying") },
          { name: "incidentNotification", label: "Incident notification", id: id("incidentNotification") },
          { name: "notificationContact", label: "Notification contact", id: id("notificationContact") },
        ]}
        attempt={failed?.code === "VALIDATION" ? attempt : 0}
      />
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={id("name")} className={label}>Name</label>
          <input
            id={id("name")}
            name="name"
            defaultValue={initial.name}
            autoComplete="off"
            required
            onChange={(e) => {
              if (!slugTouched) setSlug(slugify(e.target.value));
            }}
            className={field}
            aria-invalid={!!errors.name}
            aria-describedby={described("name")}
          />
          {err("name")}
        </div>
        <div>
          <label htmlFor={id("slug")} className={label}>Slug</label>
          <input
            id={id("slug")}
            name="slug"
            value={slug}
            onChange={(e) => {
              setSlug(e.target.value);
              setSlugTouched(true);
            }}
            autoComplete="off"
            spellCheck={false}
            required
            className={`${field} font-mono`}
            aria-invalid={!!errors.slug}
            aria-describedby={described("slug", true)}
          />
          <p id={id("slug-hint")} className={hint}>Lowercase letters, digits and “-”. Imports find the account by it.</p>
          {err("slug")}
        </div>
        <div>
          <label htmlFor={id("plan")} className={label}>Plan</label>
          <select id={id("plan")} name="plan" defaultValue={initial.plan} className={field} aria-invalid={!!errors.plan} aria-describedby={described("plan")}>
            {PLANS.map((p) => <option key={p} value={p}>{PLAN_LABELS[p]}</option>)}
          </select>
          {err("plan")}
        </div>
        <div>
          <label htmlFor={id("deployment")} className={label}>Deployment</label>
          <select id={id("deployment")} name="deployment" defaultValue={initial.deployment} className={field} aria-invalid={!!errors.deployment} aria-describedby={described("deployment")}>
            {DEPLOYMENTS.map((d) => <option key={d} value={d}>{DEPLOYMENT_LABELS[d]}</option>)}
          </select>
          {err("deployment")}
        </div>
        <div>
          <label htmlFor={id("supportPlan")} className={label}>Support plan</label>
          <select id={id("supportPlan")} name="supportPlan" defaultValue={initial.supportPlan} className={field} aria-invalid={!!errors.supportPlan} aria-describedby={described("supportPlan")}>
            {SUPPORT_PLANS.map((s) => <option key={s} value={s}>{SUPPORT_PLAN_LABELS[s]}</option>)}
          </select>
          {err("supportPlan")}
        </div>
        <div className="flex items-start gap-2 sm:pt-7">
          <input id={id("paying")} name="paying" type="checkbox" defaultChecked={initial.paying} className="mt-0.5 h-4 w-4 rounded border-slate-300" aria-describedby={described("paying", true)} />
          <div>
            <label htmlFor={id("paying")} className="text-sm font-medium text-slate-700">Paying customer</label>
            <p id={id("paying-hint")} className="text-xs text-slate-500">Leave unticked for sponsored, open-source, education or unpaid accounts.</p>
            {err("paying")}
          </div>
        </div>
        <div className="flex items-start gap-2 sm:col-span-2">
          <input
            id={id("incidentNotification")}
            name="incidentNotification"
            type="checkbox"
            defaultChecked={initial.incidentNotification}
            onChange={(e) => setNotify(e.target.checked)}
            className="mt-0.5 h-4 w-4 rounded border-slate-300"
            aria-describedby={described("incidentNotification", true)}
          />
          <div>
            <label htmlFor={id("incidentNotification")} className="text-sm font-medium text-slate-700">Incident notification</label>
            <p id={id("incidentNotification-hint")} className="text-xs text-slate-500">The agreement asks to be told within 24 hours when an incident affects the customer&apos;s resources.</p>
            {err("incidentNotification")}
          </div>
        </div>
        <div className="sm:col-span-2">
          <label htmlFor={id("notificationContact")} className={label}>
            Notification contact {notify ? <span className="font-normal text-slate-500">(required)</span> : <span className="font-normal text-slate-500">(optional)</span>}
          </label>
          <input
            id={id("notificationContact")}
            name="notificationContact"
            type="email"
            defaultValue={initial.notificationContact ?? ""}
            autoComplete="off"
            placeholder="security@customer.example"
            className={field}
            aria-invalid={!!errors.notificationContact}
            aria-describedby={described("notificationContact")}
          />
          {err("notificationContact")}
        </div>
      </div>
      <div className="mt-5 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
          {pending ? "Saving…" : props.mode === "create" ? "Create account" : "Save changes"}
        </button>
        {props.mode === "edit" ? <span className="text-xs text-slate-500">Version {editVersion}</span> : null}
      </div>
      <div aria-live="polite" className="mt-3 text-sm">
        {failed && failed.code !== "VALIDATION" ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-800">
            <p>{failed.error}</p>
            {isStale && props.mode === "edit" ? (
              <p className="mt-1">
                <Link href={`/admin/accounts/${props.id}`} target="_blank" className="font-medium underline">Open the current version in a new tab</Link>
              </p>
            ) : null}
          </div>
        ) : null}
        {result?.ok && props.mode === "edit" ? <p role="status" className="text-emerald-700">Saved.</p> : null}
      </div>
    </form>
  );
}
