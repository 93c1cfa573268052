import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { lockVisibleCase } from "@/lib/cases/access";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueueOrRearmJob } from "@/lib/jobs";
import { GAP_FILE_JOB, gapFileJobKey } from "./job-kind";
import { initialFilingState, mayRecordGap, type GapFilingStateName } from "./rules";
import { cataloguedEventTypes } from "./queries";
import type { TRecordGap } from "./schemas";
import { now as clockNow } from "@/lib/clock";

export type RecordGapResult = { filingState: GapFilingStateName; amended: boolean };

/**
 * Records (or amends, until it is filed) a case's Audit Events gap (step 10), in one transaction:
 * the record, one row per missing event type (for the analytics), an internal timeline note, the
 * filing job when a tracker is configured (one per case: its dedupe key), and the activity log.
 */
export async function recordGap(user: SessionUser, input: TRecordGap, opts: { trackerConfigured?: boolean } = {}): Promise<RecordGapResult> {
  const trackerConfigured = opts.trackerConfigured ?? env().gapTracker !== null;
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.caseId, {
      select: {
        id: true,
        status: true,
        team: true,
        logDiveDone: true,
        account: { select: { plan: true } },
        gapRecord: { select: { id: true, noGap: true, filingState: true, issueIid: true, events: { select: { eventType: true } } } },
      },
    });
    const before = c.gapRecord;
    const rule = mayRecordGap(c, user.role, before);
    if (!rule.ok) throw new AppError(rule.code, rule.message);

    const names = input.noGap ? [] : input.eventTypes;
    const known = new Set(await cataloguedEventTypes(names, tx));
    const filingState = initialFilingState(input.noGap, trackerConfigured);
    const now = clockNow();
    const fields = {
      noGap: input.noGap,
      noGapReason: input.noGap ? input.noGapReason : null,
      neededFor: input.noGap ? "" : input.neededFor,
      plan: c.account.plan,
      team: c.team,
      recordedById: user.id,
      filingState,
      filingAttempts: 0,
      nextAttemptAt: null,
      filingError: null,
    };
    const record = await tx.gapRecord.upsert({
      where: { caseId: c.id },
      create: { caseId: c.id, recordedAt: now, ...fields },
      update: fields,
      select: { id: true, recordedAt: true },
    });
    await tx.gapMissingEvent.deleteMany({ where: { gapRecordId: record.id } });
    if (names.length) {
      await tx.gapMissingEvent.createMany({
        data: names.map((eventType) => ({ gapRecordId: record.id, caseId: c.id, eventType, catalogued: known.has(eventType), plan: c.account.plan, team: c.team, recordedAt: record.recordedAt })),
      });
    }

    const amended = before !== null;
    const body = input.noGap
      ? `${amended ? "Audit Events gap amended" : "Audit Events gap recorded"}: **no gap**. ${input.noGapReason}`
      : `${amended ? "Audit Events gap amended" : "Audit Events gap recorded"}: ${names.map((n) => `\`${n}\``).join(", ")}.\n\nNeeded for: ${input.neededFor}`;
    const entry = await tx.timelineEntry.create({ data: { caseId: c.id, authorId: user.id, kind: "note", visibility: "internal", body }, select: { id: true } });

    if (filingState === "queued") await enqueueOrRearmJob(tx, GAP_FILE_JOB, { caseId: c.id }, { dedupeKey: gapFileJobKey(c.id) });

    // Last in the transaction (lib/audit/index.ts). The free text stays out of the log: it is case content.
    await recordActivity(tx, {
      actor: actorOf(user),
      action: amended ? "gap.amend" : "gap.record",
      entityType: "GapRecord",
      entityId: record.id,
      caseId: c.id,
      before: before ? { noGap: before.noGap, eventTypes: before.events.map((e) => e.eventType), filingState: before.filingState } : undefined,
      after: { noGap: input.noGap, eventTypes: names, filingState },
      meta: { entryId: entry.id },
    });
    return { filingState, amended };
  });
}
