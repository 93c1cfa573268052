import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertOwnQueue, lockVisibleCase } from "./access";
import { STALE_QUEUE, updateLoadedCase } from "./concurrency";
import { TRIAGE_CASE } from "./queues";
import type { TriageResult, TSetPriority } from "./triage-schemas";

/** Step 6, triage: SIRT sets a case's priority, P1 (most urgent) to P4. */
export async function setPriority(user: SessionUser, input: TSetPriority): Promise<TriageResult> {
  if (!Number.isInteger(input.priority) || input.priority < 1 || input.priority > 4) {
    throw new AppError("VALIDATION", "Choose a priority from P1 to P4.", { priority: ["Choose a priority from P1 to P4."] });
  }
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, TRIAGE_CASE);
    assertOwnQueue(c, user, true);
    const version = await updateLoadedCase(tx, c, input.version, { priority: input.priority }, STALE_QUEUE);
    await recordActivity(tx, {
      actor: actorOf(user),
      action: "case.setPriority",
      entityType: "Case",
      entityId: c.id,
      caseId: c.id,
      before: { priority: c.priority },
      after: { priority: input.priority },
    });
    return { version };
  });
}
