import type { PrismaClient } from "@/generated/prisma/client";
import type { Env } from "@/lib/env";
import { startWorker, type JobHandler } from "@/lib/jobs";
import { logger } from "@/lib/logger";
import { DELIVER_JOB, deliverOutboxMessage, smtpMailer } from "@/lib/outbox";

/** The job kinds this server runs, and their handlers. Later issues add redaction and reminders here. */
export function jobHandlers(prisma: PrismaClient, e: Pick<Env, "SMTP_URL" | "MAIL_FROM">): Record<string, JobHandler> {
  const mailer = e.SMTP_URL ? smtpMailer(e.SMTP_URL) : null;
  return {
    [DELIVER_JOB]: (job) => deliverOutboxMessage(prisma, job, mailer, e.MAIL_FROM),
  };
}

export function startBackgroundWork(prisma: PrismaClient, e: Env) {
  return startWorker(prisma, jobHandlers(prisma, e), { onError: (err) => logger.error("background work", { err }) });
}
