import "server-only";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import type { Tx } from "@/lib/db";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { setLogCase } from "@/lib/logging/context";
import { TRIAGE_STATUSES, label, type CaseStatus } from "./lifecycle";
import { visibleCasesWhere, writableCasesWhere } from "./visibility";

/**
 * The one guard of a case (STYLE 17), which every case service, and the artefact and timeline
 * services, go through: find the case the user may see or throw NOT_FOUND, lock it for update
 * inside the transaction that changes it, and assert that it may still change.
 *
 *   const c = await lockVisibleCase(tx, user, id, { select: { id: true, status: true } });
 *   assertNotClosed(c, "its artefacts");
 */

const UUID = /^[0-9a-f-]{36}$/i;

declare const FOUND_VISIBLE: unique symbol;
/**
 * A case the guard found for the user asking (only findVisibleCase and lockVisibleCase make one).
 * The parts of that case (timeline, artefacts) are then read by its id without scoping it again,
 * for the same user: a function that takes a VisibleCase cannot be handed a bare id.
 */
export type VisibleCase<T = { id: string }> = T & { readonly [FOUND_VISIBLE]: true };

export interface CaseAccess {
  /** What a miss is called in the NOT_FOUND message: "That case" unless said. */
  what?: string;
  /** Narrows the case further (e.g. `{ authorId }` for a draft); a case outside it is not found either. */
  where?: Prisma.CaseWhereInput;
  /** Admin sees every case's metadata but never its contents: only metadata reads pass true. */
  admin?: boolean;
  /**
   * lockVisibleCase only: the change is a review decision on an artefact of the case (SIRT's
   * security approval, Legal's review), which the reviewer makes on any case it may see. Without
   * it a change needs the case in the user's write scope (visibility.ts: writableCasesWhere).
   */
  review?: boolean;
  /**
   * lockVisibleCase only: the change may be made on a closed case (reopening it). Without it a
   * closed case is refused (INVALID_STATE) once the user is known to see it: closed cases are
   * read-only, whatever the service.
   */
  closed?: boolean;
}

/** What a change to a closed case is told. */
export const CLOSED_CASE_MESSAGE = "This case is closed and read-only: reopen it (with a reason) to change anything.";

/** The `where` of the one case `id`, within what the user may see (visibility.ts). */
export function visibleCaseWhere(user: Pick<SessionUser, "id" | "role">, id: string, also?: Prisma.CaseWhereInput): Prisma.CaseWhereInput {
  return { AND: [{ id }, visibleCasesWhere(user), ...(also ? [also] : [])] };
}

/** The `where` of the one case `id`, within what the user may change (visibility.ts). */
export function writableCaseWhere(user: Pick<SessionUser, "id" | "role">, id: string, also?: Prisma.CaseWhereInput): Prisma.CaseWhereInput {
  return { AND: [{ id }, writableCasesWhere(user), ...(also ? [also] : [])] };
}

/** An id that cannot name a case, or Admin asking for contents: refused before any query. */
function refuseEarly(user: Pick<SessionUser, "role">, id: string, access: CaseAccess) {
  if ((user.role === "admin" && !access.admin) || !UUID.test(id)) throw notFound(access.what ?? "That case");
  // The request concerns this case from here on: its log lines name it (lib/logging/context.ts).
  setLogCase(id);
}

/**
 * The case `id` with the fields `args` asks for, if the user may see it; otherwise NOT_FOUND. A
 * case that does not exist, one the user may not see and a malformed id get the same answer
 * (STYLE 5).
 */
export async function findVisibleCase<A extends Omit<Prisma.CaseFindFirstArgs, "where">>(
  client: Tx | PrismaClient,
  user: Pick<SessionUser, "id" | "role">,
  id: string,
  args: A,
  access: CaseAccess = {},
): Promise<VisibleCase<Prisma.CaseGetPayload<A>>> {
  refuseEarly(user, id, access);
  const found = await client.case.findFirst({ ...args, where: visibleCaseWhere(user, id, access.where) });
  if (!found) throw notFound(access.what ?? "That case");
  return found as unknown as VisibleCase<Prisma.CaseGetPayload<A>>;
}

/**
 * Takes the case's row lock for the rest of the transaction (SELECT ... FOR UPDATE): two changes
 * to one case, or decisions on two artefacts of one case, then settle one after the other and
 * neither misses the other's result.
 */
export async function lockCase(tx: Tx, caseId: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM "Case" WHERE id = ${caseId} FOR UPDATE`;
  return rows[0]?.status ?? null;
}

/**
 * findVisibleCase for a change: inside the transaction that writes it, the case's row is locked
 * first, so the read sees the latest commit and the state checked is the state written (STYLE 6).
 * The case must be one the user may change (writableCasesWhere), unless `access.review` says the
 * change is a review decision: a case the user sees but may not change is FORBIDDEN, one it does
 * not see NOT_FOUND (STYLE 5).
 */
export async function lockVisibleCase<A extends Omit<Prisma.CaseFindFirstArgs, "where">>(
  tx: Tx,
  user: Pick<SessionUser, "id" | "role">,
  id: string,
  args: A,
  access: CaseAccess = {},
): Promise<VisibleCase<Prisma.CaseGetPayload<A>>> {
  refuseEarly(user, id, access);
  const status = await lockCase(tx, id);
  // Visible first, closed second: a case the user may not see is not found, closed or not.
  const refuseClosed = <T,>(found: T): T => {
    if (status === "closed" && !access.closed) throw new AppError("INVALID_STATE", CLOSED_CASE_MESSAGE);
    return found;
  };
  if (access.review) return refuseClosed(await findVisibleCase(tx, user, id, args, access));
  const found = await tx.case.findFirst({ ...args, where: writableCaseWhere(user, id, access.where) });
  if (found) return refuseClosed(found as unknown as VisibleCase<Prisma.CaseGetPayload<A>>);
  const seen = await tx.case.count({ where: visibleCaseWhere(user, id, access.where) });
  throw seen ? forbidden("Only the team the case is routed to changes it; you can read it while its artefact awaits your review.") : notFound(access.what ?? "That case");
}

/** Timeline entries, the incident notice and artefacts belong to submitted cases. */
export function assertSubmitted(c: { status: string }, message = "Submit the case first."): void {
  if (c.status === "draft") throw new AppError("INVALID_STATE", message);
}

/** Closed cases are read-only; `what` names what can no longer change ("its timeline"). */
export function assertNotClosed(c: { status: string }, what?: string): void {
  if (c.status === "closed") throw new AppError("INVALID_STATE", what ? `This case is closed; ${what} can no longer change.` : "This case is closed.");
}

/**
 * Only the routed team triages its own queue, and only cases still in it. A Support agent may
 * *see* a SIRT case they opened (as its author), but may not triage it.
 */
export function assertOwnQueue(c: { team: string | null; status: string }, user: Pick<SessionUser, "role">, sirtOnly = false): void {
  if (sirtOnly && user.role !== "sirt") throw forbidden("Only SIRT triages its queue.");
  if (!c.team || c.team !== user.role) throw forbidden(`Only ${c.team === "sirt" ? "SIRT" : "the routed team"} can triage this case.`);
  if (!TRIAGE_STATUSES.includes(c.status as CaseStatus)) {
    throw new AppError("INVALID_STATE", `This case is ${label(c.status as CaseStatus)} and no longer in the queue.`);
  }
}

/** The account a case is opened for: it exists, and a CSM manages it (an unknown account is a field error). */
export async function assertAccountUsable(tx: Tx, user: Pick<SessionUser, "id" | "role">, accountId: string) {
  const account = await tx.account.findUnique({ where: { id: accountId }, select: { id: true, name: true, managers: { select: { userId: true } } } });
  if (!account) throw new AppError("VALIDATION", "Choose a customer account.", { accountId: ["That customer account does not exist."] });
  if (user.role === "csm" && !account.managers.some((m) => m.userId === user.id)) {
    throw new AppError("VALIDATION", "Choose an account you manage.", { accountId: ["You can open cases only for the accounts you manage."] });
  }
  return account;
}
