import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { lockVisibleCase } from "./access";

/** The author throws a draft away; a submitted case is never deleted. */
export async function discardDraft(user: SessionUser, id: string) {
  await db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, id, { select: { id: true } }, { what: "That draft", where: { authorId: user.id, status: "draft" } });
    await tx.case.delete({ where: { id: c.id } });
    await recordActivity(tx, { actor: actorOf(user), action: "case.discardDraft", entityType: "Case", entityId: id });
  });
}
