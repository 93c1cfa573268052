import "server-only";
import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { enqueueJob, type ClaimedJob } from "@/lib/jobs";
import { now } from "@/lib/clock";
import { countDelivery } from "@/lib/metrics/registry";
import { recipientsOf } from "./recipients";

export const DELIVER_JOB = "outbox.deliver";

export interface NotificationInput {
  kind: string; // "sirt.tagged", "case.assigned", ...
  to: string;
  subject: string;
  body: string;
  caseId?: string | null;
  /** One message per key, ever (e.g. a reminder per case and due time). */
  dedupeKey?: string;
}

/**
 * Writes a notification to the outbox inside the caller's transaction, with
 * the job that will deliver it. The Message-ID is fixed now, so a message
 * delivered twice after a crash is recognisable as the same one.
 */
export async function queueNotification(tx: Tx, n: NotificationInput): Promise<{ id: string; created: boolean }> {
  if (n.dedupeKey) {
    // `created: false` tells the caller another writer (maybe a concurrent one) already wrote this message.
    const existing = await tx.outboxMessage.findUnique({ where: { dedupeKey: n.dedupeKey }, select: { id: true } });
    if (existing) return { id: existing.id, created: false };
  }
  const id = randomUUID();
  const recipients = recipientsOf(n.to);
  // The message's time (the injected clock's while the demo history runs), on the message and on each
  // recipient's inbox row, which is read in that order (inbox.ts).
  const createdAt = now();
  const message = await tx.outboxMessage.create({
    data: {
      id,
      kind: n.kind,
      toAddress: n.to,
      recipients,
      createdAt,
      inbox: { createMany: { data: recipients.map((recipient) => ({ recipient, createdAt })) } },
      subject: n.subject,
      body: n.body,
      caseId: n.caseId ?? null,
      dedupeKey: n.dedupeKey ?? null,
      messageId: `<${id}@logdesk>`,
    },
    select: { id: true },
  });
  await enqueueJob(tx, DELIVER_JOB, { outboxId: id }, { dedupeKey: `outbox:${id}`, maxAttempts: 10 });
  return { id: message.id, created: true };
}

export interface Mailer {
  send(msg: { from: string; to: string; subject: string; text: string; messageId: string }): Promise<void>;
}

export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(msg) {
      await transport.sendMail({ ...msg, headers: { "X-Logdesk-Kind": "notification" } });
    },
  };
}

/**
 * Delivers one outbox message. Without a mailer (no SMTP settings) the
 * message stays pending and is read in the portal. A failure is recorded and
 * rethrown so the job is retried with back-off.
 */
export async function deliverOutboxMessage(prisma: PrismaClient, job: ClaimedJob, mailer: Mailer | null, from: string) {
  const { outboxId } = job.payload as { outboxId: string };
  const msg = await prisma.outboxMessage.findUnique({ where: { id: outboxId } });
  if (!msg || msg.status === "sent" || !mailer) return;
  try {
    await mailer.send({ from, to: msg.toAddress, subject: msg.subject, text: msg.body, messageId: msg.messageId });
  } catch (err) {
    const final = job.attempts >= job.maxAttempts;
    await prisma.outboxMessage.update({
      where: { id: msg.id },
      data: { attempts: { increment: 1 }, lastError: (err as Error).message.slice(0, 1000), status: final ? "failed" : "pending" },
    });
    countDelivery(final ? "failed" : "retry");
    throw err;
  }
  await prisma.outboxMessage.update({
    where: { id: msg.id },
    data: { status: "sent", sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
  });
  countDelivery("sent");
}
