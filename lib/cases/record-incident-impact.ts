import "server-only";
import type { z } from "zod";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { queueNotification } from "@/lib/outbox";
import { assertSubmitted, lockVisibleCase } from "./access";
import { updateCaseAtVersion } from "./concurrency";
import { draftIncidentNotice, NOTICE_HOURS, type ZRecordIncidentImpact } from "./incident-notice";
import { formatDateTime } from "@/lib/format/datetime";
import { now as clockNow } from "@/lib/clock";

/** Records that the incident affects the customer's resources; starts the 24-hour notice clock when their agreement asks for it. */
export async function recordIncidentImpact(user: SessionUser, input: z.infer<typeof ZRecordIncidentImpact>) {
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, {
      select: { id: true, reference: true, status: true, incidentAffects: true, authorId: true, account: { select: { name: true, incidentNotification: true, managers: { select: { user: { select: { email: true, active: true } } } } } } },
    });
    assertSubmitted(c);
    if (c.incidentAffects) throw new AppError("INVALID_STATE", "The impact on the customer's resources is already recorded.");
    const now = clockNow();
    const deadline = c.account.incidentNotification ? new Date(now.getTime() + NOTICE_HOURS * 3_600_000) : null;
    await updateCaseAtVersion(tx, c.id, input.version, {
      incidentAffects: true,
      notifyDeadline: deadline,
      notifyText: deadline ? draftIncidentNotice({ reference: c.reference, accountName: c.account.name }) : null,
    });
    if (deadline) {
      const author = await tx.user.findUnique({ where: { id: c.authorId }, select: { email: true } });
      const to = new Set([...c.account.managers.filter((m) => m.user.active).map((m) => m.user.email), ...(author ? [author.email] : [])]);
      for (const email of to) {
        await queueNotification(tx, {
          kind: "incident.noticeDue",
          to: email,
          caseId: c.id,
          subject: `${c.reference}: tell ${c.account.name} about the incident by ${formatDateTime(deadline)}`,
          body: `An incident affects ${c.account.name}'s resources and their agreement asks to be told within ${NOTICE_HOURS} hours.\nSend the notice (recommended measures and how to track the case) and record it on the case in Logdesk.`,
          dedupeKey: `incident-notice:${c.id}:${email}`,
        });
      }
    }
    // Last in the transaction: the chain's lock is held only to commit (lib/audit/index.ts).
    await recordActivity(tx, { actor: actorOf(user), action: "case.incidentImpact", entityType: "Case", entityId: c.id, caseId: c.id, after: { incidentAffects: true, notifyDeadline: deadline } });
    return { notifyDeadline: deadline };
  });
}
