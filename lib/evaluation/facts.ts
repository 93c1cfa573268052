// Builds the eligibility module's RequestFacts from a stored account and a request's scope.
// Pure (no Prisma, no clock): the API's what-if and the intake of cases share it, so both
// evaluate the same facts for the same account and scope.
import type { RequestFacts, ResourceRef } from "@/lib/workflow";

export type LogSource = RequestFacts["logSources"][number];

/** An account as stored: its plan and what it owns (users may carry an email, which the rules ignore). */
export interface AccountForFacts {
  plan: RequestFacts["account"]["plan"];
  deployment: RequestFacts["account"]["deployment"];
  paying: boolean;
  supportPlan: RequestFacts["account"]["supportPlan"];
  resources: { kind: ResourceRef["kind"]; path: string; email?: string | null }[];
}

/** What a request asks for: the template's scope fields, already parsed. */
export interface RequestScope {
  resources: ResourceRef[];
  eventTypes: string[];
  logSources: LogSource[];
  window: { from: Date; to: Date };
  personalData: boolean;
}

const resourceKey = (r: ResourceRef) => `${r.kind}:${r.path.toLowerCase()}`;

/** Keeps the first of each item whose key repeats, in order. */
function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The facts `evaluateRequest` needs for `account` asked about `scope` at `requestedAt`.
 * Paths and event types are trimmed, and a resource, event type or log source listed twice
 * counts once (paths compare case-insensitively, as in the ownership rule), so a repeated line
 * in a form cannot push a request over a policy limit or to SIRT. Nothing else is judged here:
 * an empty list or a reversed window is left for the checks to explain.
 */
export function factsFromAccount(account: AccountForFacts, scope: RequestScope, requestedAt: Date): RequestFacts {
  const ref = (r: { kind: ResourceRef["kind"]; path: string }): ResourceRef => ({ kind: r.kind, path: r.path.trim() });
  return {
    requestedAt: new Date(requestedAt.getTime()),
    account: {
      plan: account.plan,
      deployment: account.deployment,
      paying: account.paying,
      supportPlan: account.supportPlan,
      owned: uniqueBy(account.resources.map(ref), resourceKey),
    },
    resources: uniqueBy(scope.resources.map(ref), resourceKey),
    eventTypes: uniqueBy(scope.eventTypes.map((e) => e.trim()), (e) => e),
    logSources: uniqueBy(scope.logSources, (s) => s),
    window: { from: new Date(scope.window.from.getTime()), to: new Date(scope.window.to.getTime()) },
    personalData: scope.personalData,
  };
}
