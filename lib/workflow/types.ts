// Types of the eligibility and routing contract (contracts.md, section 1).

/** A group ("acme"), subgroup ("acme/infra"), project ("acme/infra/api") or user ("jdoe"). */
export type ResourceRef = { kind: "group" | "project" | "user"; path: string };

export interface RequestFacts {
  /** The time of the request. */
  requestedAt: Date;
  account: {
    plan: "free" | "trial" | "premium" | "ultimate";
    deployment: "saas" | "self_managed";
    /** false: sponsored, OSS, education, unpaid. */
    paying: boolean;
    supportPlan: "current" | "deprecated";
    /** What the requesting customer owns. */
    owned: ResourceRef[];
  };
  /** Namespaces, projects and users of interest. */
  resources: ResourceRef[];
  /** Events of interest. */
  eventTypes: string[];
  /** access = HTTP access logs. */
  logSources: ("application" | "component" | "access")[];
  /** The log window asked for. */
  window: { from: Date; to: Date };
  /** The answer would disclose user names, IPs, emails. */
  personalData: boolean;
}

export type CheckId =
  | "plan"
  | "deployment"
  | "ownership"
  | "window"
  | "log-source"
  | "resources"
  | "event-types";

export interface Policy {
  /** 1: no log-dive reaches further back than 1 calendar month. */
  maxWindowMonths: number;
  /** 7: further back takes longer and goes to SIRT. */
  standardWindowDays: number;
  /** 20: more is excessive -> re-scope. */
  maxResources: number;
  /** 10: more is excessive -> re-scope. */
  maxEventTypes: number;
  /** 5: more is complex -> SIRT. */
  supportMaxResources: number;
  /** []: checks lifted by a Legal exception (only "plan" has an effect). */
  waived: CheckId[];
}

export type CheckResult = { id: CheckId; result: "pass" | "fail"; message: string };

export interface Decision {
  outcome: "eligible" | "rescope" | "ineligible";
  /** null unless eligible. */
  route: "support" | "sirt" | null;
  /** The window starts more than standardWindowDays before requestedAt. */
  extended: boolean;
  /** All seven, every time, in the order of CHECK_IDS. */
  checks: CheckResult[];
  /** Names the rules and the effective policy values. */
  policyVersion: string;
}
