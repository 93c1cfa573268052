import { describe, expect, it } from "vitest";
import { isExceptionPossible, isOnlyTooBroad, needsSubpoenaReferral, statusAfterEvaluation } from "@/lib/cases/decision-rules";
import type { CaseStatus } from "@/lib/cases/lifecycle";
import { CHECK_IDS, type CheckId, type Decision } from "@/lib/workflow";

const decision = (outcome: Decision["outcome"], failing: CheckId[]) => ({
  outcome,
  checks: CHECK_IDS.map((id) => ({ id, result: failing.includes(id) ? ("fail" as const) : ("pass" as const), message: "" })),
});
const r = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: "project" as const, path: `acme/p${i}` }));
const e = (n: number) => Array.from({ length: n }, (_, i) => `event_${i}`);

describe("what a decision allows next", () => {
  it.each<[string, ReturnType<typeof decision>, boolean]>([
    ["plan only", decision("ineligible", ["plan"]), true],
    ["plan and window", decision("ineligible", ["plan", "window"]), false],
    ["deployment only", decision("ineligible", ["deployment"]), false],
    ["plan, also a re-scope check", decision("ineligible", ["plan", "resources"]), false],
    ["eligible", decision("eligible", []), false],
  ])("exception possible: %s -> %s", (_l, d, expected) => expect(isExceptionPossible(d)).toBe(expected));

  it.each<[string, ReturnType<typeof decision>, number, number, boolean]>([
    ["too many resources", decision("rescope", ["resources"]), 21, 3, true],
    ["too many event types", decision("rescope", ["event-types"]), 3, 11, true],
    ["both too many", decision("rescope", ["resources", "event-types"]), 25, 12, true],
    ["no resources at all", decision("rescope", ["resources"]), 0, 3, false],
    ["no event types at all", decision("rescope", ["event-types"]), 3, 0, false],
    ["access logs asked for", decision("rescope", ["log-source"]), 3, 3, false],
    ["too many and access logs", decision("rescope", ["resources", "log-source"]), 30, 3, false],
    ["ineligible", decision("ineligible", ["window", "resources"]), 30, 3, false],
  ])("only too broad: %s -> %s", (_l, d, resources, events, expected) =>
    expect(isOnlyTooBroad(d, { resources: r(resources), eventTypes: e(events) })).toBe(expected),
  );

  it.each<[CheckId[], boolean]>([
    [["ownership"], true],
    [["ownership", "plan"], true],
    [["plan"], false],
    [[], false],
  ])("subpoena referral when failing %j: %s", (failing, expected) => expect(needsSubpoenaReferral(decision("ineligible", failing))).toBe(expected));

  it.each<[CaseStatus, Decision["outcome"], boolean, CaseStatus]>([
    ["draft", "eligible", false, "accepted"],
    ["draft", "rescope", false, "rescope"],
    ["draft", "ineligible", false, "ineligible"],
    ["rescope", "eligible", false, "accepted"],
    ["rescope", "rescope", true, "accepted"], // the customer accepted the cost of a broad scope
    ["rescope", "rescope", false, "rescope"],
    ["legal_review", "eligible", false, "accepted"],
    ["legal_review", "ineligible", false, "ineligible"],
    ["accepted", "eligible", false, "accepted"],
    ["accepted", "rescope", false, "rescope"],
    ["in_progress", "eligible", false, "in_progress"], // a scope change keeps the log-dive going
    ["in_progress", "rescope", true, "in_progress"],
    ["in_progress", "rescope", false, "rescope"],
    ["in_progress", "ineligible", false, "ineligible"],
    ["draft", "ineligible", true, "ineligible"], // a cost acceptance lifts only a re-scope
  ])("status after evaluation: from %s, %s (cost accepted: %s) -> %s", (from, outcome, costAccepted, expected) =>
    expect(statusAfterEvaluation(from, outcome, costAccepted)).toBe(expected),
  );
});
