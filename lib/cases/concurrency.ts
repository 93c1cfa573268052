import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { conflict } from "@/lib/errors";

/** What a person sees when the case changed after they loaded it. */
export const STALE_CASE = "This case was changed by someone else since you opened it. Reload to see their changes; what you typed is still in the form.";

/**
 * Writes `data` only if the case still has the version the user loaded
 * (optimistic concurrency: of N simultaneous edits from one version exactly
 * one applies); otherwise a clear CONFLICT. Returns the new version.
 */
export async function updateCaseAtVersion(tx: Tx, id: string, version: number, data: Prisma.CaseUncheckedUpdateManyInput, stale = STALE_CASE): Promise<number> {
  const { count } = await tx.case.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  if (count !== 1) throw conflict(stale);
  return version + 1;
}

/** What a person sees when a case in the queue changed after they loaded the queue. */
export const STALE_QUEUE = "This case was changed by someone else since you loaded the queue. Reload to see their changes and try again.";

/** updateCaseAtVersion for a case already read: a version other than the one read is the same conflict, before any write. */
export async function updateLoadedCase(tx: Tx, c: { id: string; version: number }, version: number, data: Prisma.CaseUncheckedUpdateManyInput, stale = STALE_CASE): Promise<number> {
  if (c.version !== version) throw conflict(stale);
  return updateCaseAtVersion(tx, c.id, version, data, stale);
}
