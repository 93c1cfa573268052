import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import type { Tx } from "@/lib/db";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { CaseStatus } from "./lifecycle";
import { visibleCasesWhere } from "./visibility";

/** The case as a service needs it, re-read inside the transaction, scoped to what the user may see. */
export async function loadCase(tx: Tx, user: SessionUser, id: string) {
  const found = await tx.case.findFirst({
    where: { AND: [{ id }, visibleCasesWhere(user)] },
    include: { account: { include: { resources: { select: { kind: true, path: true } }, managers: { select: { userId: true } } } } },
  });
  if (!found) throw notFound("That case");
  return found;
}
export type LoadedCase = Awaited<ReturnType<typeof loadCase>>;

/** A CSM opens cases only for the accounts they manage; an unknown account is a field error. */
export async function assertAccountUsable(tx: Tx, user: SessionUser, accountId: string) {
  const account = await tx.account.findUnique({ where: { id: accountId }, select: { id: true, name: true, managers: { select: { userId: true } } } });
  if (!account) throw new AppError("VALIDATION", "Choose a customer account.", { accountId: ["That customer account does not exist."] });
  if (user.role === "csm" && !account.managers.some((m) => m.userId === user.id)) {
    throw new AppError("VALIDATION", "Choose an account you manage.", { accountId: ["You can open cases only for the accounts you manage."] });
  }
  return account;
}

/** The case as triage needs it, scoped to what the user may see. */
export async function loadTriageCase(tx: Tx, user: SessionUser, id: string) {
  const found = await tx.case.findFirst({
    where: { AND: [{ id }, visibleCasesWhere(user)] },
    select: { id: true, reference: true, status: true, team: true, version: true, assigneeId: true, priority: true, authorId: true, account: { select: { name: true } } },
  });
  if (!found) throw notFound("That case");
  return found;
}

/** The queue's working statuses: what triage may touch. */
const IN_QUEUE: CaseStatus[] = ["accepted", "in_progress"];

/**
 * Only the routed team triages its own queue. A Support agent may *see* a
 * SIRT case they opened (as its author), but may not triage it.
 */
export function assertOwnQueue(c: { team: string | null; status: string }, user: SessionUser, sirtOnly = false) {
  if (sirtOnly && user.role !== "sirt") throw forbidden("Only SIRT triages its queue.");
  if (!c.team || c.team !== user.role) throw forbidden(`Only ${c.team === "sirt" ? "SIRT" : "the routed team"} can triage this case.`);
  if (!IN_QUEUE.includes(c.status as CaseStatus)) {
    throw new AppError("INVALID_STATE", `This case is ${c.status.replace(/_/g, " ")} and no longer in the queue.`);
  }
}
