import "server-only";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Role } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { assertNotClosed, findVisibleCase, lockVisibleCase } from "@/lib/cases/access";
import { visibleCasesWhere } from "@/lib/cases/visibility";
import type { Tx } from "@/lib/db";
import { AppError, conflict, notFound } from "@/lib/errors";
import { canReadRedacted, type ArtefactStatus, type Team } from "./rules";

/**
 * The one guard of an artefact (STYLE 17), built on the case guard (lib/cases/access.ts): an
 * artefact is found when its case is one the user may see, and changed only with its case's row
 * locked, at the version the user loaded, while the case is open.
 */

const UUID = /^[0-9a-f-]{36}$/i;

/** What a person sees when the artefact changed after they loaded it. */
export const STALE_ARTEFACT = "This artefact changed since you opened it (a new redaction or another decision). Reload to see it; nothing was recorded.";

/** The case as the artefact services read it. */
export const ARTEFACT_CASE = {
  select: {
    id: true,
    reference: true,
    status: true,
    team: true,
    version: true,
    authorId: true,
    accountId: true,
    resources: true,
    windowFrom: true,
    windowTo: true,
    personalData: true,
    account: { select: { name: true } },
  },
} as const satisfies Omit<Prisma.CaseFindFirstArgs, "where">;

export type ArtefactCase = Prisma.CaseGetPayload<typeof ARTEFACT_CASE>;

const ARTEFACT_SELECT = {
  id: true,
  caseId: true,
  filename: true,
  status: true,
  format: true,
  compression: true,
  rawBlobKey: true,
  rawSha256: true,
  rawSize: true,
  rawLines: true,
  decompressedSize: true,
  redactedBlobKey: true,
  redactedSha256: true,
  redactedSize: true,
  redactedLines: true,
  droppedLines: true,
  scopeCheck: true,
  redactionSummary: true,
  redactionOptions: true,
  residueSha256: true,
  settingsVersion: true,
  pageIndex: true,
  rawLineMapKey: true,
  rawDeletedAt: true,
  redactedDeletedAt: true,
  supersededBlobKeys: true,
  progressBytes: true,
  revision: true,
  version: true,
  error: true,
  createdAt: true,
  updatedAt: true,
  uploadedById: true,
} as const satisfies Prisma.ArtefactSelect;

export type ArtefactRow = Prisma.ArtefactGetPayload<{ select: typeof ARTEFACT_SELECT }>;

/** The `where` of one artefact on a case the user may see. */
export function visibleArtefactWhere(user: Pick<SessionUser, "id" | "role">, artefactId: string): Prisma.ArtefactWhereInput {
  return { id: artefactId, case: visibleCasesWhere(user) };
}

/** Admin never sees artefacts, and a malformed id names none: refused before any query. */
function refuseEarly(user: Pick<SessionUser, "role">, artefactId: string) {
  if (user.role === "admin" || !UUID.test(artefactId)) throw notFound("That artefact");
}

/**
 * One artefact on a case the user may see, with the fields `args` asks for, in one query (the
 * progress bar polls this); otherwise NOT_FOUND.
 */
export async function findVisibleArtefact<A extends Omit<Prisma.ArtefactFindFirstArgs, "where">>(
  client: Tx | PrismaClient,
  user: Pick<SessionUser, "id" | "role">,
  artefactId: string,
  args: A,
): Promise<Prisma.ArtefactGetPayload<A>> {
  refuseEarly(user, artefactId);
  const found = await client.artefact.findFirst({ ...args, where: visibleArtefactWhere(user, artefactId) });
  if (!found) throw notFound("That artefact");
  return found as unknown as Prisma.ArtefactGetPayload<A>;
}

/** An artefact on a case the user may see, with that case (through the case guard); otherwise not found. */
export async function loadArtefact(client: Tx | PrismaClient, user: Pick<SessionUser, "id" | "role">, artefactId: string): Promise<{ artefact: ArtefactRow; kase: ArtefactCase }> {
  const artefact = await findVisibleArtefact(client, user, artefactId, { select: ARTEFACT_SELECT });
  return { artefact, kase: await findVisibleCase(client, user, artefact.caseId, ARTEFACT_CASE) };
}

/**
 * loadArtefact for a change: the case's row is locked first (so the read sees the latest commit,
 * and decisions on two artefacts of one case settle the case one after the other). The case must
 * be one the user may change, unless `review` says the change is an approval decision (SIRT and
 * Legal decide on artefacts of cases they may only read).
 */
export async function lockArtefact(
  tx: Tx,
  user: Pick<SessionUser, "id" | "role">,
  artefactId: string,
  opts: { review?: boolean } = {},
): Promise<{ artefact: ArtefactRow; kase: ArtefactCase }> {
  const { caseId } = await findVisibleArtefact(tx, user, artefactId, { select: { caseId: true } });
  const kase = await lockVisibleCase(tx, user, caseId, ARTEFACT_CASE, { review: opts.review });
  const artefact = await tx.artefact.findUniqueOrThrow({ where: { id: artefactId }, select: ARTEFACT_SELECT });
  return { artefact, kase };
}

/** Nothing about a closed case's artefacts changes any more. */
export const assertArtefactsOpen = (c: { status: string }) => assertNotClosed(c, "its artefacts");

/** The redacted form before release is for the case's team, SIRT and Legal; the others once both approvals are in. */
export function assertCanReadRedacted(role: Role, team: string | null, status: string): void {
  if (!canReadRedacted(role, team as Team | null, status as ArtefactStatus)) {
    throw new AppError("INVALID_STATE", "The redacted file is yours to see once Security and Legal have approved it.");
  }
}

/** The artefact as read must be the version the user loaded; otherwise a clear CONFLICT. */
export function assertArtefactVersion(a: { version: number }, version: number): void {
  if (a.version !== version) throw conflict(STALE_ARTEFACT);
}

/**
 * Writes `data` only if the artefact still has the version the user loaded (of two decisions
 * from one loaded state, one applies); otherwise a clear CONFLICT.
 */
export async function updateArtefactAtVersion(tx: Tx, id: string, version: number, data: Prisma.ArtefactUncheckedUpdateManyInput = {}): Promise<void> {
  const { count } = await tx.artefact.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  if (count !== 1) throw conflict(STALE_ARTEFACT);
}
