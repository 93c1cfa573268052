/**
 * Pure rules of the Audit Events gap record (process step 10): who records it and when, which
 * filing state a new record starts in, and how a filing state reads on the case page. No I/O.
 */

export type GapFilingStateName = "not_needed" | "kept" | "queued" | "filed" | "stopped";
export type Rule = { ok: true } | { ok: false; code: "FORBIDDEN" | "INVALID_STATE"; message: string };

/** The statuses in which the log-dive has started (or is done): the gap can be recorded then. */
export const LOG_DIVE_STATUSES = ["in_progress", "artefacts_in_review", "approved", "shared"] as const;

const TEAM_NAMES: Record<string, string> = { sirt: "SIRT", support: "Support" };

/**
 * Whether `role` may record (or amend) the gap of a case: the team that did the log-dive (the team
 * the case is routed to), on an open case whose log-dive started, until the issue is filed.
 */
export function mayRecordGap(
  c: { team: string | null; status: string; logDiveDone: boolean },
  role: string,
  record: { filingState: GapFilingStateName; issueIid: number | null } | null,
  opts: { isFilingOnly?: boolean } = {},
): Rule {
  if (!c.team || c.team !== role)
    return { ok: false, code: "FORBIDDEN", message: `Only the team that did the log-dive (${TEAM_NAMES[c.team ?? ""] ?? "the routed team"}) records this case's Audit Events gap.` };
  // Filing what was recorded changes nothing of the case: a closed case's gap may still be filed.
  if (c.status === "closed" && !opts.isFilingOnly) return { ok: false, code: "INVALID_STATE", message: "This case is closed; its gap record can no longer change." };
  if (!c.logDiveDone && !(LOG_DIVE_STATUSES as readonly string[]).includes(c.status))
    return { ok: false, code: "INVALID_STATE", message: "Record the gap after the log-dive: it starts with the team's first finding or upload." };
  if (record?.filingState === "filed")
    return { ok: false, code: "INVALID_STATE", message: `The gap is already filed as #${record.issueIid ?? "?"} in the tracker; it can no longer change here.` };
  return { ok: true };
}

/** The state a recorded gap starts in: nothing to file, filed by a job, or kept for filing by hand. */
export function initialFilingState(noGap: boolean, trackerConfigured: boolean): GapFilingStateName {
  if (noGap) return "not_needed";
  return trackerConfigured ? "queued" : "kept";
}

/** Whether a stopped (or kept) filing may be tried again now. */
export function mayRetryFiling(record: { filingState: GapFilingStateName } | null, trackerConfigured: boolean): Rule {
  if (!record) return { ok: false, code: "INVALID_STATE", message: "Record the gap first." };
  if (!trackerConfigured) return { ok: false, code: "INVALID_STATE", message: "No tracker is configured (GAP_TRACKER_URL, GAP_TRACKER_PROJECT, GAP_TRACKER_TOKEN): the gap is kept for filing by hand from the export." };
  if (record.filingState === "stopped" || record.filingState === "kept") return { ok: true };
  const why: Record<GapFilingStateName, string> = {
    not_needed: "There is no gap to file.",
    queued: "The filing is already waiting to run.",
    filed: "The gap is already filed.",
    kept: "",
    stopped: "",
  };
  return { ok: false, code: "INVALID_STATE", message: why[record.filingState] };
}

/** The filing state in words, for the case page and the exports. */
export function filingStateInWords(r: {
  filingState: GapFilingStateName;
  filingAttempts: number;
  nextAttemptAt: Date | null;
  filingError: string | null;
  issueIid: number | null;
}): string {
  switch (r.filingState) {
    case "not_needed":
      return "No gap: nothing to file.";
    case "kept":
      return "Kept in the portal for filing by hand (no tracker is configured); it is in the gap export.";
    case "queued":
      if (r.filingAttempts === 0) return "Waiting to be filed in the tracker.";
      return `Not filed yet: attempt ${r.filingAttempts} failed${r.filingError ? ` (${r.filingError.replace(/\.$/, "")})` : ""}; trying again${r.nextAttemptAt ? ` at ${r.nextAttemptAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : " soon"}.`;
    case "filed":
      return `Filed as issue #${r.issueIid}.`;
    case "stopped":
      return `Filing stopped after ${r.filingAttempts} attempt${r.filingAttempts === 1 ? "" : "s"}: ${r.filingError ?? "the tracker refused it."}`;
  }
}
