import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { nextUpdateDue, type BusinessCalendar } from "@/lib/cadence";
import { teamCalendars, type TeamTimeZones } from "@/lib/cases/calendar";
import { managedAccountIds } from "@/lib/accounts/queries";
import { csmVisibleCasesWhere, visibleCasesSql, visibleCasesWhere } from "@/lib/cases/visibility";
import { db, epochMs, sqlTime, type Tx } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { OPEN_FOR_UPDATES, countPerDay, type DueDay } from "./due";
import { COUNT_CAP, cappedTotal } from "@/lib/format/count";
import { cappedCounts } from "@/lib/format/count-cache";

export { OPEN_FOR_UPDATES } from "./due";
export type { DueDay } from "./due";
/** "Due soon" = due within the next 4 hours of the case team's business time (lib/cadence). */
export const DUE_SOON_BUSINESS_HOURS = 4;
export const BOARD_PAGE = 25;

// Not lib/auth/session's authorize: this module is loaded by the server's worker
// (reminders), outside Next's request context, where next-auth cannot be imported.
function authorize(user: { role: SessionUser["role"] }) {
  if (!can(user.role, "updates.read")) throw forbidden();
}

export type BoardScope = "mine" | "team";
export type DueGroup = "overdue" | "due_soon" | "later";
const TEAMS = ["support", "sirt"] as const;
const GROUPS = ["overdue", "due_soon", "later"] as const;

export interface BoardRow {
  id: string;
  reference: string | null;
  status: string;
  account: string;
  team: "support" | "sirt";
  due: Date;
  /** The team's time zone: the due time is on its calendar, so it is shown in it beside UTC. */
  timeZone: string;
  group: DueGroup;
  /** "overdue by 2 h 5 min" / "due in 3 days 1 h" (real time). */
  dueInWords: string;
  extended: boolean;
  lastRelayAt: Date | null;
  /** A relayable entry newer than the last relay (or any, before the first relay). */
  hasUpdateToRelay: boolean;
}

/**
 * Who the scope narrows to: a CSM's managed accounts; a Support agent's own or assigned cases; "team" = all the user sees.
 * With `managedAccountIds` (a CSM's, read beforehand) the CSM's accounts are `accountId IN (...)`, answered from the
 * accountId index instead of a join per case (as the case list does: lib/cases/visibility.ts csmVisibleCasesWhere).
 */
export function scopeWhere(user: { id: string; role: string }, scope: BoardScope, managedAccountIds?: string[]): Prisma.CaseWhereInput {
  if (scope === "team") return {};
  if (user.role === "csm") return managedAccountIds ? { accountId: { in: managedAccountIds } } : { account: { managers: { some: { userId: user.id } } } };
  return { OR: [{ authorId: user.id }, { assigneeId: user.id }] };
}

/** Open cases with a running update clock that this user may see, in the given scope. */
export function boardWhere(user: SessionUser, scope: BoardScope, managedAccountIds?: string[]): Prisma.CaseWhereInput {
  return {
    AND: [visibleWhere(user, managedAccountIds), scopeWhere(user, scope, managedAccountIds), { status: { in: [...OPEN_FOR_UPDATES] }, nextUpdateDue: { not: null }, team: { not: null } }],
  };
}

function visibleWhere(user: SessionUser, managedAccountIds?: string[]): Prisma.CaseWhereInput {
  return user.role === "csm" && managedAccountIds ? csmVisibleCasesWhere(user, managedAccountIds) : visibleCasesWhere(user);
}

/** The board's statuses as literals: PostgreSQL sees them in the plan it keeps for the statement. */
const OPEN_SQL = Prisma.raw(OPEN_FOR_UPDATES.map((s) => `'${s}'`).join(", "));

/**
 * boardWhere in SQL, over the case table `c`, for the board's raw reads (issue 15). Held equal to
 * the Prisma form by tests/integration/updates-board-sql.test.ts for both roles and scopes.
 */
export function boardSql(user: { id: string; role: SessionUser["role"] }, scope: BoardScope, managedAccountIds?: string[]): Prisma.Sql {
  return Prisma.join([...visibleInScopeSql(user, scope, managedAccountIds), Prisma.sql`c."status" IN (${OPEN_SQL}) AND c."nextUpdateDue" IS NOT NULL AND c."team" IS NOT NULL`], " AND ");
}

/** visibleWhere and scopeWhere in SQL, over the case table `c`. */
function visibleInScopeSql(user: { id: string; role: SessionUser["role"] }, scope: BoardScope, managedAccountIds?: string[]): Prisma.Sql[] {
  const conds = [visibleCasesSql(user, managedAccountIds)];
  if (scope === "mine") {
    if (user.role !== "csm") conds.push(Prisma.sql`(c."authorId" = ${user.id} OR c."assigneeId" = ${user.id})`);
    else if (managedAccountIds) conds.push(Prisma.sql`c."accountId" = ANY(${managedAccountIds}::text[])`);
    else conds.push(Prisma.sql`EXISTS (SELECT 1 FROM "AccountManager" m WHERE m."accountId" = c."accountId" AND m."userId" = ${user.id})`);
  }
  return conds;
}

/**
 * The accounts a CSM manages, for the board's reads (undefined for other roles). At 100,000 cases the
 * join form cost a CSM's board 50 ms of PostgreSQL per query, two of them per request (issue 15).
 */
export async function managedBy(tx: Tx, user: SessionUser): Promise<string[] | undefined> {
  return user.role === "csm" ? managedAccountIds(user.id, tx) : undefined;
}

/** What the board's reads share: a CSM's managed accounts, read once per request (managedBy). */
export interface BoardContext {
  managedAccountIds: string[] | undefined;
}

const contextOf = async (user: SessionUser, ctx?: BoardContext): Promise<BoardContext> => ctx ?? { managedAccountIds: await managedBy(db(), user) };

/**
 * Per team, the instant at which 4 business hours from `now` have passed (due at or before it is
 * "due soon"), and the team's time zone (due times are shown in it beside UTC): one calendar read,
 * or none with the calendars read with the user's session on a page request (lib/auth/session.ts).
 */
export async function dueSoonLimitsAndZones(tx: Tx, now: Date, calendars?: Record<"support" | "sirt", BusinessCalendar>): Promise<{ limits: Record<"support" | "sirt", Date>; zones: TeamTimeZones }> {
  const { support, sirt } = calendars ?? (await teamCalendars(tx));
  return {
    limits: { support: nextUpdateDue(now, support, DUE_SOON_BUSINESS_HOURS), sirt: nextUpdateDue(now, sirt, DUE_SOON_BUSINESS_HOURS) },
    zones: { support: support.timeZone, sirt: sirt.timeZone },
  };
}

export function groupOf(due: Date, team: "support" | "sirt", now: Date, limits: Record<"support" | "sirt", Date>): DueGroup {
  if (due.getTime() < now.getTime()) return "overdue";
  if (due.getTime() <= limits[team].getTime()) return "due_soon";
  return "later";
}

/** A duration in words, the two largest units: "3 days 4 h", "2 h 5 min", "under a minute". */
export function durationInWords(ms: number): string {
  const min = Math.floor(Math.abs(ms) / 60_000);
  if (min < 1) return "under a minute";
  const days = Math.floor(min / 1440);
  const hours = Math.floor((min % 1440) / 60);
  const mins = min % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} day${days === 1 ? "" : "s"}`);
  if (hours) parts.push(`${hours} h`);
  if (mins && !days) parts.push(`${mins} min`);
  return parts.slice(0, 2).join(" ");
}

export function dueInWords(due: Date, now: Date): string {
  const ms = due.getTime() - now.getTime();
  return ms < 0 ? `overdue by ${durationInWords(ms)}` : `due in ${durationInWords(ms)}`;
}

const ROW_SELECT = {
  id: true,
  reference: true,
  status: true,
  team: true,
  nextUpdateDue: true,
  extended: true,
  lastRelayAt: true,
  account: { select: { name: true } },
} as const satisfies Prisma.CaseSelect;

export type BoardCase = Prisma.CaseGetPayload<{ select: typeof ROW_SELECT }>;
export { ROW_SELECT as BOARD_ROW_SELECT };

/** A board row from its case and the time of its newest relayable timeline entry (null: none). */
function boardRowOf(c: BoardCase, newest: Date | null | undefined, now: Date, limits: Record<"support" | "sirt", Date>, zones: Record<"support" | "sirt", string>): BoardRow {
  const due = c.nextUpdateDue!;
  const team = c.team!;
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    account: c.account.name,
    team,
    due,
    timeZone: zones[team],
    group: groupOf(due, team, now, limits),
    dueInWords: dueInWords(due, now),
    extended: c.extended,
    lastRelayAt: c.lastRelayAt,
    hasUpdateToRelay: !!newest && (!c.lastRelayAt || newest > c.lastRelayAt),
  };
}

/** Board rows for cases read with ROW_SELECT: their group, due time in words, and whether an update waits to be relayed. */
export async function toBoardRows(tx: Tx, cases: BoardCase[], now: Date, limits: Record<"support" | "sirt", Date>, zones: Record<"support" | "sirt", string>): Promise<BoardRow[]> {
  const latest = cases.length
    ? await tx.timelineEntry.groupBy({ by: ["caseId"], where: { caseId: { in: cases.map((c) => c.id) }, visibility: "relayable" }, _max: { createdAt: true } })
    : [];
  const latestRelayable = new Map(latest.map((l) => [l.caseId, l._max.createdAt]));
  return cases.map((c) => boardRowOf(c, latestRelayable.get(c.id), now, limits, zones));
}

/**
 * A page of the board (one row more, for Next) in one raw query: the cases in due order, joined to
 * their account, each with its newest relayable timeline entry's time. Prisma built the account as
 * JSON per row and sent the LIMIT as a parameter (planned again on every request), and the entries
 * were a second query (issue 15). updates-board-sql.test.ts holds it equal to the Prisma form.
 */
async function boardPageSql(where: Prisma.Sql, page: number): Promise<(BoardCase & { newestRelayable: Date | null })[]> {
  const rows = await db().$queryRaw<(Omit<BoardCase, "account" | "status" | "team"> & { status: string; team: string; accountName: string; newestRelayable: Date | null })[]>`
    SELECT p."id", p."reference", p."status"::text AS "status", p."team"::text AS "team", p."nextUpdateDue", p."extended", p."lastRelayAt", a."name" AS "accountName",
           (SELECT max(t."createdAt") FROM "TimelineEntry" t WHERE t."caseId" = p."id" AND t."visibility" = 'relayable') AS "newestRelayable"
    FROM (
      SELECT c."id", c."reference", c."status", c."team", c."nextUpdateDue", c."extended", c."lastRelayAt", c."accountId"
      FROM "Case" c WHERE ${where}
      ORDER BY c."nextUpdateDue" ASC, c."id" ASC LIMIT ${Prisma.raw(String(BOARD_PAGE + 1))}${page > 1 ? Prisma.sql` OFFSET ${(page - 1) * BOARD_PAGE}` : Prisma.empty}
    ) p
    JOIN "Account" a ON a."id" = p."accountId"
    ORDER BY p."nextUpdateDue" ASC, p."id" ASC`;
  return rows.map(({ accountName, status, team, ...r }) => ({ ...r, status: status as BoardCase["status"], team: team as BoardCase["team"], account: { name: accountName } }));
}

/** Each group's cases as a Prisma `where` (the reference form of groupSql; the tests compare the two). */
export function groupWhere(group: DueGroup, now: Date, limits: Record<"support" | "sirt", Date>): Prisma.CaseWhereInput {
  switch (group) {
    case "overdue":
      return { nextUpdateDue: { lt: now } };
    case "due_soon":
      return { nextUpdateDue: { gte: now }, OR: TEAMS.map((team) => ({ team, nextUpdateDue: { lte: limits[team] } })) };
    case "later":
      // A team's due-soon limit is never before now, so past it is "later".
      return { OR: TEAMS.map((team) => ({ team, nextUpdateDue: { gt: limits[team] } })) };
  }
}

function groupSql(group: DueGroup, now: Date, limits: Record<"support" | "sirt", Date>): Prisma.Sql {
  switch (group) {
    case "overdue":
      return Prisma.sql`c."nextUpdateDue" < ${sqlTime(now)}`;
    case "due_soon":
      return Prisma.sql`c."nextUpdateDue" >= ${sqlTime(now)} AND ((c."team" = 'support' AND c."nextUpdateDue" <= ${sqlTime(limits.support)}) OR (c."team" = 'sirt' AND c."nextUpdateDue" <= ${sqlTime(limits.sirt)}))`;
    case "later":
      return Prisma.sql`((c."team" = 'support' AND c."nextUpdateDue" > ${sqlTime(limits.support)}) OR (c."team" = 'sirt' AND c."nextUpdateDue" > ${sqlTime(limits.sirt)}))`;
  }
}

/** The groups' counts, each up to COUNT_CAP + 1, in one query (three before, on every request of a long board). */
async function groupCountsSql(where: Prisma.Sql, groups: DueGroup[], now: Date, limits: Record<"support" | "sirt", Date>): Promise<Partial<Record<DueGroup, number>>> {
  if (!groups.length) return {};
  const [row] = await db().$queryRaw<Record<DueGroup, number>[]>`SELECT ${Prisma.join(groupCountColumns(where, groups, now, limits))}`;
  return row!;
}

/** Each group's count up to COUNT_CAP + 1, as a column named after the group. */
function groupCountColumns(where: Prisma.Sql, groups: DueGroup[], now: Date, limits: Record<"support" | "sirt", Date>): Prisma.Sql[] {
  const cap = Prisma.raw(String(COUNT_CAP + 1));
  return groups.map((g) => Prisma.sql`(SELECT count(*)::int FROM (SELECT 1 FROM "Case" c WHERE ${where} AND ${groupSql(g, now, limits)} LIMIT ${cap}) x) AS ${Prisma.raw(`"${g}"`)}`);
}

/**
 * Step 7's "Updates due" board: open cases ordered by due time (earliest,
 * i.e. most overdue, first), one page at a time, each grouped into overdue,
 * due soon and later; with the count of each group over all pages.
 *
 * Each group's count stops at COUNT_CAP ("1,000+"), as the case list's does, and a capped count is
 * remembered a minute (lib/format/count-cache.ts): the whole team's board at 100,000 cases (13,334
 * overdue) counted every open case three times per request, 40-54 ms of PostgreSQL each (issue 15).
 * Whether a next page exists comes from reading one row more than the page.
 */
export async function updatesDue(user: SessionUser, opts: { scope?: BoardScope; page?: number; now?: Date } = {}, ctx?: BoardContext) {
  authorize(user);
  const scope = opts.scope ?? "mine";
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const now = opts.now ?? new Date();
  const { managedAccountIds } = await contextOf(user, ctx);
  const where = boardSql(user, scope, managedAccountIds);
  const [{ limits, zones }, read] = await Promise.all([dueSoonLimitsAndZones(db(), now, user.calendars), boardPageSql(where, page)]);
  const known = knownCounts(user, scope);
  // Each group counted up to the cap, those not remembered as capped (lib/format/count-cache.ts) in one query.
  const fresh = wholeOnFirstPage(page, read) ? {} : await groupCountsSql(where, GROUPS.filter((_, i) => known[i] === undefined), now, limits);
  return assembleBoard(user, scope, page, now, read, limits, zones, known, fresh);
}

/** The key under which a group's capped count is remembered (lib/format/count-cache.ts). */
export const boardCountKey = (user: { id: string; role: string }, scope: BoardScope, g: DueGroup) => JSON.stringify(["updates", g, user.id, user.role, scope]);
/** Each group's count remembered as capped (lib/format/count-cache.ts), or undefined. */
const knownCounts = (user: { id: string; role: string }, scope: BoardScope) => GROUPS.map((g) => cappedCounts.known(boardCountKey(user, scope, g)));
/** A first page that holds the whole board is its own count, group by group (countUnlessWhole). */
const wholeOnFirstPage = (page: number, read: unknown[]) => page <= 1 && read.length <= BOARD_PAGE;

/** The board from its page's rows (one more than the page, for Next) and the counts of the groups not remembered. */
function assembleBoard(
  user: { id: string; role: string },
  scope: BoardScope,
  page: number,
  now: Date,
  read: (BoardCase & { newestRelayable: Date | null })[],
  limits: Record<"support" | "sirt", Date>,
  zones: TeamTimeZones,
  known: (number | undefined)[],
  fresh: Partial<Record<DueGroup, number>>,
) {
  const rows = read.slice(0, BOARD_PAGE).map((c) => boardRowOf(c, c.newestRelayable, now, limits, zones));
  let perGroup: number[];
  if (wholeOnFirstPage(page, read)) {
    perGroup = GROUPS.map((g) => rows.filter((r) => r.group === g).length);
  } else {
    for (const [g, n] of Object.entries(fresh) as [DueGroup, number][]) cappedCounts.remember(boardCountKey(user, scope, g), n);
    perGroup = GROUPS.map((g, i) => known[i] ?? fresh[g]!);
  }
  const [overdue, dueSoon, later] = perGroup as [number, number, number];
  const counts = { overdue: cappedTotal(overdue), dueSoon: cappedTotal(dueSoon), later: cappedTotal(later) };
  const capped = counts.overdue.capped || counts.dueSoon.capped || counts.later.capped;
  return {
    scope,
    page,
    pageSize: BOARD_PAGE,
    /** Every group's count added up; a lower bound when `capped`. */
    total: counts.overdue.total + counts.dueSoon.total + counts.later.total,
    capped,
    hasNext: read.length > BOARD_PAGE,
    now,
    counts,
    sections: {
      overdue: rows.filter((r) => r.group === "overdue"),
      dueSoon: rows.filter((r) => r.group === "due_soon"),
      later: rows.filter((r) => r.group === "later"),
    },
  };
}

/** At most this many due times are read for the chart; past it, the last days read are a lower bound. */
export const DUE_CHART_READ = 5000;

/**
 * Cases due per UTC day over the next `days` days from `now` (for the board's small chart): the due
 * times in order, at most DUE_CHART_READ of them, so a week busier than that shows its first days
 * exactly and the rest as "at least" (before, an unordered read of 5,000 undercounted any day).
 */
export async function duePerDay(user: SessionUser, opts: { scope?: BoardScope; now?: Date; days?: number } = {}, ctx?: BoardContext): Promise<DueDay[]> {
  authorize(user);
  const now = opts.now ?? new Date();
  const days = opts.days ?? 7;
  const { start, end } = chartWindow(now, days);
  const { managedAccountIds } = await contextOf(user, ctx);
  const dues = await db().case.findMany({
    where: { AND: [boardWhere(user, opts.scope ?? "mine", managedAccountIds), { nextUpdateDue: { gte: now, lt: end } }] },
    select: { nextUpdateDue: true },
    orderBy: { nextUpdateDue: "asc" },
    take: DUE_CHART_READ + 1,
  });
  return countPerDay(dues.slice(0, DUE_CHART_READ).map((d) => d.nextUpdateDue!), start, days, dues.length > DUE_CHART_READ);
}

/** The chart's days: from the start of today (UTC) for `days` days. */
function chartWindow(now: Date, days: number) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { start, end: new Date(start.getTime() + days * 86_400_000) };
}

export type UpdatesBoard = Awaited<ReturnType<typeof updatesDue>>;

/** At most this many incident notices are listed. */
const NOTICES_SHOWN = 100;

/** K2: incident notices to customers that are due and not yet recorded as sent, earliest deadline first. */
export async function incidentNoticesDue(user: SessionUser, opts: { scope?: BoardScope } = {}, ctx?: BoardContext) {
  authorize(user);
  const { managedAccountIds: managed } = await contextOf(user, ctx);
  const rows = await db().case.findMany({
    where: { AND: [visibleWhere(user, managed), scopeWhere(user, opts.scope ?? "mine", managed), { notifyDeadline: { not: null }, notifiedAt: null }] },
    select: { id: true, reference: true, notifyDeadline: true, account: { select: { name: true } } },
    orderBy: [{ notifyDeadline: "asc" }, { id: "asc" }],
    take: NOTICES_SHOWN,
  });
  return rows.map((r) => ({ id: r.id, reference: r.reference, account: r.account.name, deadline: r.notifyDeadline! }));
}

/**
 * The Updates due page's reads: the board (updatesDue), the chart (duePerDay) and the incident
 * notices (incidentNoticesDue), over one context (a CSM's managed accounts read once) and one
 * `now`, in two queries: the board's page, then one that reads the chart's due times, the notices
 * and, when the page does not hold the whole board, the counts of the groups not remembered. Each
 * was a query of its own, three or four a request, each a round trip to the database
 * (on PGlite a message to its thread and back; issue 15). updates-board-sql.test.ts holds the
 * result equal to the three functions'.
 */
export async function updatesPage(user: SessionUser, opts: { scope?: BoardScope; page?: number; now?: Date } = {}) {
  authorize(user);
  const scope = opts.scope ?? "mine";
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const now = opts.now ?? new Date();
  const { managedAccountIds } = await contextOf(user);
  const where = boardSql(user, scope, managedAccountIds);
  const { limits, zones } = await dueSoonLimitsAndZones(db(), now, user.calendars);
  const known = knownCounts(user, scope);
  const { start, end } = chartWindow(now, 7);
  const read = await boardPageSql(where, page);
  const uncounted = wholeOnFirstPage(page, read) ? [] : GROUPS.filter((_, i) => known[i] === undefined);
  const notices = Prisma.join([...visibleInScopeSql(user, scope, managedAccountIds), Prisma.sql`c."notifyDeadline" IS NOT NULL AND c."notifiedAt" IS NULL`], " AND ");
  const [extras] = await db().$queryRaw<({ dues: number[]; notices: { id: string; reference: string | null; account: string; deadline: number }[] } & Partial<Record<DueGroup, number>>)[]>`
      SELECT ${Prisma.join([
        ...groupCountColumns(where, uncounted, now, limits),
        Prisma.sql`(SELECT coalesce(array_agg(x."ms" ORDER BY x."due"), '{}') FROM (
            SELECT c."nextUpdateDue" AS "due", ${epochMs(Prisma.sql`c."nextUpdateDue"`)} AS "ms" FROM "Case" c
            WHERE ${where} AND c."nextUpdateDue" >= ${sqlTime(now)} AND c."nextUpdateDue" < ${sqlTime(end)}
            ORDER BY c."nextUpdateDue" LIMIT ${Prisma.raw(String(DUE_CHART_READ + 1))}) x) AS "dues"`,
        Prisma.sql`(SELECT coalesce(json_agg(json_build_object('id', n."id", 'reference', n."reference", 'account', n."name", 'deadline', n."ms") ORDER BY n."notifyDeadline", n."id"), '[]') FROM (
            SELECT c."id", c."reference", a."name", c."notifyDeadline", ${epochMs(Prisma.sql`c."notifyDeadline"`)} AS "ms" FROM "Case" c JOIN "Account" a ON a."id" = c."accountId"
            WHERE ${notices} ORDER BY c."notifyDeadline", c."id" LIMIT ${Prisma.raw(String(NOTICES_SHOWN))}) n) AS "notices"`,
      ])}`;
  const { dues, notices: noticeRows, ...fresh } = extras!;
  const board = assembleBoard(user, scope, page, now, read, limits, zones, known, fresh);
  const perDay = countPerDay(dues.slice(0, DUE_CHART_READ).map((ms) => new Date(ms)), start, 7, dues.length > DUE_CHART_READ);
  return { board, perDay, notices: noticeRows.map((n) => ({ id: n.id, reference: n.reference, account: n.account, deadline: new Date(n.deadline) })), now };
}
