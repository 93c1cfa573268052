// The artefact lifecycle as one table (STYLE 7): which status may follow which, and who may cause
// it. Pure: no I/O. The services check it inside the transaction that writes the change, after
// locking the case and re-reading the artefact (access.ts); the redaction job is the "system".
import type { Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { ArtefactStatus } from "./rules";

export const ARTEFACT_STATUSES = ["processing", "in_review", "approved", "rejected", "shared", "failed", "withdrawn"] as const satisfies readonly ArtefactStatus[];

/** Who moves an artefact: a staff role, or the redaction job. */
export type ArtefactActor = Role | "system";

type Rule = { from: ArtefactStatus[]; to: ArtefactStatus[]; by: ArtefactActor[]; why: string };

/** The case's team does the log-dive, so only it (Support or SIRT) uploads, redacts and withdraws. */
const TEAM: ArtefactActor[] = ["support", "sirt"];
/** Statuses that are not final: a shared artefact was released, a withdrawn one left the case. */
const LIVE: ArtefactStatus[] = ["processing", "in_review", "approved", "rejected", "failed"];
const REVIEWED: ArtefactStatus[] = ["in_review", "approved", "rejected"];

/** An upload starts an artefact in `processing` (upload-artefact.ts); everything after is here. */
export const ARTEFACT_TRANSITIONS: readonly Rule[] = [
  { from: ["processing"], to: ["in_review", "failed"], by: ["system"], why: "the redaction job finished (it is ready for review) or gave up" },
  { from: REVIEWED, to: REVIEWED, by: ["sirt", "legal"], why: "Security and Legal approve or reject the current redaction (any rejection rejects it; both approvals approve it)" },
  { from: LIVE, to: ["processing"], by: TEAM, why: "the case's team redacts it again (after a rejection, a failure, a stuck run or new settings), voiding its decisions" },
  { from: LIVE, to: ["withdrawn"], by: TEAM, why: "the case's team withdraws it (a rejected extract, a failed redaction, the wrong file)" },
  { from: ["approved", "shared"], to: ["shared"], by: ["support", "csm"], why: "Support or the CSM shares it with the customer (again, to another recipient, once shared)" },
];

export function canArtefactTransition(from: ArtefactStatus, to: ArtefactStatus, by: ArtefactActor): boolean {
  return ARTEFACT_TRANSITIONS.some((t) => t.from.includes(from) && t.to.includes(to) && t.by.includes(by));
}

const LABEL: Record<ArtefactStatus, string> = {
  processing: "being redacted",
  in_review: "in review",
  approved: "approved",
  rejected: "rejected",
  shared: "shared",
  failed: "failed",
  withdrawn: "withdrawn",
};

/**
 * An expected refusal (INVALID_STATE). `refusals` gives the operation's own message for a status it
 * cannot leave ("This artefact was already shared; upload a new extract instead."), or one message
 * for every status; otherwise the table's generic one.
 */
export function assertArtefactTransition(from: ArtefactStatus, to: ArtefactStatus, by: ArtefactActor, refusals: string | Partial<Record<ArtefactStatus, string>> = {}): void {
  if (canArtefactTransition(from, to, by)) return;
  const own = typeof refusals === "string" ? refusals : refusals[from];
  throw new AppError("INVALID_STATE", own ?? `An artefact that is ${LABEL[from]} cannot become ${LABEL[to]} by a ${by} action.`);
}
