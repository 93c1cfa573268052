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
