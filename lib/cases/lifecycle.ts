import type { Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { closingTransitions, OPEN_SUBMITTED_STATUSES } from "./closing-rules";

/**
 * The case lifecycle as one table (STYLE 7): which status may follow which,
 * and who may cause it. Services call `assertTransition` inside the
 * transaction that writes the change, after re-reading the case.
 */
export const STATUSES = [
  "draft",
  "submitted",
  "rescope",
  "ineligible",
  "legal_review",
  "accepted",
  "in_progress",
  "artefacts_in_review",
  "approved",
  "shared",
  "closed",
] as const;
export type CaseStatus = (typeof STATUSES)[number];

type Rule = { from: CaseStatus[]; to: CaseStatus[]; roles: Role[]; why: string };

const ENTRY: Role[] = ["support", "csm"];
const WORKERS: Role[] = ["support", "sirt"];

export const TRANSITIONS: Rule[] = [
  { from: ["draft", "rescope"], to: ["accepted", "rescope", "ineligible"], roles: ENTRY, why: "submitting (or resubmitting a narrowed scope) evaluates the request" },
  { from: ["ineligible"], to: ["legal_review"], roles: ENTRY, why: "asking Legal for a plan exception (step 4)" },
  { from: ["legal_review"], to: ["accepted", "rescope", "ineligible"], roles: ["legal"], why: "Legal's decision on the exception re-evaluates the case" },
  { from: ["rescope"], to: ["accepted"], roles: ENTRY, why: "the customer accepted the cost of a broad scope" },
  { from: ["accepted", "in_progress"], to: ["accepted", "rescope", "ineligible"], roles: ["support", "csm", "sirt"], why: "a change of scope re-evaluates the case" },
  { from: ["accepted", "in_progress"], to: ["rescope"], roles: ["sirt"], why: "SIRT triage: needs re-scope" },
  { from: ["accepted"], to: ["in_progress"], roles: WORKERS, why: "the routed team starts the log-dive" },
  { from: ["accepted", "in_progress", "approved", "shared"], to: ["artefacts_in_review"], roles: WORKERS, why: "an artefact was uploaded (or redacted again) for review" },
  { from: ["artefacts_in_review"], to: ["approved", "in_progress"], roles: ["sirt", "legal"], why: "Security and Legal approve (or send back) the artefacts" },
  { from: ["approved"], to: ["artefacts_in_review"], roles: ["sirt", "legal"], why: "an approval was withdrawn: the artefact is back in review" },
  { from: ["artefacts_in_review"], to: ["approved", "in_progress"], roles: WORKERS, why: "the team withdrew an artefact: what is left is approved, or nothing is left" },
  { from: ["approved"], to: ["shared"], roles: ENTRY, why: "Support or the CSM shares the approved artefacts" },
  // Closing: one row per way a case ends, from the closing table (closing-rules.ts), which also
  // holds each resolution's own condition and the gap rule; the close service checks both.
  ...closingTransitions().map((t) => ({ ...t, to: ["closed"] as CaseStatus[] })),
  // Reopening: a recorded act with a reason, back to the status the case closed from (who may: closing-rules.ts mayReopen).
  { from: ["closed"], to: [...OPEN_SUBMITTED_STATUSES], roles: ["support", "csm", "sirt"], why: "reopening a closed case, with a reason" },
];

/** The routed team's queue: the working statuses triage may touch (assign, priority, needs re-scope). */
export const TRIAGE_STATUSES: readonly CaseStatus[] = ["accepted", "in_progress"];

/** A submitted case's scope may change (and be evaluated again) while it is sent back or being worked. */
export const SCOPE_CHANGE_STATUSES: readonly CaseStatus[] = ["rescope", "accepted", "in_progress"];

export function canTransition(from: CaseStatus, to: CaseStatus, role: Role): boolean {
  return TRANSITIONS.some((t) => t.from.includes(from) && t.to.includes(to) && t.roles.includes(role));
}

/** An expected refusal (INVALID_STATE): its message is shown to the person. */
export class TransitionError extends AppError {
  constructor(public readonly from: CaseStatus, public readonly to: CaseStatus, role: Role) {
    super("INVALID_STATE", `A case that is ${label(from)} cannot become ${label(to)} by a ${role} action.`);
  }
}

export function assertTransition(from: CaseStatus, to: CaseStatus, role: Role): void {
  if (!canTransition(from, to, role)) throw new TransitionError(from, to, role);
}

/** assertTransition for a write that may leave the status as it was: staying put (a re-evaluation that changes nothing) is no transition. */
export function assertStatusChange(from: CaseStatus, to: CaseStatus, role: Role): void {
  if (from !== to) assertTransition(from, to, role);
}

export function label(status: CaseStatus): string {
  return status.replace(/_/g, " ");
}
