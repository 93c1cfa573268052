import "server-only";
import type { Tx } from "@/lib/db";

/**
 * Who speaks to the customer on a case: its author and the active CSMs who manage its account,
 * each once (by address), leaving out `except` (e.g. the person whose action is being announced).
 */
export async function customerContacts(tx: Tx, c: { authorId: string; accountId: string }, except?: string): Promise<string[]> {
  const people = await tx.user.findMany({
    where: {
      active: true,
      ...(except ? { id: { not: except } } : {}),
      OR: [{ id: c.authorId }, { role: "csm", managedAccounts: { some: { accountId: c.accountId } } }],
    },
    orderBy: { email: "asc" },
    select: { email: true },
  });
  return [...new Set(people.map((p) => p.email.toLowerCase()))];
}
