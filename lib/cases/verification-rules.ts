// Step 5 before step 6: the verification checklist gates the log-dive. Pure rules, no I/O;
// lib/cases/log-dive.ts applies them inside the transactions that start the log-dive or upload.
import type { Role } from "@/lib/auth/permissions";
import type { CaseStatus } from "./lifecycle";
import { VERIFICATION_ITEMS, type VerificationItem } from "./schemas";

/** The checklist as the gate reads it: the ticked items' ids and whether a team lead overrode it. */
export interface ChecklistState {
  ticked: readonly string[];
  overridden: boolean;
}

/** The checklist's items not ticked yet, in the checklist's order. */
export function missingVerificationItems(ticked: readonly string[]): (typeof VERIFICATION_ITEMS)[number][] {
  return VERIFICATION_ITEMS.filter((i) => !ticked.includes(i.id));
}

/** Every item of the step-5 checklist is ticked. */
export function verificationComplete(ticked: readonly string[]): boolean {
  return missingVerificationItems(ticked).length === 0;
}

export type LogDiveGate =
  | { ok: true; via: "checklist" | "override" }
  | { ok: false; missing: VerificationItem[]; message: string };

/**
 * The log-dive (the routed team's first finding, any upload) may start once the checklist is
 * complete, or after a team lead overrode it with a reason. A "no" names what is missing.
 */
export function mayStartLogDive({ ticked, overridden }: ChecklistState): LogDiveGate {
  const missing = missingVerificationItems(ticked);
  if (missing.length === 0) return { ok: true, via: "checklist" };
  if (overridden) return { ok: true, via: "override" };
  const n = missing.length;
  return {
    ok: false,
    missing: missing.map((i) => i.id),
    message:
      `Complete the verification checklist (step 5) first: ${n} of ${VERIFICATION_ITEMS.length} items ${n === 1 ? "is" : "are"} not ticked: ` +
      `${missing.map((i) => i.name).join(", ")}. A team lead may override it with a reason.`,
  };
}

/** The statuses in which the checklist gates work: accepted (before the log-dive) and the work that follows it. */
export const OVERRIDABLE_STATUSES: readonly CaseStatus[] = ["accepted", "in_progress", "artefacts_in_review", "approved", "shared"];

export type OverrideCheck = { ok: true } | { ok: false; code: "FORBIDDEN" | "INVALID_STATE"; message: string };

/**
 * A team lead (a Support or SIRT member Admin flagged) of the team the case is routed to may let
 * the log-dive start on an incomplete checklist, once per case, while the case is being worked.
 */
export function mayOverrideChecklist(input: ChecklistState & { role: Role; teamLead: boolean; caseTeam: string | null; status: CaseStatus }): OverrideCheck {
  const { role, teamLead, caseTeam, status } = input;
  if (!teamLead || (role !== "support" && role !== "sirt")) {
    return { ok: false, code: "FORBIDDEN", message: "Only a team lead may override the verification checklist." };
  }
  if (caseTeam !== role) {
    const team = caseTeam === "sirt" ? "SIRT" : caseTeam === "support" ? "Support" : null;
    return { ok: false, code: "FORBIDDEN", message: team ? `Only a team lead of ${team}, the team this case is routed to, may override its checklist.` : "This case is not routed to a team." };
  }
  if (!OVERRIDABLE_STATUSES.includes(status)) {
    return { ok: false, code: "INVALID_STATE", message: `This case is ${status.replace(/_/g, " ")}: the checklist can be overridden only on a case being worked.` };
  }
  if (input.overridden) return { ok: false, code: "INVALID_STATE", message: "The checklist of this case was already overridden." };
  if (verificationComplete(input.ticked)) return { ok: false, code: "INVALID_STATE", message: "The checklist is complete: there is nothing to override." };
  return { ok: true };
}
