import "server-only";
import os from "node:os";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { logger } from "@/lib/logger";
import { retryDelayMs } from "./backoff";
import { isProcessRunning } from "@/lib/process";

/**
 * Background work as rows of the Job table in the same database, so it
 * survives restarts and is written in the same transaction as the change that
 * asks for it. Workers claim jobs with FOR UPDATE SKIP LOCKED, so several
 * server instances on one PostgreSQL share the table safely; a claim expires
 * (lockedUntil) so a crashed worker's job is picked up again.
 */
export interface EnqueueOptions {
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
}

export async function enqueueJob(tx: Tx | PrismaClient, kind: string, payload: Prisma.InputJsonValue = {}, opts: EnqueueOptions = {}) {
  const data = {
    kind,
    payload,
    runAt: opts.runAt ?? new Date(),
    dedupeKey: opts.dedupeKey ?? null,
    maxAttempts: opts.maxAttempts ?? 8,
  };
  if (!opts.dedupeKey) return tx.job.create({ data, select: { id: true } });
  // Same key: keep the one job (a reminder once per due time, one sender per message).
  try {
    return await tx.job.upsert({ where: { dedupeKey: opts.dedupeKey }, create: data, update: {}, select: { id: true } });
  } catch (err) {
    // Another instance inserted the same key between the upsert's look and its insert: theirs is the
    // one job. (Inside a transaction the error has aborted it: the caller's transaction decides.)
    if ((err as { code?: string }).code !== "P2002" || typeof (tx as PrismaClient).$transaction !== "function") throw err;
    return tx.job.findUniqueOrThrow({ where: { dedupeKey: opts.dedupeKey }, select: { id: true } });
  }
}

/**
 * enqueueJob for work that may be asked for again after it ran: the one job of `dedupeKey` is
 * created, or, when it already finished (done or failed), armed again (queued at `runAt`, its
 * attempts reset). A job still queued keeps its row and runs at the earlier of the two times; one
 * running is left alone (its handler reads the state it works on when it runs). Callers serialize
 * on a row lock of what the job is about (e.g. the case), so two of them never create the key at once.
 */
export async function enqueueOrRearmJob(tx: Tx, kind: string, payload: Prisma.InputJsonValue, opts: { dedupeKey: string; runAt?: Date; maxAttempts?: number }) {
  const runAt = opts.runAt ?? new Date();
  const existing = await tx.job.findUnique({ where: { dedupeKey: opts.dedupeKey }, select: { id: true, status: true, runAt: true } });
  if (!existing) return enqueueJob(tx, kind, payload, opts);
  if (existing.status === "running") return { id: existing.id };
  const earlier = existing.status === "queued" && existing.runAt < runAt ? existing.runAt : runAt;
  return tx.job.update({
    where: { id: existing.id },
    data: { kind, payload, status: "queued", runAt: earlier, attempts: 0, lockedBy: null, lockedUntil: null, lastError: null },
    select: { id: true },
  });
}

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

/** A handler that wants its job run again later (its own back-off, e.g. a tracker that is down) returns this. */
export type RunAgain = { runAgainAt: Date };
export type JobHandler = (job: ClaimedJob) => Promise<void | RunAgain>;

/**
 * How long a claim holds a job before another worker may take it (the worker died). The worker
 * renews it while the handler runs (a heartbeat every third of it), so a healthy job longer than the
 * lease is never run twice; a killed worker's job is taken over once its lease runs out. The server
 * passes JOB_LEASE_SECONDS (lib/env.ts).
 */
export const DEFAULT_LEASE_MS = 5 * 60_000;

export const workerId = () => `${os.hostname()}:${process.pid}`;

/**
 * Claims the next due job (or one whose lease expired); null when there is none. A job whose
 * worker died on its last attempt is not taken again: a job that crashes the process cannot loop.
 */
export async function claimJob(prisma: PrismaClient, worker = workerId(), kinds?: string[], leaseMs = DEFAULT_LEASE_MS): Promise<ClaimedJob | null> {
  const leaseUntil = new Date(Date.now() + leaseMs);
  const rows = await prisma.$queryRawUnsafe<ClaimedJob[]>(
    `UPDATE "Job" SET status = 'running', "lockedBy" = $1, "lockedUntil" = $2, attempts = attempts + 1, "updatedAt" = now()
     WHERE id = (
       SELECT id FROM "Job"
       WHERE ((status = 'queued' AND "runAt" <= now()) OR (status = 'running' AND "lockedUntil" < now() AND attempts < "maxAttempts"))
         ${kinds ? `AND kind = ANY($3::text[])` : ""}
       ORDER BY "runAt" ASC
       LIMIT 1
       FOR UPDATE SKIP LOCKED
     )
     RETURNING id, kind, payload, attempts, "maxAttempts"`,
    worker,
    leaseUntil,
    ...(kinds ? [kinds] : []),
  );
  return rows[0] ?? null;
}

/**
 * The end of a run, written only while this worker still holds the job (`lockedBy`): a worker
 * whose lease ran out and was taken over (it stalled past its lease) must not mark done, queue
 * again or fail the run of the worker that holds it now. False when the job was no longer its own.
 */
async function finishHeld(prisma: PrismaClient, id: string, worker: string | undefined, data: Prisma.JobUpdateManyMutationInput): Promise<boolean> {
  const { count } = await prisma.job.updateMany({ where: { id, status: "running", ...(worker ? { lockedBy: worker } : {}) }, data });
  if (!count && worker) logger.warn("job finished after another worker took it over (its lease ran out); left to that worker", { job: id, worker });
  return count > 0;
}

export async function completeJob(prisma: PrismaClient, id: string, worker?: string) {
  return finishHeld(prisma, id, worker, { status: "done", lockedBy: null, lockedUntil: null, lastError: null });
}

/** The job ran and asked to run again at `runAt`: queued again with its attempts reset (they count crashes and throws). */
export async function rescheduleJob(prisma: PrismaClient, id: string, runAt: Date, worker?: string) {
  return finishHeld(prisma, id, worker, { status: "queued", runAt, attempts: 0, lockedBy: null, lockedUntil: null, lastError: null });
}

/** A failed run is retried with back-off until maxAttempts, then stays failed for a person to see. */
export async function failJob(prisma: PrismaClient, job: ClaimedJob, error: unknown, worker?: string) {
  const message = error instanceof Error ? error.message : String(error);
  const final = job.attempts >= job.maxAttempts;
  return finishHeld(prisma, job.id, worker, {
    status: final ? "failed" : "queued",
    runAt: final ? undefined : new Date(Date.now() + retryDelayMs(job.attempts)),
    lockedBy: null,
    lockedUntil: null,
    lastError: message.slice(0, 2000),
  });
}

/**
 * Renews the claim on a job every third of the lease while its handler runs, as long as this
 * worker still holds it. Returns the function that stops the heartbeat.
 */
export function holdLease(prisma: PrismaClient, id: string, worker: string, leaseMs: number): () => void {
  let lost = false;
  const timer = setInterval(() => {
    prisma.job
      .updateMany({ where: { id, status: "running", lockedBy: worker }, data: { lockedUntil: new Date(Date.now() + leaseMs) } })
      .then(({ count }) => {
        if (!count && !lost) {
          lost = true;
          logger.warn("job lease lost: another worker took the job over (this one stalled past its lease)", { job: id, worker });
        }
      })
      .catch((err: unknown) => logger.warn("job lease not renewed", { job: id, err }));
  }, Math.max(250, Math.floor(leaseMs / 3)));
  timer.unref();
  return () => clearInterval(timer);
}

/** Runs one due job if there is one; returns whether it found work. */
export async function runOneJob(prisma: PrismaClient, handlers: Record<string, JobHandler>, worker = workerId(), leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
  const job = await claimJob(prisma, worker, Object.keys(handlers), leaseMs);
  if (!job) return false;
  const release = holdLease(prisma, job.id, worker, leaseMs);
  try {
    const again = await handlers[job.kind]!(job);
    release();
    if (again && again.runAgainAt) await rescheduleJob(prisma, job.id, again.runAgainAt, worker);
    else await completeJob(prisma, job.id, worker);
  } catch (err) {
    release();
    // Logged here, once, with its cause chain (the handlers do not log what they throw); kept on the job too (lastError).
    logger.warn("job failed", { job: job.id, kind: job.kind, attempt: job.attempts, final: job.attempts >= job.maxAttempts, err });
    await failJob(prisma, job, err, worker);
  }
  return true;
}

export interface Worker {
  stop(): Promise<void>;
}

/** Polls for due jobs until stopped; `stop` waits for the job in hand to finish. */
export function startWorker(
  prisma: PrismaClient,
  handlers: Record<string, JobHandler>,
  opts: { idleMs?: number; onError?: (err: unknown) => void; leaseMs?: number } = {},
): Worker {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let found = false;
      try {
        found = await runOneJob(prisma, handlers, workerId(), opts.leaseMs);
      } catch (err) {
        opts.onError?.(err);
      }
      if (!found && !stopped) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, opts.idleMs ?? 1000);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

/** The server stopped (a crash, a kill) while the job ran: what `lastError` says when it is not run again. */
export const DIED_WHILE_RUNNING = "The server stopped while this job ran, on its last allowed attempt; it is not run again (a job that stops the server must not loop). Run it again by hand if it still matters.";

/** Whether a job's holder (workerId(): `host:pid`) can still be running: not when it is this host's and its process is gone, or is this very process before its worker started. */
export function holderMayRun(lockedBy: string | null, self = { host: os.hostname(), pid: process.pid }, runs: (pid: number) => boolean = isProcessRunning): boolean {
  if (!lockedBy) return false;
  const i = lockedBy.lastIndexOf(":");
  const host = lockedBy.slice(0, i);
  const pid = Number(lockedBy.slice(i + 1));
  if (i < 0 || host !== self.host || !Number.isInteger(pid)) return true; // another machine's: its lease decides
  return pid !== self.pid && runs(pid);
}


/**
 * At start, before the workers: jobs left 'running' by a worker that is gone (a crash or a kill)
 * are queued again now instead of waiting for their lease to run out; those on their last allowed
 * attempt are marked failed (DIED_WHILE_RUNNING) instead of staying 'running' for ever, and
 * `onGivenUp[kind]` is told. `everyHolder`:
 * the caller holds the data folder's lock (PGlite), so no other worker can be alive; otherwise only
 * this host's dead processes count, and a job whose lease ran out on its last attempt.
 */
export async function releaseJobsOfDeadWorkers(
  prisma: PrismaClient,
  opts: { everyHolder?: boolean; onGivenUp?: Record<string, (job: { id: string; payload: unknown }) => Promise<void>> } = {},
): Promise<{ requeued: number; failed: number }> {
  const now = new Date();
  const running = await prisma.job.findMany({ where: { status: "running" }, select: { id: true, kind: true, payload: true, lockedBy: true, lockedUntil: true, attempts: true, maxAttempts: true } });
  let requeued = 0;
  let failed = 0;
  for (const j of running) {
    const leaseOver = j.lockedUntil !== null && j.lockedUntil < now;
    const dead = opts.everyHolder || !holderMayRun(j.lockedBy) || (leaseOver && j.attempts >= j.maxAttempts);
    if (!dead) continue;
    const last = j.attempts >= j.maxAttempts;
    const { count } = await prisma.job.updateMany({
      where: { id: j.id, status: "running", lockedBy: j.lockedBy },
      data: last
        ? { status: "failed", lockedBy: null, lockedUntil: null, lastError: DIED_WHILE_RUNNING }
        : { status: "queued", runAt: now, lockedBy: null, lockedUntil: null },
    });
    if (count && last) {
      failed++;
      // What the job was about may need to say so (a redaction's artefact: failed, not processing for ever).
      await opts.onGivenUp?.[j.kind]?.({ id: j.id, payload: j.payload });
    } else if (count) requeued++;
  }
  return { requeued, failed };
}

/** Deletes finished jobs older than `olderThanMs` (failed ones stay for a person to see). */
export async function pruneDoneJobs(prisma: PrismaClient, olderThanMs = 7 * 86_400_000): Promise<number> {
  const { count } = await prisma.job.deleteMany({ where: { status: "done", updatedAt: { lt: new Date(Date.now() - olderThanMs) } } });
  return count;
}
