// One function per check. Each returns pass or fail with a message for Support staff that says,
// on a failure, what to do next.
import { findUnowned } from "./ownership";
import type { CheckResult, Policy, RequestFacts, ResourceRef } from "./types";
import { formatUtc, isValidDate, windowLowerBound } from "./window";

const pass = (id: CheckResult["id"], message: string): CheckResult => ({ id, result: "pass", message });
const fail = (id: CheckResult["id"], message: string): CheckResult => ({ id, result: "fail", message });

const PLAN_NAMES: Record<string, string> = {
  free: "Free",
  trial: "Trial",
  premium: "Premium",
  ultimate: "Ultimate",
};

const planName = (plan: unknown) => PLAN_NAMES[String(plan)] ?? `"${String(plan)}"`;

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

const months = (count: number) => plural(count, "calendar month");

/** Premium or Ultimate, paying, on a current support plan; a Legal exception can lift it. */
export function checkPlan(account: RequestFacts["account"], isWaived: boolean): CheckResult {
  const reasons: string[] = [];
  if (account.plan !== "premium" && account.plan !== "ultimate") {
    reasons.push(`it is on the ${planName(account.plan)} plan, not Premium or Ultimate`);
  }
  if (account.paying !== true) {
    reasons.push("it is not paying (sponsored, open source, education or unpaid)");
  }
  if (account.supportPlan !== "current") {
    reasons.push("it is on a deprecated support plan");
  }
  if (reasons.length === 0) {
    return pass(
      "plan",
      `The account is a paying ${planName(account.plan)} customer on a current support plan.`,
    );
  }
  const why = reasons.join("; ");
  if (isWaived) {
    return pass(
      "plan",
      `Waived by a Legal exception: the account would not qualify otherwise (${why}).`,
    );
  }
  return fail(
    "plan",
    `The account does not qualify for log-dives: ${why}. Only paying Premium or Ultimate ` +
      "customers on a current support plan are served. Decline the request, or ask Legal " +
      "for an exception if there is a reason to help anyway.",
  );
}

/** Only Denomas.com (SaaS) accounts; Denomas cannot produce logs for self-managed instances. */
export function checkDeployment(account: RequestFacts["account"]): CheckResult {
  if (account.deployment === "saas") {
    return pass("deployment", "The account is on Denomas.com (SaaS).");
  }
  return fail(
    "deployment",
    "The account is self-managed, and Denomas cannot produce logs for self-managed instances. " +
      "Decline the request and point the customer to the logs of their own instance.",
  );
}

const describeResource = (ref: ResourceRef) => `${String(ref.kind)} "${String(ref.path)}"`;

/** Every resource of interest must belong to the customer; anything else needs a subpoena. */
export function checkOwnership(facts: RequestFacts): CheckResult {
  const { resources } = facts;
  const unowned = findUnowned(resources, facts.account.owned);
  if (unowned.length === 0) {
    return pass(
      "ownership",
      resources.length === 0
        ? "No resources are listed, so none is outside the customer's account."
        : `The customer owns all ${plural(resources.length, "resource")} of interest.`,
    );
  }
  return fail(
    "ownership",
    `The customer does not own ${plural(unowned.length, "resource")} of interest: ` +
      `${unowned.map(describeResource).join(", ")}. Denomas gives no information about ` +
      "accounts the customer does not own: a legal subpoena is required. Refer the customer " +
      "to Denomas Legal, or ask them to remove these resources from the request.",
  );
}

/**
 * from <= to <= requestedAt, and from no earlier than `maxWindowMonths` calendar months before
 * the request. The pass message also says when the window is extended (slower, SIRT).
 */
export function checkWindow(facts: RequestFacts, policy: Policy, isExtended: boolean): CheckResult {
  const { requestedAt } = facts;
  const { from, to } = facts.window;
  if (!isValidDate(requestedAt) || !isValidDate(from) || !isValidDate(to)) {
    const invalid = [
      !isValidDate(from) && "the start of the window",
      !isValidDate(to) && "the end of the window",
      !isValidDate(requestedAt) && "the time of the request",
    ].filter(Boolean);
    return fail(
      "window",
      `${capitalize(invalid.join(" and "))} ${invalid.length === 1 ? "is" : "are"} not a ` +
        "valid date. Ask the customer for the exact start and end of the log window.",
    );
  }
  const earliest = windowLowerBound(requestedAt, policy.maxWindowMonths);
  const problems: string[] = [];
  if (from.getTime() > to.getTime()) {
    problems.push(`The window starts (${formatUtc(from)}) after it ends (${formatUtc(to)}).`);
  }
  if (to.getTime() > requestedAt.getTime()) {
    problems.push(
      `The window ends (${formatUtc(to)}) after the time of the request ` +
        `(${formatUtc(requestedAt)}); logs cannot cover the future.`,
    );
  }
  if (from.getTime() < earliest.getTime()) {
    problems.push(
      `The window starts (${formatUtc(from)}) more than ${months(policy.maxWindowMonths)} ` +
        "before the request, and log-dives cannot reach back further: the earliest allowed " +
        `start is ${formatUtc(earliest)}.`,
    );
  }
  if (problems.length > 0) {
    return fail(
      "window",
      `${problems.join(" ")} Ask the customer for a window from no earlier than ` +
        `${formatUtc(earliest)} to no later than ${formatUtc(requestedAt)}.`,
    );
  }
  const span = `The window ${formatUtc(from)} to ${formatUtc(to)} is within ${months(policy.maxWindowMonths)} of the request.`;
  return pass(
    "window",
    isExtended
      ? `${span} It reaches back more than ${plural(policy.standardWindowDays, "day")}, so the ` +
          "log-dive takes longer and is for the Security Incident Response Team to handle."
      : span,
  );
}

const SEARCHABLE_SOURCES = ["application", "component"];

/** Application and component logs only: access logs are too large to search. */
export function checkLogSources(facts: RequestFacts): CheckResult {
  const sources: unknown[] = facts.logSources;
  if (sources.length === 0) {
    return fail(
      "log-source",
      "No log source is given. Ask the customer which logs they need: application or component logs.",
    );
  }
  const problems: string[] = [];
  if (sources.includes("access")) {
    problems.push(
      "Access logs (HTTP requests) cannot be searched because of their volume.",
    );
  }
  const unknown = sources.filter((s) => s !== "access" && !SEARCHABLE_SOURCES.includes(s as string));
  if (unknown.length > 0) {
    problems.push(`Unknown log source: ${unknown.map((s) => `"${String(s)}"`).join(", ")}.`);
  }
  if (problems.length > 0) {
    return fail(
      "log-source",
      `${problems.join(" ")} Ask the customer to re-scope the request to application or component logs instead.`,
    );
  }
  const listed = [...new Set(sources as string[])].join(" and ");
  return pass("log-source", `Searchable log sources: ${listed}.`);
}

/**
 * A list of the request that must name at least one item and at most `max` (resources, event
 * types): the failure that applies, or null when its length is within the policy.
 */
function listLengthFailure(
  id: CheckResult["id"],
  count: number,
  max: number,
  words: { none: string; isListed: string; areListed: string; narrowTo: string },
): CheckResult | null {
  if (count === 0) return fail(id, words.none);
  if (count > max) {
    return fail(
      id,
      `${plural(count, words.isListed, words.areListed)} listed; the maximum is ` +
        `${max}. Ask the customer to re-scope the request to the ${words.narrowTo} that ` +
        "matter most.",
    );
  }
  return null;
}

/** At least one resource and at most `maxResources`; more than `supportMaxResources` goes to SIRT. */
export function checkResources(facts: RequestFacts, policy: Policy): CheckResult {
  const count = facts.resources.length;
  const failure = listLengthFailure("resources", count, policy.maxResources, {
    none:
      "No resources of interest are listed. Ask the customer for the specific groups, projects " +
      `or users involved (at most ${policy.maxResources}).`,
    isListed: "resource is",
    areListed: "resources are",
    narrowTo: "resources",
  });
  if (failure) return failure;
  const listed = `${plural(count, "resource is", "resources are")} listed (maximum ${policy.maxResources}).`;
  return pass(
    "resources",
    count > policy.supportMaxResources
      ? `${listed} More than ${policy.supportMaxResources} makes the request complex, so it is ` +
          "for the Security Incident Response Team to handle."
      : listed,
  );
}

/** At least one event type and at most `maxEventTypes`. */
export function checkEventTypes(facts: RequestFacts, policy: Policy): CheckResult {
  const count = facts.eventTypes.length;
  const failure = listLengthFailure("event-types", count, policy.maxEventTypes, {
    none:
      "No events of interest are listed. Ask the customer which specific events they need " +
      `(at most ${policy.maxEventTypes}).`,
    isListed: "event type is",
    areListed: "event types are",
    narrowTo: "events",
  });
  if (failure) return failure;
  return pass(
    "event-types",
    `${plural(count, "event type is", "event types are")} listed (maximum ${policy.maxEventTypes}).`,
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
