import "server-only";
import { recordActivity, type Actor } from "@/lib/audit";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { describeResource, resourceData } from "./rules";
import type { TResourceInput, TResourceKind } from "./schemas";

/** Adds one owned resource. The same path twice in one account (as group or project, or as user) is refused. */
export async function addResource(actor: Actor, accountId: string, input: TResourceInput) {
  return db().$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: accountId }, select: { id: true } });
    if (!account) throw notFound("That account");
    const data = resourceData(input);
    const kinds: TResourceKind[] = input.kind === "user" ? ["user"] : ["group", "project"];
    const same = await tx.ownedResource.findFirst({ where: { accountId, kind: { in: kinds }, pathLower: data.pathLower }, select: { kind: true, path: true } });
    if (same) {
      const message = `“${same.path}” is already listed as ${same.kind === "user" ? "a user" : `a ${same.kind}`} of this account.`;
      throw new AppError("CONFLICT", message, { path: [message] });
    }
    const created = await tx.ownedResource.create({ data: { ...data, accountId }, select: { id: true } });
    await recordActivity(tx, { actor, action: "account.addResource", entityType: "Account", entityId: accountId, after: describeResource(data) });
    return created;
  });
}
