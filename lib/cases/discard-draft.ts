import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** The author throws a draft away; a submitted case is never deleted. */
export async function discardDraft(user: SessionUser, id: string) {
  await db().$transaction(async (tx) => {
    const c = await tx.case.findFirst({ where: { id, authorId: user.id, status: "draft" }, select: { id: true } });
    if (!c) throw notFound("That draft");
    await tx.case.delete({ where: { id } });
    await recordActivity(tx, { actor: actorOf(user), action: "case.discardDraft", entityType: "Case", entityId: id });
  });
}
