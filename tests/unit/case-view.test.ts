import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { caseView, type CaseView, type CaseViewInput } from "@/lib/cases/case-view";
import { STATUSES, type CaseStatus } from "@/lib/cases/lifecycle";
import { CHECK_IDS, type CheckId, type Decision } from "@/lib/workflow";

const ME = "user-me";
const OTHER = "user-other";

const decision = (outcome: Decision["outcome"], failing: CheckId[] = []) => ({
  outcome,
  checks: CHECK_IDS.map((id) => ({ id, result: failing.includes(id) ? ("fail" as const) : ("pass" as const), message: "" })),
});
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: "project" as const, path: `acme/p${i}` }));

type Case = CaseViewInput["case"];
const base: Case = { status: "accepted", team: "support", authorId: OTHER, decision: decision("eligible"), facts: { resources: many(1), eventTypes: ["e"] }, hasPendingException: false };

// The states of the case page, each as the case looks in it.
const STATES = {
  "own draft": { ...base, status: "draft", team: null, authorId: ME, decision: null, facts: null },
  submitted: { ...base, status: "submitted", team: null },
  "rescope (too many resources)": { ...base, status: "rescope", team: null, decision: decision("rescope", ["resources"]), facts: { resources: many(25), eventTypes: ["e"] } },
  "rescope (access logs)": { ...base, status: "rescope", team: null, decision: decision("rescope", ["log-source"]) },
  "ineligible (plan only)": { ...base, status: "ineligible", team: null, decision: decision("ineligible", ["plan"]) },
  "ineligible (plan, exception asked)": { ...base, status: "ineligible", team: null, decision: decision("ineligible", ["plan"]), hasPendingException: true },
  "ineligible (window)": { ...base, status: "ineligible", team: null, decision: decision("ineligible", ["window"]) },
  legal_review: { ...base, status: "legal_review", team: null, decision: decision("ineligible", ["plan"]), hasPendingException: true },
  "accepted (Support)": base,
  "accepted (SIRT)": { ...base, team: "sirt" },
  "in_progress (SIRT)": { ...base, status: "in_progress", team: "sirt" },
  "artefacts_in_review (Support)": { ...base, status: "artefacts_in_review" },
  "approved (SIRT)": { ...base, status: "approved", team: "sirt" },
  "shared (Support)": { ...base, status: "shared" },
  "closed (Support)": { ...base, status: "closed" },
  "closed (SIRT, was ineligible)": { ...base, status: "closed", team: "sirt", decision: decision("ineligible", ["plan"]) },
} satisfies Record<string, Case>;
type State = keyof typeof STATES;

type Flag = Exclude<keyof CaseView, "scopeChange">;
const FLAGS = Object.keys(caseView({ user: { id: ME, role: "support" }, case: base, artefactCount: 0 })).filter((k) => k !== "scopeChange") as Flag[];

// What every submitted, open case shows to anyone who sees it.
const SEEN = ["showTimeline", "showIncidentNotice", "showChecklist"] as const;
// Support and CSMs speak for the customer; SIRT works and records the impact.
const SPEAKER = [...SEEN, "canAddEntry", "canRelay", "canRecordIncidentImpact", "canRecordIncidentNotice", "canTickChecklist"] as const;
// On an open case: what each role is offered in every state (the rows add what the state adds).
const OPEN: Record<Role, readonly Flag[]> = {
  support: SPEAKER,
  csm: SPEAKER,
  sirt: [...SEEN, "canAddEntry", "canRecordIncidentImpact"],
  legal: [...SEEN, "canDecideException", "canRecordReferralOutcome"],
  admin: SEEN,
};

// [state, role, the flags that are true (every other one is false), the scope-change link]
const TABLE: [State, Role, readonly Flag[], CaseView["scopeChange"]][] = [
  ["own draft", "support", ["canContinueDraft"], null],
  ["own draft", "csm", ["canContinueDraft"], null],
  ["submitted", "support", OPEN.support, null],
  ["submitted", "legal", OPEN.legal, null],
  ["rescope (too many resources)", "support", [...OPEN.support, "showRescopeGuidance", "canRecordCostNotice"], "resubmit"],
  ["rescope (too many resources)", "csm", [...OPEN.csm, "showRescopeGuidance", "canRecordCostNotice"], "resubmit"],
  ["rescope (too many resources)", "sirt", [...OPEN.sirt, "showRescopeGuidance"], "resubmit"],
  ["rescope (access logs)", "support", [...OPEN.support, "showRescopeGuidance"], "resubmit"],
  ["ineligible (plan only)", "support", [...OPEN.support, "showIneligible", "canRequestException", "canStartNewRequestFrom"], null],
  ["ineligible (plan only)", "csm", [...OPEN.csm, "showIneligible", "canRequestException", "canStartNewRequestFrom"], null],
  ["ineligible (plan only)", "legal", [...OPEN.legal, "showIneligible"], null],
  ["ineligible (plan, exception asked)", "support", [...OPEN.support, "showIneligible", "canStartNewRequestFrom"], null],
  ["ineligible (window)", "csm", [...OPEN.csm, "showIneligible", "canStartNewRequestFrom"], null],
  ["legal_review", "legal", OPEN.legal, null],
  ["legal_review", "support", OPEN.support, null],
  ["accepted (Support)", "support", [...OPEN.support, "showArtefacts", "canUpload"], "change"],
  ["accepted (Support)", "csm", OPEN.csm, "change"],
  ["accepted (SIRT)", "sirt", [...OPEN.sirt, "showArtefacts", "canUpload"], "change"],
  ["accepted (SIRT)", "support", OPEN.support, "change"],
  ["in_progress (SIRT)", "sirt", [...OPEN.sirt, "showArtefacts", "canUpload"], "change"],
  ["in_progress (SIRT)", "csm", OPEN.csm, "change"],
  ["artefacts_in_review (Support)", "support", [...OPEN.support, "showArtefacts", "canUpload"], null],
  ["artefacts_in_review (Support)", "legal", OPEN.legal, null],
  ["approved (SIRT)", "sirt", [...OPEN.sirt, "showArtefacts", "canUpload"], null],
  ["shared (Support)", "csm", OPEN.csm, null],
  // Closed: the history stays readable; no form, link or button anywhere.
  ["closed (Support)", "support", ["isReadOnly", ...SEEN], null],
  ["closed (Support)", "csm", ["isReadOnly", ...SEEN], null],
  ["closed (SIRT, was ineligible)", "sirt", ["isReadOnly", ...SEEN], null],
  ["closed (SIRT, was ineligible)", "legal", ["isReadOnly", ...SEEN], null],
];

describe("the case page's view model", () => {
  it.each(TABLE)("%s, seen by %s", (state, role, expected, scopeChange) => {
    const view = caseView({ user: { id: ME, role }, case: STATES[state], artefactCount: 0 });
    const shown = FLAGS.filter((f) => view[f]);
    expect(shown.sort()).toEqual([...new Set(expected)].sort());
    expect(view.scopeChange).toBe(scopeChange);
  });

  it("covers every case status", () => {
    const covered = new Set(TABLE.map(([s]) => STATES[s].status));
    expect(STATUSES.filter((s) => !covered.has(s))).toEqual([]);
  });

  it("shows someone else's draft nothing to do (only its author continues it)", () => {
    const view = caseView({ user: { id: ME, role: "support" }, case: { ...STATES["own draft"], authorId: OTHER }, artefactCount: 0 });
    expect(FLAGS.filter((f) => view[f])).toEqual([]);
  });

  it.each<[CaseStatus, number, boolean]>([
    ["accepted", 0, false],
    ["artefacts_in_review", 2, true],
    ["closed", 2, true],
    ["draft", 2, false],
  ])("CSM on a Support case that is %s with %i artefacts: the artefacts card shows: %s", (status, n, shows) => {
    const view = caseView({ user: { id: ME, role: "csm" }, case: { ...base, status }, artefactCount: n });
    expect(view.showArtefacts).toBe(shows);
    expect(view.canUpload).toBe(false);
  });

  it("a closed case offers no upload even to its own team with artefacts", () => {
    const view = caseView({ user: { id: ME, role: "support" }, case: { ...base, status: "closed" }, artefactCount: 3 });
    expect(view).toMatchObject({ isReadOnly: true, showArtefacts: true, canUpload: false, canAddEntry: false, canRelay: false, canTickChecklist: false });
  });
});
