import "server-only";
import { recordActivity, type Actor } from "@/lib/audit";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { describeResource } from "./rules";

/** Removes one owned resource. */

export async function removeResource(actor: Actor, accountId: string, resourceId: string) {
  return db().$transaction(async (tx) => {
    const resource = await tx.ownedResource.findFirst({ where: { id: resourceId, accountId }, select: { id: true, kind: true, path: true, email: true } });
    if (!resource) throw notFound("That resource");
    await tx.ownedResource.delete({ where: { id: resource.id } });
    await recordActivity(tx, { actor, action: "account.removeResource", entityType: "Account", entityId: accountId, before: describeResource(resource) });
  });
}
