import "server-only";
import { recordActivity, type Actor } from "@/lib/audit";
import { db } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import { diffFields, FIELDS_SELECT, isUniqueViolation, pickFields, slugTaken } from "./rules";
import type { TUpdateAccountInput } from "./schemas";

const STALE =
  "Someone else changed this account after you opened it, so your changes were not saved. They are still in the form: open the account in a new tab to see the other changes, then save again here.";

/**
 * Saves the account's own fields. The edit names the version it loaded; when
 * the account has moved on since, nothing is written and the caller gets a conflict.
 */
export async function updateAccount(actor: Actor, input: TUpdateAccountInput) {
  try {
    return await db().$transaction(async (tx) => {
      const current = await tx.account.findUnique({ where: { id: input.id }, select: { ...FIELDS_SELECT, version: true } });
      if (!current) throw notFound("That account");
      if (current.version !== input.version) throw conflict(STALE);
      const next = pickFields(input);
      const { before, after, changed } = diffFields(current, next);
      if (!changed) return { version: current.version, changed: false };
      if (after.slug !== undefined && (await tx.account.findUnique({ where: { slug: after.slug }, select: { id: true } }))) throw slugTaken(after.slug);
      // The version is re-checked by the write itself, so two saves racing past the read cannot both win.
      const { count } = await tx.account.updateMany({ where: { id: input.id, version: input.version }, data: { ...after, version: { increment: 1 } } });
      if (count !== 1) throw conflict(STALE);
      await recordActivity(tx, { actor, action: "account.update", entityType: "Account", entityId: input.id, before, after, meta: { version: input.version + 1 } });
      return { version: input.version + 1, changed: true };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken(input.slug);
    throw err;
  }
}
