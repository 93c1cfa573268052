// Eligibility and routing of a customer's log request (contracts.md, section 1). Pure: no I/O,
// no environment, safe in the browser.
import {
  checkDeployment,
  checkEventTypes,
  checkLogSources,
  checkOwnership,
  checkPlan,
  checkResources,
  checkWindow,
} from "./checks";
import { policyVersionOf, resolvePolicy } from "./policy";
import type { CheckId, CheckResult, Decision, Policy, RequestFacts } from "./types";
import { isValidDate } from "./window";

export type { CheckId, CheckResult, Decision, Policy, RequestFacts, ResourceRef } from "./types";
export {
  CHECK_IDS,
  DEFAULT_POLICY,
  RULES_VERSION,
  WAIVABLE_CHECKS,
  policyVersionOf,
  resolvePolicy,
} from "./policy";
export { findUnowned, isOwned } from "./ownership";
export { formatUtc, windowLowerBound } from "./window";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Checks whose failure makes a request ineligible; the rest only ask for a re-scope. */
const BLOCKING: readonly CheckId[] = ["plan", "deployment", "ownership", "window"];

/** Whether the window starts more than `standardWindowDays` x 24 hours before the request. */
export function isExtended(facts: RequestFacts, policy: Partial<Policy> = {}): boolean {
  const { standardWindowDays } = resolvePolicy(policy);
  const { requestedAt } = facts;
  const { from } = facts.window;
  if (!isValidDate(requestedAt) || !isValidDate(from)) return false;
  return requestedAt.getTime() - from.getTime() > standardWindowDays * DAY_MS;
}

/**
 * Why an eligible request would go to SIRT rather than Support, in plain words; empty when
 * Support can handle it. The Decision itself carries only the route.
 */
export function routingReasons(facts: RequestFacts, policy: Partial<Policy> = {}): string[] {
  const effective = resolvePolicy(policy);
  const reasons: string[] = [];
  if (isExtended(facts, effective)) {
    reasons.push(`the window reaches back more than ${effective.standardWindowDays} days`);
  }
  // Anything but an explicit false is treated as personal data: the safer team decides.
  if (facts.personalData !== false) reasons.push("the answer would disclose personal data");
  if (facts.resources.length > effective.supportMaxResources) {
    reasons.push(`more than ${effective.supportMaxResources} resources are listed`);
  }
  return reasons;
}

/**
 * Runs all seven checks of the process document on a request and decides its outcome and, when
 * eligible, who works on it. Never throws for a business "no": a failing check says why and what
 * to do. Throws a RangeError only for a policy that means nothing (see resolvePolicy).
 */
export function evaluateRequest(facts: RequestFacts, policy?: Partial<Policy>): Decision {
  const effective = resolvePolicy(policy);
  const extended = isExtended(facts, effective);

  const checks: CheckResult[] = [
    checkPlan(facts.account, effective.waived.includes("plan")),
    checkDeployment(facts.account),
    checkOwnership(facts),
    checkWindow(facts, effective, extended),
    checkLogSources(facts),
    checkResources(facts, effective),
    checkEventTypes(facts, effective),
  ];

  const failed = new Set(checks.filter((c) => c.result === "fail").map((c) => c.id));
  const outcome: Decision["outcome"] = BLOCKING.some((id) => failed.has(id))
    ? "ineligible"
    : failed.size > 0
      ? "rescope"
      : "eligible";

  const route: Decision["route"] =
    outcome !== "eligible"
      ? null
      : routingReasons(facts, effective).length === 0
        ? "support"
        : "sirt";

  return { outcome, route, extended, checks, policyVersion: policyVersionOf(effective) };
}
