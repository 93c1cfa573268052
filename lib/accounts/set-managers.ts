import "server-only";
import { recordActivity, type Actor } from "@/lib/audit";
import { db } from "@/lib/db";
import { AppError, conflict, notFound } from "@/lib/errors";
import { emailsOf } from "./queries";
import { sameSet } from "./rules";
import type { TSetManagersInput } from "./schemas";

/**
 * Replaces the CSMs of an account. Only active CSMs can be assigned. With
 * `expectedUserIds` (the CSMs the Admin saw) a change made meanwhile by someone
 * else is a conflict instead of being silently undone.
 */
export async function setManagers(actor: Actor, input: TSetManagersInput) {
  const userIds = [...new Set(input.userIds)];
  return db().$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: input.accountId }, select: { id: true, managers: { select: { userId: true } } } });
    if (!account) throw notFound("That account");
    const current = account.managers.map((m) => m.userId);
    if (input.expectedUserIds && !sameSet(current, input.expectedUserIds)) {
      throw conflict("Someone else changed the CSMs of this account after you opened it. Reload the page to see them, then choose again.");
    }
    if (sameSet(current, userIds)) return { userIds: current };
    const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, role: true, active: true } });
    const problems = userIds.flatMap((id) => {
      const u = users.find((x) => x.id === id);
      if (!u) return ["One of the chosen people is not a staff member any more."];
      if (u.role !== "csm") return [`${u.name} is not a Customer Success Manager.`];
      if (!u.active) return [`${u.name} is deactivated.`];
      return [];
    });
    if (problems.length > 0) throw new AppError("VALIDATION", `Only active CSMs can manage an account. ${problems.join(" ")}`, { userIds: problems });
    const beforeEmails = await emailsOf(tx, current);
    await tx.accountManager.deleteMany({ where: { accountId: input.accountId, userId: { notIn: userIds } } });
    await tx.accountManager.createMany({ data: userIds.filter((id) => !current.includes(id)).map((userId) => ({ accountId: input.accountId, userId })) });
    await recordActivity(tx, { actor, action: "account.setManagers", entityType: "Account", entityId: input.accountId, before: { managers: beforeEmails }, after: { managers: await emailsOf(tx, userIds) } });
    return { userIds };
  });
}
