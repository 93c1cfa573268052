import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { lockVisibleCase } from "@/lib/cases/access";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueueOrRearmJob } from "@/lib/jobs";
import { GAP_FILE_JOB, gapFileJobKey } from "./job-kind";
import { mayRecordGap, mayRetryFiling } from "./rules";
import type { TRetryGapFiling } from "./schemas";

/**
 * "Retry filing" on a gap whose filing stopped (the tracker refused it, or the attempts ran out),
 * once someone fixed the cause: queued again with a fresh attempt count. The job searches for the
 * case reference before creating, so a retry never makes a second issue.
 */
export async function retryGapFiling(user: SessionUser, input: TRetryGapFiling, opts: { trackerConfigured?: boolean } = {}) {
  const trackerConfigured = opts.trackerConfigured ?? env().gapTracker !== null;
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.caseId, {
      select: { id: true, status: true, team: true, logDiveDone: true, gapRecord: { select: { id: true, filingState: true, issueIid: true, filingError: true } } },
    }, { closed: true });
    // The retry files what was recorded (the case stays as it is): allowed on a closed case too, so
    // a filing stopped after the close (a bad token) still reaches the tracker once it is fixed.
    const who = mayRecordGap(c, user.role, c.gapRecord, { isFilingOnly: true });
    if (!who.ok) throw new AppError(who.code, who.message);
    const rule = mayRetryFiling(c.gapRecord, trackerConfigured);
    if (!rule.ok) throw new AppError(rule.code, rule.message);
    const record = c.gapRecord!;
    await tx.gapRecord.update({ where: { id: record.id }, data: { filingState: "queued", filingAttempts: 0, nextAttemptAt: null, filingError: null } });
    await enqueueOrRearmJob(tx, GAP_FILE_JOB, { caseId: c.id }, { dedupeKey: gapFileJobKey(c.id) });
    await recordActivity(tx, {
      actor: actorOf(user),
      action: "gap.retryFiling",
      entityType: "GapRecord",
      entityId: record.id,
      caseId: c.id,
      before: { filingState: record.filingState, filingError: record.filingError },
      after: { filingState: "queued" },
    });
    return { filingState: "queued" as const };
  });
}
