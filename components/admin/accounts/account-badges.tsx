import { DEPLOYMENT_LABELS, PLAN_LABELS, type TDeployment, type TPlan } from "@/lib/accounts/schemas";

const PLAN_TONE: Record<TPlan, string> = {
  free: "bg-slate-100 text-slate-700",
  trial: "bg-amber-50 text-amber-800",
  premium: "bg-indigo-50 text-indigo-700",
  ultimate: "bg-purple-50 text-purple-700",
};
const DEPLOYMENT_TONE: Record<TDeployment, string> = {
  saas: "bg-sky-50 text-sky-700",
  self_managed: "bg-slate-200 text-slate-700",
};
const badge = "inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium";

export function PlanBadge({ plan }: { plan: TPlan }) {
  return <span className={`${badge} ${PLAN_TONE[plan]}`}>{PLAN_LABELS[plan]}</span>;
}

export function DeploymentBadge({ deployment }: { deployment: TDeployment }) {
  return <span className={`${badge} ${DEPLOYMENT_TONE[deployment]}`}>{DEPLOYMENT_LABELS[deployment]}</span>;
}

/** The flags that change what the portal does for the account, shown only when they apply. */
export function AccountFlags({ paying, supportPlan, incidentNotification }: { paying: boolean; supportPlan: "current" | "deprecated"; incidentNotification: boolean }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      {paying ? null : <span className={`${badge} bg-slate-100 text-slate-600`}>not paying</span>}
      {supportPlan === "deprecated" ? <span className={`${badge} bg-red-50 text-red-700`}>deprecated support</span> : null}
      {incidentNotification ? <span className={`${badge} bg-emerald-50 text-emerald-700`} title="The agreement asks to be told of incidents within 24 hours">24 h notice</span> : null}
    </span>
  );
}
