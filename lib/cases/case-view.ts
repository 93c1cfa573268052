import { canUpload, UPLOADABLE_CASE_STATUSES, type Team } from "@/lib/artefacts/rules";
import { can, type Role } from "@/lib/auth/permissions";
import type { Decision, RequestFacts } from "@/lib/workflow";
import { isExceptionPossible, isOnlyTooBroad } from "./decision-rules";
import { SCOPE_CHANGE_STATUSES, type CaseStatus } from "./lifecycle";

/**
 * The case page's view model: what the person looking at a case may see and do on it, by role
 * and state, in one place instead of status checks spread over the page. Pure, table-tested
 * (tests/unit/case-view.test.ts). The services enforce the same rules; this only decides what
 * the page offers. A closed case offers nothing: its history is read-only.
 */

export interface CaseViewInput {
  user: { id: string; role: Role };
  case: {
    status: CaseStatus;
    team: Team | null;
    authorId: string;
    /** The latest decision, or null before the first evaluation. */
    decision: Pick<Decision, "outcome" | "checks"> | null;
    /** The facts the latest decision was made on (what the scope asked for). */
    facts: Pick<RequestFacts, "resources" | "eventTypes"> | null;
    /** An exception request is waiting for Legal. */
    hasPendingException: boolean;
  };
  /** How many artefacts the case has (as far as the user may see them). */
  artefactCount: number;
}

export interface CaseView {
  /** Closed: history only, no form anywhere on the page. */
  isReadOnly: boolean;
  /** The author continues (and submits) their own draft. */
  canContinueDraft: boolean;
  /** The header link to change the scope: "resubmit" on a case sent back, "change" while it is worked. */
  scopeChange: "resubmit" | "change" | null;
  showTimeline: boolean;
  canAddEntry: boolean;
  canRelay: boolean;
  /** "Back to the author: narrow the request". */
  showRescopeGuidance: boolean;
  /** The scope is only too broad: record a cost notice (and the customer's acceptance) instead. */
  canRecordCostNotice: boolean;
  /** "Ineligible" with its reasons (open until closed as refused). */
  showIneligible: boolean;
  /** Step 4: only the plan check failed and nobody asked Legal yet. */
  canRequestException: boolean;
  canDecideException: boolean;
  canRecordReferralOutcome: boolean;
  showArtefacts: boolean;
  canUpload: boolean;
  showIncidentNotice: boolean;
  canRecordIncidentImpact: boolean;
  canRecordIncidentNotice: boolean;
  showChecklist: boolean;
  canTickChecklist: boolean;
  /** A refused (ineligible) case: Support or the CSM may start a new request from it, prefilled. */
  canStartNewRequestFrom: boolean;
}

export function caseView({ user, case: c, artefactCount }: CaseViewInput): CaseView {
  const { role } = user;
  const isDraft = c.status === "draft";
  const isReadOnly = c.status === "closed";
  /** Submitted and not closed: the case may still change. */
  const isOpen = !isDraft && !isReadOnly;
  const mayUpload = canUpload(role, c.team) && (UPLOADABLE_CASE_STATUSES as readonly string[]).includes(c.status);
  const isIneligible = c.status === "ineligible" && c.decision !== null;
  return {
    isReadOnly,
    canContinueDraft: isDraft && c.authorId === user.id,
    scopeChange: SCOPE_CHANGE_STATUSES.includes(c.status) && can(role, "case.changeScope") ? (c.status === "rescope" ? "resubmit" : "change") : null,
    showTimeline: !isDraft,
    canAddEntry: isOpen && can(role, "entry.create"),
    canRelay: isOpen && can(role, "entry.relay"),
    showRescopeGuidance: c.status === "rescope" && c.decision !== null,
    canRecordCostNotice:
      c.status === "rescope" && c.decision !== null && can(role, "case.costNotice") && isOnlyTooBroad(c.decision, c.facts ?? { resources: [], eventTypes: [] }),
    showIneligible: isIneligible,
    canRequestException: isIneligible && isExceptionPossible(c.decision!) && can(role, "exception.request") && !c.hasPendingException,
    canDecideException: !isReadOnly && can(role, "exception.decide"),
    canRecordReferralOutcome: !isReadOnly && can(role, "referral.handle"),
    showArtefacts: !isDraft && (artefactCount > 0 || mayUpload),
    canUpload: mayUpload,
    showIncidentNotice: !isDraft,
    canRecordIncidentImpact: isOpen && can(role, "case.incident"),
    canRecordIncidentNotice: isOpen && can(role, "case.notifyCustomer"),
    showChecklist: !isDraft,
    canTickChecklist: isOpen && can(role, "case.verify"),
    canStartNewRequestFrom: c.status === "ineligible" && can(role, "case.create"),
  };
}
