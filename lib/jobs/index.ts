import "server-only";
import os from "node:os";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { retryDelayMs } from "./backoff";

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
  return tx.job.upsert({ where: { dedupeKey: opts.dedupeKey }, create: data, update: {}, select: { id: true } });
}

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export type JobHandler = (job: ClaimedJob) => Promise<void>;

const LEASE_MS = 5 * 60_000;

export const workerId = () => `${os.hostname()}:${process.pid}`;

/**
 * Claims the next due job (or one whose lease expired); null when there is none. A job whose
 * worker died on its last attempt is not taken again: a job that crashes the process cannot loop.
 */
export async function claimJob(prisma: PrismaClient, worker = workerId(), kinds?: string[]): Promise<ClaimedJob | null> {
  const leaseUntil = new Date(Date.now() + LEASE_MS);
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

export async function completeJob(prisma: PrismaClient, id: string) {
  await prisma.job.update({ where: { id }, data: { status: "done", lockedBy: null, lockedUntil: null, lastError: null } });
}

/** A failed run is retried with back-off until maxAttempts, then stays failed for a person to see. */
export async function failJob(prisma: PrismaClient, job: ClaimedJob, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const final = job.attempts >= job.maxAttempts;
  await prisma.job.update({
    where: { id: job.id },
    data: {
      status: final ? "failed" : "queued",
      runAt: final ? undefined : new Date(Date.now() + retryDelayMs(job.attempts)),
      lockedBy: null,
      lockedUntil: null,
      lastError: message.slice(0, 2000),
    },
  });
}

/** Runs one due job if there is one; returns whether it found work. */
export async function runOneJob(prisma: PrismaClient, handlers: Record<string, JobHandler>, worker = workerId()): Promise<boolean> {
  const job = await claimJob(prisma, worker, Object.keys(handlers));
  if (!job) return false;
  try {
    await handlers[job.kind]!(job);
    await completeJob(prisma, job.id);
  } catch (err) {
    await failJob(prisma, job, err);
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
  opts: { idleMs?: number; onError?: (err: unknown) => void } = {},
): Worker {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let found = false;
      try {
        found = await runOneJob(prisma, handlers);
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

/** Deletes finished jobs older than `olderThanMs` (failed ones stay for a person to see). */
export async function pruneDoneJobs(prisma: PrismaClient, olderThanMs = 7 * 86_400_000): Promise<number> {
  const { count } = await prisma.job.deleteMany({ where: { status: "done", updatedAt: { lt: new Date(Date.now() - olderThanMs) } } });
  return count;
}
