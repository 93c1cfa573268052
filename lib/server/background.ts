import type { PrismaClient } from "@/generated/prisma/client";
import type { Env } from "@/lib/env";
import { enqueueJob, pruneDoneJobs, startWorker, type JobHandler, type Worker } from "@/lib/jobs";
import { logger } from "@/lib/logger";
import { REDACT_JOB, runRedactionJob } from "@/lib/artefacts/job";
import { blobStore, lineLimits } from "@/lib/artefacts/store";
import { DELIVER_JOB, deliverOutboxMessage, smtpMailer } from "@/lib/outbox";
import { earlierScanRunning, REMINDERS_SCAN_JOB, scanReminders } from "@/lib/updates/reminders";
import { createGapTrackerClient } from "@/lib/gap-tracker/client";
import { runGapFilingJob } from "@/lib/gaps/file-job";
import { GAP_FILE_JOB } from "@/lib/gaps/job-kind";
import { checkpointSigningKey, writeCheckpoint } from "@/lib/audit/checkpoint";
import { deleteDueFiles, RETENTION_JOB } from "@/lib/retention/delete-due-files";
import { maintainEmbeddedDatabase } from "@/lib/db/maintenance";

/** The quick job kinds this server runs, and their handlers (redaction has its own worker). */
export function jobHandlers(prisma: PrismaClient, e: Pick<Env, "SMTP_URL" | "MAIL_FROM"> & Partial<Pick<Env, "gapTracker">>): Record<string, JobHandler> {
  const mailer = e.SMTP_URL ? smtpMailer(e.SMTP_URL) : null;
  const tracker = e.gapTracker ? createGapTrackerClient(e.gapTracker) : null;
  return {
    // Step 10: the Audit Events gap issue, one per case (lib/gaps/file-job.ts).
    [GAP_FILE_JOB]: (job) => runGapFilingJob(prisma, job, tracker),
    [DELIVER_JOB]: (job) => deliverOutboxMessage(prisma, job, mailer, e.MAIL_FROM),
    // Retention: raw and superseded redacted files of cases closed for the period (lib/retention).
    [RETENTION_JOB]: async () => {
      const run = await deleteDueFiles(prisma, blobStore());
      if (run.deleted || run.removedBlobs) logger.info("retention: files deleted", { ...run });
      // Work left after the run's time slice: again in a few seconds, once the other jobs had their turn.
      if (run.more) return { runAgainAt: new Date(Date.now() + 5_000) };
    },
    [REMINDERS_SCAN_JOB]: async (job) => {
      // One scan at a time across the instances: an earlier one still running covers this minute.
      if (await earlierScanRunning(prisma, job.id)) return;
      const written = await scanReminders(prisma);
      if (written.dueSoon || written.overdue) logger.info("reminders written", written);
    },
  };
}

/**
 * Redaction reads and writes whole files: its own worker, so mail and reminders never wait behind
 * it. Each job reads the host lists of the settings in force (Admin -> Settings) when it starts.
 */
export function redactionHandlers(prisma: PrismaClient): Record<string, JobHandler> {
  return {
    [REDACT_JOB]: (job) => runRedactionJob(prisma, job, { store: blobStore(), limits: lineLimits() }),
  };
}

const SCAN_EVERY_MS = 60_000;
/**
 * The embedded database's VACUUM / ANALYZE round (lib/db/maintenance.ts): soon after start, then
 * each minute. A round with nothing to do is one read of the catalog. Each minute because a table
 * analyzed is a table whose prepared statements PostgreSQL plans again: a generic plan made while
 * the outbox was empty (a sequential scan) is replaced within a minute of the outbox growing, as
 * PostgreSQL's autovacuum (a check each minute by default) does on the server.
 */
const EMBEDDED_UPKEEP_FIRST_MS = 5_000;
const EMBEDDED_UPKEEP_EVERY_MS = 60_000;

/**
 * Asks for one reminder scan per minute. The dedupe key names the minute, so
 * several instances sharing the database enqueue (and run) it once.
 */
export async function enqueueReminderScan(prisma: PrismaClient, at = new Date()) {
  const minute = at.toISOString().slice(0, 16);
  return enqueueJob(prisma, REMINDERS_SCAN_JOB, {}, { dedupeKey: `${REMINDERS_SCAN_JOB}:${minute}`, maxAttempts: 1 });
}

/** Asks for one retention run per hour (the dedupe key names the hour: one run across instances). */
export async function enqueueRetentionRun(prisma: PrismaClient, at = new Date()) {
  const hour = at.toISOString().slice(0, 13);
  return enqueueJob(prisma, RETENTION_JOB, {}, { dedupeKey: `${RETENTION_JOB}:${hour}`, maxAttempts: 3 });
}

export function startBackgroundWork(prisma: PrismaClient, e: Env): Worker {
  const onError = (err: unknown) => logger.error("background work", { err });
  let ticks = 0;
  const schedule = () => {
    void enqueueReminderScan(prisma).catch(onError);
    // Once an hour, forget finished jobs older than a week (a scan a minute adds 1,440 rows a day).
    if (ticks++ % 60 === 0) {
      void pruneDoneJobs(prisma).catch(onError);
      // Temporary files of uploads cut off by a crash.
      void blobStore().sweepTemp().catch(onError);
      void enqueueRetentionRun(prisma).catch(onError);
    }
  };
  schedule();
  const timer = setInterval(schedule, SCAN_EVERY_MS);
  // A signed checkpoint of the activity chain's head at start and every AUDIT_CHECKPOINT_MINUTES,
  // written only when the head moved (several instances write one: the count is unique).
  const checkpoint = () =>
    void checkpointSigningKey({ configured: e.AUDIT_CHECKPOINT_KEY, dataDir: e.dataDir })
      .then((key) => writeCheckpoint(prisma, key))
      .then(({ written, checkpoint: c }) => {
        if (written && c) logger.info("activity checkpoint written", { count: c.count.toString(), headHash: c.headHash });
      })
      .catch(onError);
  checkpoint();
  const checkpointTimer = setInterval(checkpoint, e.AUDIT_CHECKPOINT_MINUTES * 60_000);
  // PGlite has no autovacuum: this process is its only one (one instance owns the embedded folder).
  let upkeepRun: Promise<void> | null = null;
  const upkeep = () => {
    upkeepRun ??= maintainEmbeddedDatabase(prisma)
      .then((done) => {
        if (done.length) logger.info("embedded database maintained", { tables: done.map((d) => `${d.table}: ${d.did} ${d.ms} ms`) });
      })
      .catch(onError)
      .finally(() => (upkeepRun = null));
  };
  const upkeepTimers = e.embedded ? [setTimeout(upkeep, EMBEDDED_UPKEEP_FIRST_MS), setInterval(upkeep, EMBEDDED_UPKEEP_EVERY_MS)] : [];
  const leaseMs = e.JOB_LEASE_SECONDS * 1000;
  const worker = startWorker(prisma, jobHandlers(prisma, e), { onError, leaseMs });
  const redactor = startWorker(prisma, redactionHandlers(prisma), { onError, idleMs: 500, leaseMs });
  return {
    async stop() {
      clearInterval(timer);
      clearInterval(checkpointTimer);
      for (const t of upkeepTimers) clearTimeout(t);
      await Promise.all([worker.stop(), redactor.stop(), upkeepRun]);
    },
  };
}
