import "server-only";
import { z } from "zod";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { updateCaseAtVersion } from "./concurrency";
import { queueNotification } from "@/lib/outbox";
import { visibleCasesWhere } from "./visibility";

/** K2: when an incident affects the customer's resources and the agreement says so, they are told within 24 hours. */
export const NOTICE_HOURS = 24;

export const ZRecordIncidentImpact = z.object({ id: z.string().uuid(), version: z.coerce.number().int().min(1) });
export const ZRecordCustomerNotified = z.object({
  id: z.string().uuid(),
  version: z.coerce.number().int().min(1),
  text: z.string().trim().min(40, "Paste the notice as sent (at least 40 characters): what happened, the recommended measures and how to track the case.").max(20_000),
  sentAt: z.string().min(1, "Enter when it was sent.").transform((s, ctx) => {
    const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter when it was sent." });
      return z.NEVER;
    }
    if (d.getTime() > Date.now() + 60_000) {
      ctx.addIssue({ code: "custom", message: "The notice cannot have been sent in the future." });
      return z.NEVER;
    }
    return d;
  }),
});

/** The notice Support or the CSM starts from: recommended measures and how to track the case. */
export function draftIncidentNotice(c: { reference: string | null; accountName: string }) {
  return [
    `Dear ${c.accountName} security team,`,
    "",
    "We are writing to let you know that a security incident affected resources on your account.",
    "",
    "Recommended measures:",
    "- Rotate personal, project and group access tokens and deploy keys that may have been exposed.",
    "- Review recent sign-ins and membership changes in Audit Events and remove access you do not recognise.",
    "- Enforce two-factor authentication for all members.",
    "",
    `You can track this case with the reference ${c.reference ?? "(given when the case is submitted)"} through your Support contact or Customer Success Manager.`,
  ].join("\n");
}


/** Records that the incident affects the customer's resources; starts the 24-hour notice clock when their agreement asks for it. */
export async function recordIncidentImpact(user: SessionUser, input: z.infer<typeof ZRecordIncidentImpact>) {
  return db().$transaction(async (tx) => {
    const c = await tx.case.findFirst({
      where: { AND: [{ id: input.id }, visibleCasesWhere(user)] },
      select: { id: true, reference: true, status: true, incidentAffects: true, authorId: true, account: { select: { name: true, incidentNotification: true, managers: { select: { user: { select: { email: true, active: true } } } } } } },
    });
    if (!c) throw notFound("That case");
    if (c.status === "draft") throw new AppError("INVALID_STATE", "Submit the case first.");
    if (c.incidentAffects) throw new AppError("INVALID_STATE", "The impact on the customer's resources is already recorded.");
    const now = new Date();
    const deadline = c.account.incidentNotification ? new Date(now.getTime() + NOTICE_HOURS * 3_600_000) : null;
    await updateCaseAtVersion(tx, c.id, input.version, {
      incidentAffects: true,
      notifyDeadline: deadline,
      notifyText: deadline ? draftIncidentNotice({ reference: c.reference, accountName: c.account.name }) : null,
    });
    await recordActivity(tx, { actor: actorOf(user), action: "case.incidentImpact", entityType: "Case", entityId: c.id, caseId: c.id, after: { incidentAffects: true, notifyDeadline: deadline } });
    if (deadline) {
      const author = await tx.user.findUnique({ where: { id: c.authorId }, select: { email: true } });
      const to = new Set([...c.account.managers.filter((m) => m.user.active).map((m) => m.user.email), ...(author ? [author.email] : [])]);
      for (const email of to) {
        await queueNotification(tx, {
          kind: "incident.noticeDue",
          to: email,
          caseId: c.id,
          subject: `${c.reference}: tell ${c.account.name} about the incident by ${deadline.toISOString().slice(0, 16).replace("T", " ")} UTC`,
          body: `An incident affects ${c.account.name}'s resources and their agreement asks to be told within ${NOTICE_HOURS} hours.\nSend the notice (recommended measures and how to track the case) and record it on the case in Logdesk.`,
          dedupeKey: `incident-notice:${c.id}:${email}`,
        });
      }
    }
    return { notifyDeadline: deadline };
  });
}

/** Records the notice as sent to the customer (by Support or the CSM; the portal never writes to customers). */
export async function recordCustomerNotified(user: SessionUser, input: z.infer<typeof ZRecordCustomerNotified>) {
  return db().$transaction(async (tx) => {
    const c = await tx.case.findFirst({ where: { AND: [{ id: input.id }, visibleCasesWhere(user)] }, select: { id: true, reference: true, incidentAffects: true, notifiedAt: true } });
    if (!c) throw notFound("That case");
    if (!c.incidentAffects) throw new AppError("INVALID_STATE", "Record first that the incident affects the customer's resources.");
    if (c.notifiedAt) throw new AppError("INVALID_STATE", "The notice is already recorded as sent.");
    if (c.reference && !input.text.includes(c.reference)) {
      throw new AppError("VALIDATION", "The notice must tell the customer how to track the case.", { text: [`Include the case reference ${c.reference}, so the customer can track the case.`] });
    }
    await updateCaseAtVersion(tx, c.id, input.version, { notifiedAt: input.sentAt, notifyText: input.text });
    await recordActivity(tx, { actor: actorOf(user), action: "case.customerNotified", entityType: "Case", entityId: c.id, caseId: c.id, after: { notifiedAt: input.sentAt } });
  });
}
