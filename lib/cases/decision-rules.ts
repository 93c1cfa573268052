import type { Decision, RequestFacts } from "@/lib/workflow";
import type { CaseStatus } from "./lifecycle";

/**
 * What a decision allows next, beyond the decision itself. Pure: shared by
 * the services (which enforce) and the pages (which offer).
 */

/** A failed plan check is the only hard failure: Legal may grant an exception (step 4). */
export function isExceptionPossible(decision: Pick<Decision, "outcome" | "checks">): boolean {
  if (decision.outcome !== "ineligible") return false;
  const failing = decision.checks.filter((c) => c.result === "fail").map((c) => c.id);
  return failing.length > 0 && failing.every((id) => id === "plan");
}

/**
 * The scope is only too broad: re-scope is asked solely because there are
 * more resources or event types than the policy allows (not none, not
 * access logs). The customer may then accept the cost instead of narrowing.
 */
export function isOnlyTooBroad(decision: Pick<Decision, "outcome" | "checks">, facts: Pick<RequestFacts, "resources" | "eventTypes">): boolean {
  if (decision.outcome !== "rescope") return false;
  const failing = decision.checks.filter((c) => c.result === "fail").map((c) => c.id);
  if (failing.length === 0 || failing.some((id) => id !== "resources" && id !== "event-types")) return false;
  return (!failing.includes("resources") || facts.resources.length > 0) && (!failing.includes("event-types") || facts.eventTypes.length > 0);
}

/** Resources not owned: a subpoena referral to Legal. */
export function needsSubpoenaReferral(decision: Pick<Decision, "checks">): boolean {
  return decision.checks.some((c) => c.id === "ownership" && c.result === "fail");
}

/**
 * The status a case takes after an evaluation (docs/decisions/0004): an eligible outcome is
 * "accepted", any other is its own status; a scope only too broad whose cost the customer has
 * accepted proceeds as "accepted"; and a case already being worked stays "in progress" when it
 * is still eligible (a re-evaluation does not stop the log-dive).
 */
export function statusAfterEvaluation(from: CaseStatus, outcome: Decision["outcome"], isCostAccepted: boolean): CaseStatus {
  const status: CaseStatus = outcome === "eligible" || (outcome === "rescope" && isCostAccepted) ? "accepted" : outcome;
  return from === "in_progress" && status === "accepted" ? "in_progress" : status;
}
