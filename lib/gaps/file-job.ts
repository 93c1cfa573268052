import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { recordActivity, SYSTEM } from "@/lib/audit";
import { lockCase } from "@/lib/cases/access";
import type { GapTrackerClient } from "@/lib/gap-tracker/client";
import { fileGapIssue, filingStateAfter } from "@/lib/gap-tracker/file-gap-issue";
import type { ClaimedJob, RunAgain } from "@/lib/jobs";

const ZPayload = z.object({ caseId: z.string().uuid() });

/**
 * The `gap.file` job: files one case's gap issue (search by reference first, then create), then
 * writes what happened to the gap record. A retry (5xx, timeout, refused connection, a lost answer)
 * runs the same job again after the back-off of lib/gap-tracker (`runAgainAt`); a refusal
 * (401/403/404, garbage) stops with the reason on the record until someone retries. Only a record
 * still waiting ("queued") is filed: a filed one, or one amended to "no gap", is left alone.
 */
export async function runGapFilingJob(prisma: PrismaClient, job: Pick<ClaimedJob, "payload">, client: GapTrackerClient | null, now = () => new Date()): Promise<void | RunAgain> {
  const payload = ZPayload.safeParse(job.payload);
  if (!payload.success) return;
  const { caseId } = payload.data;
  const record = await prisma.gapRecord.findUnique({
    where: { caseId },
    select: { id: true, plan: true, filingState: true, filingAttempts: true, events: { select: { eventType: true }, orderBy: { eventType: "asc" } }, case: { select: { reference: true } } },
  });
  if (!record || record.filingState !== "queued") return;

  if (!client) {
    // The tracker was unset since the job was queued: keep the gap for filing by hand.
    await prisma.gapRecord.updateMany({ where: { id: record.id, filingState: "queued" }, data: { filingState: "kept", nextAttemptAt: null } });
    return;
  }

  const names = record.events.map((e) => e.eventType);
  const catalogue = await prisma.auditEventType.findMany({ where: { name: { in: names } }, select: { name: true, description: true } });
  const outcome = await fileGapIssue(
    {
      caseReference: record.case.reference,
      missingEventTypes: names,
      planTier: record.plan,
      catalogueDescriptions: Object.fromEntries(catalogue.map((e) => [e.name, e.description])),
    },
    client,
  );
  const attempts = record.filingAttempts + 1;
  const at = now();
  const state = filingStateAfter(outcome, attempts, at);

  return prisma.$transaction(async (tx) => {
    await lockCase(tx, caseId);
    // Re-read under the case's lock: an amendment may have landed while the tracker answered.
    const current = await tx.gapRecord.findUnique({ where: { id: record.id }, select: { filingState: true } });
    if (!current || current.filingState !== "queued") return;
    if (state.state === "filed") {
      await tx.gapRecord.update({
        where: { id: record.id },
        data: { filingState: "filed", filingAttempts: attempts, issueIid: state.iid, issueUrl: state.webUrl, filedAt: at, nextAttemptAt: null, filingError: null },
      });
      await recordActivity(tx, {
        actor: SYSTEM,
        action: "gap.filed",
        entityType: "GapRecord",
        entityId: record.id,
        caseId,
        after: { issueIid: state.iid, issueUrl: state.webUrl, attempts, found: outcome.kind === "alreadyFiled" },
      });
      return;
    }
    if (state.state === "stopped") {
      await tx.gapRecord.update({ where: { id: record.id }, data: { filingState: "stopped", filingAttempts: attempts, nextAttemptAt: null, filingError: state.reason.slice(0, 2000) } });
      await recordActivity(tx, { actor: SYSTEM, action: "gap.filingStopped", entityType: "GapRecord", entityId: record.id, caseId, after: { attempts, reason: state.reason } });
      return;
    }
    await tx.gapRecord.update({ where: { id: record.id }, data: { filingAttempts: attempts, nextAttemptAt: state.nextAttemptAt, filingError: state.reason.slice(0, 2000) } });
    return { runAgainAt: state.nextAttemptAt };
  });
}
