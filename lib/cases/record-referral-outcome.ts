import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { lockVisibleCase } from "./access";
import { now } from "@/lib/clock";

/** Conditions (resources not owned): Legal records what was done about a subpoena referral. */
export async function recordReferralOutcome(user: SessionUser, input: { referralId: string; outcomeNote: string }) {
  await db().$transaction(async (tx) => {
    const ref = await tx.subpoenaReferral.findUnique({ where: { id: input.referralId }, select: { id: true, caseId: true, status: true } });
    if (!ref) throw notFound("That referral");
    await lockVisibleCase(tx, user, ref.caseId, { select: { id: true } }); // Legal may see the case
    if (ref.status !== "open") throw new AppError("INVALID_STATE", "This referral has already been handled.");
    await tx.subpoenaReferral.update({ where: { id: ref.id }, data: { status: "closed", outcomeNote: input.outcomeNote, handledById: user.id, handledAt: now() } });
    await recordActivity(tx, { actor: actorOf(user), action: "referral.close", entityType: "SubpoenaReferral", entityId: ref.id, caseId: ref.caseId, after: { outcomeNote: input.outcomeNote } });
  });
}
