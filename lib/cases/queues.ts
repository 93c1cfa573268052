import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { db, epochMs, offsetRead } from "@/lib/db";
import { DEFAULT_CALENDAR } from "@/lib/cadence";
import { timeZonesFor } from "./calendar";
import { ZQueueQuery, type QueueSort, type TQueueQuery } from "./triage-schemas";
import { visibleCasesWhere } from "./visibility";
import { COUNT_CAP, cappedTotal, countUnlessWhole } from "@/lib/format/count";
import { cappedCounts } from "@/lib/format/count-cache";

/** Rows per page of a team queue (issue 15: 50 rows of triage controls made a 256 KB page). */
export const QUEUE_PAGE = 25;

/** The case as the triage operations read it (assign-case, set-priority, mark-needs-rescope). */
export const TRIAGE_CASE = {
  select: { id: true, reference: true, status: true, team: true, version: true, assigneeId: true, priority: true, authorId: true, account: { select: { name: true } } },
} as const satisfies Omit<Prisma.CaseFindFirstArgs, "where">;

const ORDER: Record<QueueSort, Prisma.CaseOrderByWithRelationInput[]> = {
  // P1 first; a case with no priority yet comes after P4 (still inside the unassigned block at the top).
  triage: [{ assigneeId: { sort: "asc", nulls: "first" } }, { priority: { sort: "asc", nulls: "last" } }, { acceptedAt: "asc" }, { id: "asc" }],
  due: [{ nextUpdateDue: { sort: "asc", nulls: "last" } }, { acceptedAt: "asc" }, { id: "asc" }],
  oldest: [{ acceptedAt: "asc" }, { id: "asc" }],
  newest: [{ acceptedAt: "desc" }, { id: "desc" }],
};

/**
 * The routed team's open work: accepted and in-progress cases. Filters (who
 * it is assigned to, priority, extended window only) and sorts (default:
 * unassigned first, then priority, then oldest; or by next update due, or by
 * age), paginated. A bare page number still works (the default query). With the team's time zone,
 * in which its next-update times are shown beside UTC, and its members (teamMembers), to whom a
 * case may be assigned.
 */
export async function teamQueue(user: SessionUser, team: "support" | "sirt", query: number | Partial<TQueueQuery> = 1) {
  const q = ZQueueQuery.parse(typeof query === "number" ? { page: query } : query);
  const filters: Prisma.CaseWhereInput[] = [];
  if (q.assignee === "me") filters.push({ assigneeId: user.id });
  if (q.assignee === "unassigned") filters.push({ assigneeId: null });
  if (q.priority) filters.push({ priority: q.priority === "none" ? null : Number(q.priority) });
  if (q.extended) filters.push({ extended: true });
  const where: Prisma.CaseWhereInput = { AND: [visibleCasesWhere(user), { team, status: { in: ["accepted", "in_progress"] } }, ...filters] };
  const member = user.role === team;
  const page = member
    ? await teamQueuePageWithZone(team, q, user.id)
    : { rows: await db().case.findMany({ ...offsetRead((q.page - 1) * QUEUE_PAGE), where, select: QUEUE_ROW_SELECT, orderBy: ORDER[q.sort], take: QUEUE_PAGE + 1 }), timeZone: null, members: null };
  const [counted, timeZone, members] = await Promise.all([
    // Counted only when the first page does not hold the whole queue (countUnlessWhole).
    countUnlessWhole(q.page, page.rows.length, QUEUE_PAGE, () =>
      cappedCounts.count(JSON.stringify(["queue", team, user.id, user.role, q.assignee, q.priority, q.extended]), () =>
        member ? teamQueueCount(team, q, user.id) : db().case.count({ where, orderBy: ORDER[q.sort], take: COUNT_CAP + 1 }),
      ),
    ),
    // The team's time zone came with the page's rows; an empty page (or another team's queue) asks.
    page.timeZone ?? timeZonesFor(user).then((zones) => zones[team]),
    // Who a case may be assigned to: they came with the page's rows too; an empty page asks.
    page.members ?? teamMembers(team),
  ]);
  const rows = page.rows;
  return { rows: rows.slice(0, QUEUE_PAGE), hasNext: rows.length > QUEUE_PAGE, ...cappedTotal(counted), page: q.page, pageSize: QUEUE_PAGE, query: q, timeZone, members };
}

export const QUEUE_ROW_SELECT = {
  id: true,
  reference: true,
  status: true,
  version: true,
  extended: true,
  personalData: true,
  priority: true,
  acceptedAt: true,
  nextUpdateDue: true,
  summary: true,
  account: { select: { name: true } },
  assignee: { select: { id: true, name: true } },
} as const satisfies Prisma.CaseSelect;

/** The SQL of the queue's conditions for a member of the team (teamQueueCount, teamQueuePage). */
function teamQueueConditions(team: "support" | "sirt", q: TQueueQuery, userId: string): Prisma.Sql[] {
  // The open statuses as literals, not parameters: the queue's partial indexes (migration
  // 20261205233000) hold only these rows, and PostgreSQL uses them only when it can see that.
  const conds = [Prisma.sql`"team" = ${team}::"Team"`, Prisma.sql`"status" IN ('accepted', 'in_progress')`];
  if (q.assignee === "me") conds.push(Prisma.sql`"assigneeId" = ${userId}`);
  if (q.assignee === "unassigned") conds.push(Prisma.sql`"assigneeId" IS NULL`);
  if (q.priority) conds.push(q.priority === "none" ? Prisma.sql`"priority" IS NULL` : Prisma.sql`"priority" = ${Number(q.priority)}`);
  if (q.extended) conds.push(Prisma.sql`"extended" = true`);
  return conds;
}

/** ORDER (above) in SQL, the same columns, directions and nulls, of the table or subquery `t`. */
function orderSql(sort: QueueSort, t: string): Prisma.Sql {
  const c = (column: string) => Prisma.raw(`${t}."${column}"`);
  switch (sort) {
    case "triage":
      return Prisma.sql`${c("assigneeId")} ASC NULLS FIRST, ${c("priority")} ASC NULLS LAST, ${c("acceptedAt")} ASC, ${c("id")} ASC`;
    case "due":
      return Prisma.sql`${c("nextUpdateDue")} ASC NULLS LAST, ${c("acceptedAt")} ASC, ${c("id")} ASC`;
    case "oldest":
      return Prisma.sql`${c("acceptedAt")} ASC, ${c("id")} ASC`;
    case "newest":
      return Prisma.sql`${c("acceptedAt")} DESC, ${c("id")} DESC`;
  }
}

/** A queue row as QUEUE_ROW_SELECT reads it. */
export type QueueRow = Prisma.CaseGetPayload<{ select: typeof QUEUE_ROW_SELECT }>;

type FlatQueueRow = Omit<QueueRow, "account" | "assignee" | "status"> & { status: string; accountName: string; assigneeId: string | null; assigneeName: string | null };

/**
 * A page of a team's queue (one row more, for Next) for a member of that team, in one raw query:
 * the page's cases read in the order of the queue's partial index, then joined to their account and
 * assignee. Prisma sends the open statuses as parameters cast to the enum, which PostgreSQL cannot
 * match to a partial index, so it read and sorted the whole queue: SIRT's 6,666 open cases, 11 ms
 * a page at 100,000 cases, against 0.3 ms here. The rows were then a second query, with the account
 * and assignee built as JSON per row: one query instead of two took a third of the page's time on
 * PGlite's thread (issue 15). triage.test.ts holds these pages equal to Prisma's, row for row, for
 * every filter and sort.
 */
export async function teamQueuePage(team: "support" | "sirt", q: TQueueQuery, userId: string): Promise<QueueRow[]> {
  return (await teamQueuePageWithZone(team, q, userId)).rows;
}

/**
 * The page's LIMIT written into the text, not sent as a parameter: PostgreSQL plans a LIMIT it
 * cannot see for a tenth of the rows, so the plan it would keep for the statement looked worse than
 * one made for each run, and it planned the query again on every request (on PGlite about as long
 * as running it). With the number in the text, the first page's query keeps one plan. Pages past
 * the first send their OFFSET as a parameter, so each depth is not a statement of its own.
 */
const PAGE_LIMIT = Prisma.raw(String(QUEUE_PAGE + 1));

/**
 * teamQueuePage, with the team's time zone read in the same query (its calendar's, or the default
 * calendar's when Admin set none): null when the page has no rows.
 */
async function teamQueuePageWithZone(team: "support" | "sirt", q: TQueueQuery, userId: string): Promise<{ rows: QueueRow[]; timeZone: string | null; members: TeamMember[] | null }> {
  const rows = await db().$queryRaw<(FlatQueueRow & { teamTimeZone: string | null; members: TeamMember[] | null })[]>`
    SELECT c."id", c."reference", c."status"::text AS "status", c."version", c."extended", c."personalData", c."priority",
           c."acceptedAt", c."nextUpdateDue", c."summary", a."name" AS "accountName", u."id" AS "assigneeId", u."name" AS "assigneeName",
           k."timeZone" AS "teamTimeZone",
           -- The members of the team (teamMembers), read once and sent on one row only.
           CASE WHEN row_number() OVER () = 1 THEN
             (SELECT coalesce(json_agg(json_build_object('id', m."id", 'name', m."name") ORDER BY m."name", m."id"), '[]') FROM "User" m WHERE m."role" = ${team}::"Role" AND m."active")
           END AS "members"
    FROM (
      SELECT "id", "reference", "status", "version", "extended", "personalData", "priority", "acceptedAt", "nextUpdateDue", "summary", "accountId", "assigneeId"
      FROM "Case" WHERE ${Prisma.join(teamQueueConditions(team, q, userId), " AND ")}
      ORDER BY ${orderSql(q.sort, `"Case"`)} LIMIT ${PAGE_LIMIT}${q.page > 1 ? Prisma.sql` OFFSET ${(q.page - 1) * QUEUE_PAGE}` : Prisma.empty}
    ) c
    JOIN "Account" a ON a."id" = c."accountId"
    LEFT JOIN "User" u ON u."id" = c."assigneeId"
    LEFT JOIN "Calendar" k ON k."team" = ${team}::"Team"
    ORDER BY ${orderSql(q.sort, "c")}`;
  return {
    rows: rows.map(({ accountName, assigneeId, assigneeName, status, teamTimeZone: _zone, members: _members, ...r }) => ({
      ...r,
      status: status as QueueRow["status"],
      account: { name: accountName },
      assignee: assigneeId ? { id: assigneeId, name: assigneeName! } : null,
    })),
    timeZone: rows.length ? (rows[0]!.teamTimeZone ?? DEFAULT_CALENDAR.timeZone) : null,
    members: rows.find((r) => r.members)?.members ?? null,
  };
}

/**
 * A team queue's count for a member of that team, up to COUNT_CAP + 1, read in no order. Prisma
 * orders every capped count (by id, or as asked), which made PostgreSQL sort all of the queue's
 * cases to count them: at 100,000 cases SIRT's 6,666 open cases, 23 ms on PGlite of a page's 37,
 * against 2 ms here. The member's visibility (visibleCasesWhere) is implied by the team and the
 * two open statuses, so the conditions are the queue's filters alone; triage.test.ts holds this
 * count equal to Prisma's for every filter.
 */
export async function teamQueueCount(team: "support" | "sirt", q: TQueueQuery, userId: string): Promise<number> {
  const [row] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Case" WHERE ${Prisma.join(teamQueueConditions(team, q, userId), " AND ")} LIMIT ${COUNT_CAP + 1}) AS capped`;
  return row!.n;
}

export type TeamMember = { id: string; name: string };

/** Who a team's case may be assigned to: its active members, by name (teamQueue reads them with its page). */
export async function teamMembers(team: "support" | "sirt"): Promise<TeamMember[]> {
  return db().user.findMany({ where: { role: team, active: true }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** Legal's queue: exception requests and subpoena referrals waiting for Legal, oldest first. */
export const LEGAL_PAGE = 25;
const LEGAL_LIMIT = Prisma.raw(String(LEGAL_PAGE + 1));

/**
 * Legal's queue: exception requests and subpoena referrals waiting for Legal,
 * oldest first by default, each list paginated on its own and counted up to COUNT_CAP.
 * The case filter is visibility's draft rule only: a case with an exception request or a referral
 * is one Legal sees (visibleCasesWhere's legal branch), and asking the whole rule again per row made
 * the planner read and sort every waiting request (issue 15). legal-queue.test.ts holds the two equal.
 */
export async function legalQueue(user: SessionUser, opts: { newestFirst?: boolean; exceptionsPage?: number; referralsPage?: number } = {}) {
  if (user.role !== "legal") return { exceptions: [], exceptionsTotal: 0, exceptionsCapped: false, exceptionsHasNext: false, referrals: [], referralsTotal: 0, referralsCapped: false, referralsHasNext: false };
  const order = { createdAt: opts.newestFirst ? ("desc" as const) : ("asc" as const) };
  const exWhere = { status: "requested" as const, case: LEGAL_QUEUE_CASE };
  const refWhere = { status: "open" as const, case: LEGAL_QUEUE_CASE };
  const exceptionsPage = Math.max(1, opts.exceptionsPage ?? 1);
  const referralsPage = Math.max(1, opts.referralsPage ?? 1);
  const { exceptions, referrals } = await legalQueuePages(exceptionsPage, referralsPage, !!opts.newestFirst);
  // Counted only when the first page does not hold the whole list (countUnlessWhole).
  const [exCount, refCount] = await Promise.all([
    countUnlessWhole(exceptionsPage, exceptions.length, LEGAL_PAGE, () =>
      cappedCounts.count(`legal-exceptions:${user.id}`, () => db().legalException.count({ where: exWhere, orderBy: [order, { id: "asc" }], take: COUNT_CAP + 1 })),
    ),
    countUnlessWhole(referralsPage, referrals.length, LEGAL_PAGE, () =>
      cappedCounts.count(`legal-referrals:${user.id}`, () => db().subpoenaReferral.count({ where: refWhere, orderBy: [order, { id: "asc" }], take: COUNT_CAP + 1 })),
    ),
  ]);
  const ex = cappedTotal(exCount);
  const ref = cappedTotal(refCount);
  return {
    exceptions: exceptions.slice(0, LEGAL_PAGE),
    exceptionsTotal: ex.total,
    exceptionsCapped: ex.capped,
    exceptionsHasNext: exceptions.length > LEGAL_PAGE,
    referrals: referrals.slice(0, LEGAL_PAGE),
    referralsTotal: ref.total,
    referralsCapped: ref.capped,
    referralsHasNext: referrals.length > LEGAL_PAGE,
  };
}

/**
 * A page of each of Legal's lists (one row more, for Next): waiting exception requests and open
 * subpoena referrals, with their case and account, in one raw query with the LIMITs in its text.
 * Prisma built each row's case and account as JSON and sent the LIMIT as a parameter, so PostgreSQL
 * planned the query again on every request; at 100,000 cases that was the most expensive read of
 * Legal's page on PGlite; then the two lists were a query each, a round trip each (issue 15).
 * legal-queue.test.ts holds both lists equal to Prisma's pages, row for row.
 */
export async function legalQueuePages(exceptionsPage: number, referralsPage: number, newestFirst: boolean) {
  const dir = newestFirst ? Prisma.raw("DESC") : Prisma.raw("ASC");
  const offset = (page: number) => (page > 1 ? Prisma.sql` OFFSET ${(page - 1) * LEGAL_PAGE}` : Prisma.empty);
  type Ex = { id: string; reason: string; createdAt: number; caseId: string; reference: string | null; accountName: string; plan: string };
  type Ref = { id: string; resources: Prisma.JsonValue; createdAt: number; caseId: string; reference: string | null; accountName: string };
  const [row] = await db().$queryRaw<{ exceptions: Ex[]; referrals: Ref[] }[]>`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', p."id", 'reason', p."reason", 'createdAt', ${epochMs(Prisma.sql`p."createdAt"`)}, 'caseId', p."caseId", 'reference', p."reference", 'accountName', p."accountName", 'plan', p."plan")
                                ORDER BY p."createdAt" ${dir}, p."id" ASC), '[]') FROM (
        SELECT e."id", e."reason", e."createdAt", c."id" AS "caseId", c."reference", a."name" AS "accountName", a."plan"::text AS "plan"
        FROM "LegalException" e JOIN "Case" c ON c."id" = e."caseId" JOIN "Account" a ON a."id" = c."accountId"
        WHERE e."status" = ${"requested"}::"ExceptionStatus" AND c."status" <> 'draft'
        ORDER BY e."createdAt" ${dir}, e."id" ASC
        LIMIT ${LEGAL_LIMIT}${offset(exceptionsPage)}) p) AS "exceptions",
      (SELECT coalesce(json_agg(json_build_object('id', p."id", 'resources', p."resources", 'createdAt', ${epochMs(Prisma.sql`p."createdAt"`)}, 'caseId', p."caseId", 'reference', p."reference", 'accountName', p."accountName")
                                ORDER BY p."createdAt" ${dir}, p."id" ASC), '[]') FROM (
        SELECT r."id", r."resources", r."createdAt", c."id" AS "caseId", c."reference", a."name" AS "accountName"
        FROM "SubpoenaReferral" r JOIN "Case" c ON c."id" = r."caseId" JOIN "Account" a ON a."id" = c."accountId"
        WHERE r."status" = ${"open"}::"ReferralStatus" AND c."status" <> 'draft'
        ORDER BY r."createdAt" ${dir}, r."id" ASC
        LIMIT ${LEGAL_LIMIT}${offset(referralsPage)}) p) AS "referrals"`;
  return {
    exceptions: row!.exceptions.map((r) => ({
      id: r.id,
      reason: r.reason,
      createdAt: new Date(r.createdAt),
      case: { id: r.caseId, reference: r.reference, account: { name: r.accountName, plan: r.plan as Prisma.AccountGetPayload<{ select: { plan: true } }>["plan"] } },
    })),
    referrals: row!.referrals.map((r) => ({ id: r.id, resources: r.resources, createdAt: new Date(r.createdAt), case: { id: r.caseId, reference: r.reference, account: { name: r.accountName } } })),
  };
}

/** The case filter of Legal's queue lists (see legalQueue). */
export const LEGAL_QUEUE_CASE = { status: { not: "draft" } } as const satisfies Prisma.CaseWhereInput;
