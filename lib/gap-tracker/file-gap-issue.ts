import { buildGapIssue } from "./issue";
import type { GapTrackerClient, RetryOutcome, StoppedOutcome, TrackerIssueRef } from "./client";

/**
 * Files one case's Audit Events gap issue: looks for the case reference in the tracker first and
 * creates the issue only when none names it. So a case is never filed twice, even when the answer
 * to a create was lost (the tracker made the issue, the portal never heard): the next attempt finds
 * it. The job that calls this keeps the attempt count and waits `retryDelayMs` between attempts.
 */

export type FileGapIssueOutcome =
  | ({ kind: "filed" } & TrackerIssueRef)
  | ({ kind: "alreadyFiled" } & TrackerIssueRef)
  | RetryOutcome
  | StoppedOutcome
  | { kind: "invalid"; reason: string };

export async function fileGapIssue(input: unknown, client: GapTrackerClient): Promise<FileGapIssueOutcome> {
  const built = buildGapIssue(input);
  if (!built.ok) return { kind: "invalid", reason: built.reason };
  const reference = (input as { caseReference: string }).caseReference;

  const found = await client.findIssueByReference(reference);
  if (found.kind === "found") return { kind: "alreadyFiled", iid: found.iid, webUrl: found.webUrl };
  if (found.kind !== "absent") return found;

  return client.createIssue(built.issue);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Waits after the 1st, 2nd, ... failed attempt; past the list, every 6 hours. */
export const RETRY_SCHEDULE_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR] as const;
export const RETRY_EVERY_MS = 6 * HOUR;
/** Attempts in all (about three days); then the filing stops and asks a person to look. */
export const MAX_ATTEMPTS = 16;

/** How long to wait after `failedAttempts` attempts that asked to retry; null: give up. */
export function retryDelayMs(failedAttempts: number): number | null {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) return null;
  if (failedAttempts >= MAX_ATTEMPTS) return null;
  return RETRY_SCHEDULE_MS[failedAttempts - 1] ?? RETRY_EVERY_MS;
}

export type FilingState =
  | { state: "filed"; iid: number; webUrl: string }
  | { state: "waiting"; nextAttemptAt: Date; reason: string; attempts: number }
  | { state: "stopped"; reason: string; attempts: number };

/**
 * The filing's state after one attempt's outcome (the attempt counted in `attempts`): what the case
 * shows and when the job runs next. Pure.
 */
export function filingStateAfter(outcome: FileGapIssueOutcome, attempts: number, now: Date): FilingState {
  switch (outcome.kind) {
    case "filed":
    case "alreadyFiled":
      return { state: "filed", iid: outcome.iid, webUrl: outcome.webUrl };
    case "stopped":
    case "invalid":
      return { state: "stopped", reason: outcome.reason, attempts };
    case "retry": {
      const wait = retryDelayMs(attempts);
      if (wait === null)
        return { state: "stopped", reason: `Gave up after ${attempts} attempts. Last: ${outcome.reason}`, attempts };
      return { state: "waiting", nextAttemptAt: new Date(now.getTime() + wait), reason: outcome.reason, attempts };
    }
  }
}
