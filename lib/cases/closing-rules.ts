import type { Role } from "@/lib/auth/permissions";
import type { CaseStatus } from "./lifecycle";

/**
 * How a case ends (DESIGN "Closing"), as one table: for each resolution, the statuses it may close
 * from, the roles that may close it that way, and the condition beyond the status. Pure and
 * table-tested (tests/unit/closing-rules.test.ts). The transition table (lifecycle.ts) builds its
 * "to closed" rows from this one, so `assertTransition(from, "closed", role)` and these rules agree;
 * the close service checks both, inside the transaction that writes the close.
 *
 * Only types are imported from lifecycle.ts (which imports this table), so there is no cycle.
 */

export const RESOLUTIONS = ["done", "refused", "referral_handled", "withdrawn", "duplicate"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const RESOLUTION_LABELS: Record<Resolution, string> = {
  done: "Done",
  refused: "Refused",
  referral_handled: "Referral handled",
  withdrawn: "Withdrawn by the customer",
  duplicate: "Duplicate",
};

/** What each resolution means, beside its radio button. */
export const RESOLUTION_HINTS: Record<Resolution, string> = {
  done: "The approved artefacts were shared with the customer; the work is finished.",
  refused: "The request is ineligible and no plan exception is pending: the customer is told why.",
  referral_handled: "Legal recorded what was done about the subpoena referral.",
  withdrawn: "The customer no longer needs the logs.",
  duplicate: "Another case already handles this request; name it below.",
};

/** Every status of a submitted case that is still open. */
export const OPEN_SUBMITTED_STATUSES: readonly CaseStatus[] = [
  "submitted",
  "rescope",
  "ineligible",
  "legal_review",
  "accepted",
  "in_progress",
  "artefacts_in_review",
  "approved",
  "shared",
];

/** What the closing rules need to know about the case and the act. */
export interface ClosingFacts {
  status: CaseStatus;
  role: Role;
  /** A plan exception request is waiting for Legal. */
  hasPendingException: boolean;
  /** The case has a subpoena referral, and every referral of it has its outcome recorded. */
  isReferralHandled: boolean;
  /** A subpoena referral of the case waits for Legal's outcome (Legal's queue lists it). */
  hasOpenReferral?: boolean;
  /** Legal is refusing the case's plan exception in this same act (decide-exception.ts). */
  isRefusingException?: boolean;
  /** The log-dive was done: the case was ever in progress or has any artefact (Case.logDiveDone). */
  logDiveDone: boolean;
  /** The case's Audit Events gap record exists (step 10). */
  hasGapRecord: boolean;
}

interface ClosingRule {
  resolution: Resolution;
  from: readonly CaseStatus[];
  roles: readonly Role[];
  /** The condition beyond status and role: null when it holds, else why not (shown to the person). */
  unless: (f: ClosingFacts) => string | null;
  /** false: not offered by the close form (the act that closes this way is another service). */
  offered: boolean;
  why: string;
}

/**
 * While Legal holds an item of the case (an exception to decide, a referral to record), only Legal's
 * own act closes it: closing it otherwise would leave the item in Legal's queue on a read-only case.
 */
const nothingOpenWithLegal = (f: ClosingFacts) =>
  f.hasPendingException
    ? "A plan exception is waiting for Legal's decision; close the case once Legal has decided."
    : f.hasOpenReferral
      ? "A subpoena referral is open with Legal: Legal records what was done and closes the case (referral handled)."
      : null;

export const CLOSING_RULES: readonly ClosingRule[] = [
  { resolution: "done", from: ["shared"], roles: ["support", "csm", "sirt"], unless: () => null, offered: true, why: "the approved artefacts were shared: the case is done" },
  { resolution: "refused", from: ["ineligible"], roles: ["support", "csm"], unless: nothingOpenWithLegal, offered: true, why: "an ineligible case with no exception pending is refused, with the reason" },
  {
    resolution: "refused",
    from: ["legal_review"],
    roles: ["legal"],
    unless: (f) => (f.isRefusingException ? null : "Legal closes a case as refused only by refusing its plan exception."),
    offered: false,
    why: "Legal refused the plan exception (step 4): the case closes as refused with Legal's rationale",
  },
  {
    resolution: "referral_handled",
    from: ["ineligible"],
    roles: ["legal"],
    unless: (f) => (f.isReferralHandled ? null : "Record the outcome of the case's subpoena referral first."),
    offered: true,
    why: "Legal recorded what was done about the subpoena referral",
  },
  { resolution: "withdrawn", from: OPEN_SUBMITTED_STATUSES, roles: ["support", "csm", "sirt"], unless: nothingOpenWithLegal, offered: true, why: "the customer withdrew the request" },
  { resolution: "duplicate", from: OPEN_SUBMITTED_STATUSES, roles: ["support", "csm", "sirt"], unless: nothingOpenWithLegal, offered: true, why: "another case handles the same request (linked)" },
];

/** The closing rules' facts of a case read with CLOSING_CASE (or its parts). */
export function closingFactsOf(
  c: { status: string; logDiveDone: boolean; gapRecord: object | null; exceptions: { status: string }[]; referrals: { status: string }[] },
  role: Role,
): ClosingFacts {
  return {
    status: c.status as CaseStatus,
    role,
    hasPendingException: c.exceptions.some((e) => e.status === "requested"),
    isReferralHandled: c.referrals.length > 0 && c.referrals.every((r) => r.status !== "open"),
    hasOpenReferral: c.referrals.some((r) => r.status === "open"),
    logDiveDone: c.logDiveDone,
    hasGapRecord: c.gapRecord !== null,
  };
}

export const GAP_ANCHOR = "#gap";
export const GAP_MISSING_MESSAGE =
  "The log-dive was done on this case, so it closes only with its Audit Events gap record (step 10). Record the missing events, or “no gap” and why, in the “Audit Events gap” section first.";

export type ClosingCheck = { ok: true } | { ok: false; reason: string; isGapMissing?: boolean };

function label(status: CaseStatus): string {
  return status.replace(/_/g, " ");
}

/**
 * May the case close with `resolution` now? Status and role first, then the resolution's own
 * condition, then the gap rule (a case with a log-dive closes only with its gap record), so that
 * a refusal names the first thing to do.
 */
export function mayClose(resolution: Resolution, f: ClosingFacts): ClosingCheck {
  const rules = CLOSING_RULES.filter((r) => r.resolution === resolution);
  const byStatus = rules.filter((r) => r.from.includes(f.status));
  const forRole = rules.filter((r) => r.roles.includes(f.role));
  const byRole = byStatus.filter((r) => r.roles.includes(f.role));
  if (byRole.length === 0) {
    // The role closes this way from other statuses (or the status allows it to other roles): say which is wrong.
    return byStatus.length === 0 || forRole.length > 0
      ? { ok: false, reason: `A case that is ${label(f.status)} cannot be closed as “${RESOLUTION_LABELS[resolution].toLowerCase()}”.` }
      : { ok: false, reason: `Your role cannot close this case as “${RESOLUTION_LABELS[resolution].toLowerCase()}”.` };
  }
  const reasons = byRole.map((r) => r.unless(f));
  if (!reasons.includes(null)) return { ok: false, reason: reasons[0]! };
  if (f.logDiveDone && !f.hasGapRecord) return { ok: false, reason: GAP_MISSING_MESSAGE, isGapMissing: true };
  return { ok: true };
}

/**
 * The resolutions the close form offers now, gap rule aside (the form says instead that the gap
 * record comes first): those whose status, role and condition hold, by an offered rule.
 */
export function closableResolutions(f: ClosingFacts): Resolution[] {
  const withoutGap = { ...f, logDiveDone: false };
  return RESOLUTIONS.filter((res) => CLOSING_RULES.some((r) => r.resolution === res && r.offered && r.from.includes(f.status) && r.roles.includes(f.role)) && mayClose(res, withoutGap).ok);
}

/** The statuses some rule closes from, per role, for the transition table's "to closed" rows. */
export function closingTransitions(): { from: CaseStatus[]; roles: Role[]; why: string }[] {
  return CLOSING_RULES.map((r) => ({ from: [...r.from], roles: [...r.roles], why: `closing as ${r.resolution}: ${r.why}` }));
}

/** Who reopens a closed case (DESIGN: a recorded act with a reason). */
export interface ReopenFacts {
  role: Role;
  userId: string;
  status: CaseStatus;
  /** The team the case was routed to; null when it never was. */
  team: "support" | "sirt" | null;
  authorId: string;
  /** The user is a CSM of the case's account. */
  isAccountCsm: boolean;
}

/**
 * The team the case was routed to reopens it; a case never routed (refused, referred, withdrawn
 * before routing) is reopened by its author or the account's CSM.
 */
export function mayReopen(f: ReopenFacts): ClosingCheck {
  if (f.status !== "closed") return { ok: false, reason: "This case is open: only a closed case is reopened." };
  if (f.team) {
    return f.role === f.team ? { ok: true } : { ok: false, reason: `Only ${f.team === "sirt" ? "SIRT" : "Support"}, the team the case was routed to, reopens it.` };
  }
  if (f.userId === f.authorId || (f.role === "csm" && f.isAccountCsm)) return { ok: true };
  return { ok: false, reason: "This case was never routed to a team: its author or the account's CSM reopens it." };
}

/**
 * The status a reopened case returns to: the one it had when it closed. Cases closed before that
 * was kept return to where their routing puts them (the team's work, or ineligible when never routed).
 */
export function reopenedStatus(c: { statusBeforeClose: CaseStatus | null; team: string | null }): CaseStatus {
  return c.statusBeforeClose ?? (c.team ? "in_progress" : "ineligible");
}

/** A duplicate's target, as far as the user may see it (null: no such case they can see). */
export interface DuplicateTarget {
  id: string;
  reference: string | null;
  status: CaseStatus;
  /** The ids along the target's own duplicate chain (target.duplicateOf, its duplicateOf, ...). */
  chain: readonly string[];
}

/** Why `target` cannot be the case `selfId` duplicates; null when it can. */
export function duplicateTargetProblem(selfId: string, reference: string, target: DuplicateTarget | null): string | null {
  if (!target || target.status === "draft") return `No case ${reference} that you can see.`;
  if (target.id === selfId) return "A case cannot be a duplicate of itself: name the other case.";
  if (target.chain.includes(selfId)) return `${reference} is itself closed as a duplicate of this case: link the case that handles the request.`;
  return null;
}
