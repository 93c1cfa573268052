import "server-only";
import { recordActivity, type Actor, type RecordFn } from "@/lib/audit";
import { db, type Tx } from "@/lib/db";
import { emailsOf } from "./queries";
import { describeResource, isUniqueViolation, pickFields, resourceData, slugTaken } from "./rules";
import type { TAccountFields, TResourceInput } from "./schemas";

// Customer accounts and what they own (Admin). Accounts are never deleted: cases refer to them.

/** Creates an account with what it owns and its CSMs (the import gives all three; the form only the fields). */
export async function insertAccount(
  tx: Tx,
  actor: Actor,
  input: { fields: TAccountFields; resources?: TResourceInput[]; managerIds?: string[] },
  meta?: Record<string, unknown>,
  record: RecordFn = (entry) => recordActivity(tx, entry),
) {
  const taken = await tx.account.findUnique({ where: { slug: input.fields.slug }, select: { id: true } });
  if (taken) throw slugTaken(input.fields.slug);
  const resources = input.resources ?? [];
  const account = await tx.account.create({
    data: {
      ...pickFields(input.fields),
      resources: { create: resources.map(resourceData) },
      managers: { create: (input.managerIds ?? []).map((userId) => ({ userId })) },
    },
    select: { id: true, version: true },
  });
  await record({
    actor,
    action: "account.create",
    entityType: "Account",
    entityId: account.id,
    after: { ...pickFields(input.fields), ...(resources.length ? { resources: resources.map(describeResource) } : {}), ...(input.managerIds?.length ? { managers: await emailsOf(tx, input.managerIds) } : {}) },
    meta,
  });
  return account;
}

export async function createAccount(actor: Actor, input: TAccountFields) {
  try {
    return await db().$transaction((tx) => insertAccount(tx, actor, { fields: input }));
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken(input.slug);
    throw err;
  }
}
