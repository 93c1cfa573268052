import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { assertNotClosed, lockVisibleCase } from "./access";
import type { VerificationItem } from "./schemas";

/** Step 5: tick or untick one verification item; who and when are kept. */
export async function setVerification(user: SessionUser, input: { id: string; item: VerificationItem; checked: boolean }) {
  await db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, { select: { id: true, status: true } });
    assertNotClosed(c);
    if (input.checked) {
      await tx.verificationTick.upsert({
        where: { caseId_item: { caseId: c.id, item: input.item } },
        create: { caseId: c.id, item: input.item, tickedById: user.id },
        update: {},
      });
    } else {
      await tx.verificationTick.deleteMany({ where: { caseId: c.id, item: input.item } });
    }
    await recordActivity(tx, { actor: actorOf(user), action: input.checked ? "verification.tick" : "verification.untick", entityType: "Case", entityId: c.id, caseId: c.id, meta: { item: input.item } });
  });
}
