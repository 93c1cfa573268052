import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Role } from "@/lib/auth/permissions";
import { db, sqlTime } from "@/lib/db";
import type { Sort, TCaseListQuery } from "./list-filters";
import { SORT_KEYS, type Cursor, type Direction } from "./keyset";
import { visibleCasesSql } from "./visibility";

/**
 * The case list's page read in one raw query (issue 15), for every role but Admin (whose list reads
 * metadata only, through Prisma). Prisma built each row's account and assignee as JSON and sent the
 * LIMIT as a parameter, so PostgreSQL planned the query again on every request: on PGlite, Support's
 * first page cost 7.5 ms of CPU against 3.1 ms for this query, which keeps one plan.
 *
 * Every condition here is the Prisma form's in lib/cases/queries.ts (caseListWhere, keysetWhere,
 * the sort orders) written in SQL; tests/integration/case-list-sql.test.ts holds the two equal, row
 * for row, for every role, sort, filter and kind of page.
 */

/**
 * What a row of the case list shows, and nothing more (the whole summary: the row's title holds it),
 * as Prisma would select it: the reference form the raw read is tested against, and the rows' type.
 */
export const LIST_ROW_SELECT = {
  id: true,
  reference: true,
  status: true,
  team: true,
  createdAt: true,
  requestedAt: true,
  summary: true,
  priority: true,
  nextUpdateDue: true,
  resolution: true,
  updatedAt: true, // the "Recently updated" sort's cursor
  account: { select: { name: true } },
  assignee: { select: { name: true } },
} as const satisfies Prisma.CaseSelect;

export type ListRow = Prisma.CaseGetPayload<{ select: typeof LIST_ROW_SELECT }>;

const DAY = 86_400_000;

/** LIKE's wildcards and its escape character, taken literally: a search for "50%" finds "50%". */
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** caseListWhere (lib/cases/queries.ts) in SQL, over the table `c`: the user's visibility and the list's filters. */
export function caseListSql(user: { id: string; role: Exclude<Role, "admin"> }, q: Partial<TCaseListQuery>, now: Date, managedAccountIds?: string[]): Prisma.Sql[] {
  const and = [visibleCasesSql(user, managedAccountIds)];
  if (q.status?.length) and.push(Prisma.sql`c."status" IN (${Prisma.join(q.status.map((s) => Prisma.sql`${s}::"CaseStatus"`))})`);
  if (q.resolution) and.push(Prisma.sql`c."resolution" = ${q.resolution}::"CaseResolution"`);
  if (q.outcome) and.push(Prisma.sql`c."outcome" = ${q.outcome}::"Outcome"`);
  if (q.team) and.push(Prisma.sql`c."team" = ${q.team}::"Team"`);
  if (q.account) and.push(Prisma.sql`c."accountId" = ${q.account}`);
  if (q.author) and.push(Prisma.sql`c."authorId" = ${q.author}`);
  if (q.age) {
    const days = { "1d": 1, "7d": 7, "30d": 30, older: 30 }[q.age];
    const edge = new Date(now.getTime() - days * DAY);
    and.push(q.age === "older" ? Prisma.sql`c."createdAt" < ${sqlTime(edge)}` : Prisma.sql`c."createdAt" >= ${sqlTime(edge)}`);
  }
  // The trigram-indexed text (lowercased when it is written), as Prisma's `contains` reads it.
  if (q.q) and.push(Prisma.sql`c."searchText" LIKE ${`%${likeLiteral(q.q.toLowerCase())}%`}`);
  return and;
}

/** keysetWhere (lib/cases/keyset.ts) in SQL: the rows after (or before) the cursor in the list's order. */
export function keysetSql(sort: Sort, cursor: Cursor, direction: Direction): Prisma.Sql {
  const { field, dir, nullable } = SORT_KEYS[sort];
  const forward = direction === "after";
  const op = Prisma.raw((dir === "desc") === forward ? "<" : ">");
  const f = Prisma.raw(`c."${field}"`);
  const idPast = Prisma.sql`c."id" ${op} ${cursor.id}`;
  if (cursor.value === null) return forward ? Prisma.sql`(${f} IS NULL AND ${idPast})` : Prisma.sql`(${f} IS NOT NULL OR (${f} IS NULL AND ${idPast}))`;
  const v = cursor.value instanceof Date ? sqlTime(cursor.value) : Prisma.sql`${cursor.value}`;
  const past = Prisma.sql`(${f} ${op}= ${v} AND (${f} ${op} ${v} OR ${idPast}))`;
  return nullable && forward ? Prisma.sql`(${past} OR ${f} IS NULL)` : past;
}

/** The list's order (ORDER in queries.ts), or for "before" its reverse, over the table or subquery `t`. */
export function listOrderSql(sort: Sort, direction: Direction, t = "c"): Prisma.Sql {
  const { field, dir, nullable } = SORT_KEYS[sort];
  const d = direction === "after" ? dir : dir === "asc" ? "desc" : "asc";
  // Prisma writes a plain ASC/DESC where no nulls are asked for (PostgreSQL: nulls last ascending, first descending).
  const nulls = nullable ? (direction === "after" ? " NULLS LAST" : " NULLS FIRST") : "";
  return Prisma.raw(`${t}."${field}" ${d.toUpperCase()}${nulls}, ${t}."id" ${d.toUpperCase()}`);
}

type FlatRow = Omit<ListRow, "account" | "assignee" | "status" | "team" | "resolution"> & { status: string; team: string | null; resolution: string | null; accountName: string; assigneeName: string | null };

/**
 * Rows of the list, in one query: the cases matching `conditions` in `order`, `limit` of them past
 * `offset`, joined to their account and assignee. The limit is written into the text: PostgreSQL
 * plans a LIMIT it cannot see for a tenth of the rows and then re-plans on every run; the offset,
 * sent only past the first page, is a parameter, so each depth is not a statement of its own.
 */
export async function listRowsSql(conditions: Prisma.Sql[], order: { sort: Sort; direction: Direction }, limit: number, offset = 0): Promise<ListRow[]> {
  const rows = await db().$queryRaw<FlatRow[]>`
    SELECT p."id", p."reference", p."status"::text AS "status", p."team"::text AS "team", p."createdAt", p."requestedAt", p."summary", p."priority",
           p."nextUpdateDue", p."resolution"::text AS "resolution", p."updatedAt", a."name" AS "accountName", u."name" AS "assigneeName"
    FROM (
      SELECT c."id", c."reference", c."status", c."team", c."createdAt", c."requestedAt", c."summary", c."priority", c."nextUpdateDue",
             c."resolution", c."updatedAt", c."accountId", c."assigneeId"
      FROM "Case" c WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY ${listOrderSql(order.sort, order.direction)} LIMIT ${Prisma.raw(String(Math.floor(limit)))}${offset > 0 ? Prisma.sql` OFFSET ${offset}` : Prisma.empty}
    ) p
    JOIN "Account" a ON a."id" = p."accountId"
    LEFT JOIN "User" u ON u."id" = p."assigneeId"
    ORDER BY ${listOrderSql(order.sort, order.direction, "p")}`;
  return rows.map(({ accountName, assigneeName, status, team, resolution, ...r }) => ({
    ...r,
    status: status as ListRow["status"],
    team: team as ListRow["team"],
    resolution: resolution as ListRow["resolution"],
    account: { name: accountName },
    assignee: assigneeName === null ? null : { name: assigneeName },
  }));
}
