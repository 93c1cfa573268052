import { Prisma } from "@/generated/prisma/client";
import type { Role } from "@/lib/auth/permissions";

/**
 * Who sees a case (DESIGN.md), as a Prisma `where`. Every read of cases goes
 * through this, so a case the user may not see is simply not found (404).
 * Drafts are their author's alone. Admin sees every case, but only the
 * metadata columns (enforced by the select in the admin queries).
 */
export function visibleCasesWhere(user: { id: string; role: Role }): Prisma.CaseWhereInput {
  const notOthersDraft: Prisma.CaseWhereInput = { OR: [{ status: { not: "draft" } }, { authorId: user.id }] };
  switch (user.role) {
    case "support":
      return { AND: [notOthersDraft, { OR: [{ team: "support" }, { authorId: user.id }] }] };
    case "csm":
      return { AND: [notOthersDraft, { OR: [{ account: { managers: { some: { userId: user.id } } } }, { authorId: user.id }] }] };
    case "sirt":
      // SIRT works its own cases and gives the security approval of every artefact, Support's included.
      // `artefactReview` is set once a case's artefact reaches review (a flag, so the list stays on indexes).
      return { AND: [{ status: { not: "draft" } }, { OR: [{ team: "sirt" }, { artefactReview: true }] }] };
    case "legal":
      return {
        AND: [
          { status: { not: "draft" } },
          {
            // The flag first: PostgreSQL tries an OR's arms in the order written, so a case in
            // artefact review is decided without the two EXISTS lookups (issue 15).
            OR: [
              { artefactReview: true },
              { exceptions: { some: {} } },
              { referrals: { some: {} } },
            ],
          },
        ],
      };
    case "admin":
      return { status: { not: "draft" } };
  }
}

/**
 * A CSM's visibility with its managed accounts read beforehand (managedAccountIds): the same cases
 * as visibleCasesWhere's csm branch, as `accountId IN (...) OR authorId = me`, which PostgreSQL
 * answers from the accountId and authorId indexes instead of scanning every case against a join
 * (issue 15: 133 ms per count on 100,000 cases).
 */
export function csmVisibleCasesWhere(user: { id: string }, managedAccountIds: string[]): Prisma.CaseWhereInput {
  return { AND: [{ OR: [{ status: { not: "draft" } }, { authorId: user.id }] }, { OR: [{ accountId: { in: managedAccountIds } }, { authorId: user.id }] }] };
}

/**
 * visibleCasesWhere in SQL, over the case table aliased `c`, for the raw reads of lists (issue 15:
 * Prisma's JSON relations and re-planned LIMITs). With a CSM's managed accounts read beforehand,
 * csmVisibleCasesWhere's form; without, the same with the accounts read inside the query.
 * tests/integration/case-list-sql.test.ts and approval-queue.test.ts hold the reads that use it
 * equal to Prisma's for every role.
 */
export function visibleCasesSql(user: { id: string; role: Role }, managedAccountIds?: string[]): Prisma.Sql {
  const notOthersDraft = Prisma.sql`(c."status" <> 'draft' OR c."authorId" = ${user.id})`;
  switch (user.role) {
    case "support":
      return Prisma.sql`${notOthersDraft} AND (c."team" = 'support' OR c."authorId" = ${user.id})`;
    case "csm":
      return managedAccountIds
        ? Prisma.sql`${notOthersDraft} AND (c."accountId" = ANY(${managedAccountIds}::text[]) OR c."authorId" = ${user.id})`
        : // The managed accounts as an array read once per query (an InitPlan), used like the list above: one
          // round trip where reading them first took two (the CSM's first page of rows 5.3-5.9 -> 3.8-4.5 ms
          // of CPU on PGlite).
          Prisma.sql`${notOthersDraft} AND (c."accountId" = ANY(ARRAY(SELECT m."accountId" FROM "AccountManager" m WHERE m."userId" = ${user.id})) OR c."authorId" = ${user.id})`;
    case "sirt":
      return Prisma.sql`c."status" <> 'draft' AND (c."team" = 'sirt' OR c."artefactReview")`;
    case "legal":
      // The flag first, as in visibleCasesWhere: a case in artefact review is decided without the lookups.
      return Prisma.sql`c."status" <> 'draft' AND (c."artefactReview" OR EXISTS (SELECT 1 FROM "LegalException" x WHERE x."caseId" = c."id") OR EXISTS (SELECT 1 FROM "SubpoenaReferral" y WHERE y."caseId" = c."id"))`;
    case "admin":
      return Prisma.sql`c."status" <> 'draft'`;
  }
}

/**
 * The cases a user may change (issue 12, finding 3): reading and writing are different scopes.
 * SIRT sees a Support case whose artefact awaits its security approval, but that approval
 * (lockVisibleCase's `review`) is the only thing it writes there: timeline entries, the incident
 * impact, the scope, triage and artefacts are for cases routed to SIRT. Legal's writes are its
 * own decisions (exceptions, referrals, reviews) on the cases it sees; Support and the CSM write
 * where they read (the author of a case routed to SIRT still relays, shares and notifies).
 * Admin never writes case contents (the guard refuses it before any query).
 */
export function writableCasesWhere(user: { id: string; role: Role }): Prisma.CaseWhereInput {
  if (user.role === "sirt") return { AND: [{ status: { not: "draft" } }, { team: "sirt" }] };
  return visibleCasesWhere(user);
}

/**
 * writableCasesWhere decided on a case the user already sees (found through the case guard), in
 * memory instead of a second query: a page shows the close or reopen form from it (issue 15). Kept
 * in step with writableCasesWhere by tests/integration/case-write-scope.test.ts, which compares the
 * two for every role on cases of every team and status.
 */
export function mayWriteSeenCase(user: { role: Role }, c: { status: string; team: string | null }): boolean {
  if (user.role === "sirt") return c.status !== "draft" && c.team === "sirt";
  return true;
}

/** The columns Admin may see of any case: no contents. */
export const CASE_METADATA_SELECT = {
  id: true,
  reference: true,
  status: true,
  team: true,
  createdAt: true,
  requestedAt: true,
  acceptedAt: true,
  closedAt: true,
  updatedAt: true,
} as const satisfies Prisma.CaseSelect;
