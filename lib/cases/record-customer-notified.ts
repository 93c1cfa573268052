import "server-only";
import type { z } from "zod";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { lockVisibleCase } from "./access";
import { updateCaseAtVersion } from "./concurrency";
import type { ZRecordCustomerNotified } from "./incident-notice";

/** Records the notice as sent to the customer (by Support or the CSM; the portal never writes to customers). */
export async function recordCustomerNotified(user: SessionUser, input: z.infer<typeof ZRecordCustomerNotified>) {
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, { select: { id: true, reference: true, incidentAffects: true, notifiedAt: true } });
    if (!c.incidentAffects) throw new AppError("INVALID_STATE", "Record first that the incident affects the customer's resources.");
    if (c.notifiedAt) throw new AppError("INVALID_STATE", "The notice is already recorded as sent.");
    if (c.reference && !input.text.includes(c.reference)) {
      throw new AppError("VALIDATION", "The notice must tell the customer how to track the case.", { text: [`Include the case reference ${c.reference}, so the customer can track the case.`] });
    }
    await updateCaseAtVersion(tx, c.id, input.version, { notifiedAt: input.sentAt, notifyText: input.text });
    await recordActivity(tx, { actor: actorOf(user), action: "case.customerNotified", entityType: "Case", entityId: c.id, caseId: c.id, after: { notifiedAt: input.sentAt } });
  });
}
