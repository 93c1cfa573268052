import "server-only";
import { Prisma, type OutboxStatus } from "@/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db, epochMs } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { AccountChoice } from "./account-choice";
import type { Sort, TCaseListQuery } from "./list-filters";
import { findVisibleCase } from "./access";
import { timeZonesFor } from "./calendar";
import { CASE_METADATA_SELECT, csmVisibleCasesWhere, visibleCasesWhere } from "./visibility";
import { COUNT_CAP, cappedTotal } from "@/lib/format/count";
import { cappedCounts } from "@/lib/format/count-cache";
import { caseListSql, keysetSql, likeLiteral, listRowsSql, type ListRow } from "./list-sql";
import { decodeCursor, encodeCursor, keysetOrder, keysetWhere, SORT_KEYS } from "./keyset";
import { pageAnchors } from "./page-anchors";
import { managedAccountIds } from "@/lib/accounts/queries";
import { cataloguedEventTypes as cataloguedOf } from "@/lib/gaps/queries";
import { GAP_RECORD_SELECT } from "@/lib/gaps/record-select";

export const PAGE_SIZE = 25;

const LIST_SELECT = {
  ...CASE_METADATA_SELECT,
  summary: true,
  outcome: true,
  priority: true,
  assigneeId: true,
  extended: true,
  nextUpdateDue: true,
  account: { select: { name: true } },
  author: { select: { name: true } },
} as const;

const DAY = 86_400_000;

const ORDER: Record<Sort, Prisma.CaseOrderByWithRelationInput[]> = {
  newest: [{ createdAt: "desc" }, { id: "desc" }],
  oldest: [{ createdAt: "asc" }, { id: "asc" }],
  requested: [{ requestedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
  reference: [{ reference: { sort: "asc", nulls: "last" } }, { id: "asc" }],
  updated: [{ updatedAt: "desc" }, { id: "desc" }],
};

/** The list's order for a sort choice (always ending with id, so it is total: pages and exports never skip a row). */
export function caseListOrder(sort: Sort | undefined): Prisma.CaseOrderByWithRelationInput[] {
  return ORDER[sort ?? "newest"];
}

/** The list's filters as a where clause, always inside the user's visibility. Admin cannot search contents. */
export function caseListWhere(user: SessionUser, q: Partial<TCaseListQuery>, now = new Date(), managedAccountIds?: string[]): Prisma.CaseWhereInput {
  const and: Prisma.CaseWhereInput[] = [user.role === "csm" && managedAccountIds ? csmVisibleCasesWhere(user, managedAccountIds) : visibleCasesWhere(user)];
  if (q.status?.length) and.push({ status: { in: q.status } });
  if (q.resolution) and.push({ resolution: q.resolution });
  if (q.outcome) and.push({ outcome: q.outcome });
  if (q.team) and.push({ team: q.team });
  if (q.account) and.push({ accountId: q.account });
  if (q.author) and.push({ authorId: q.author });
  if (q.age) {
    const days = { "1d": 1, "7d": 7, "30d": 30, older: 30 }[q.age];
    const edge = new Date(now.getTime() - days * DAY);
    and.push({ createdAt: q.age === "older" ? { lt: edge } : { gte: edge } });
  }
  if (q.q) {
    // Admin may find a case by its reference only; everyone else searches the trigram-indexed text.
    // Prisma puts the text into LIKE as it is: escaped, a "%" or "_" in it is itself, not a wildcard.
    const text = likeLiteral(q.q.toLowerCase());
    and.push(user.role === "admin" ? { reference: { contains: likeLiteral(q.q), mode: "insensitive" } } : { searchText: { contains: text } });
  }
  return { AND: and };
}

/**
 * A page of the cases the user may see, filtered and sorted, with the teams' time zones (next
 * update times are shown in them beside UTC). Admin gets metadata only. The total is counted up to
 * COUNT_CAP (lib/format/count.ts) and one row more than the page is read, to know whether a next
 * page exists without counting them all.
 */
export async function listCasesForUser(user: SessionUser, query: Partial<TCaseListQuery> | number = {}) {
  const q: Partial<TCaseListQuery> = typeof query === "number" ? { page: query } : query;
  const page = Math.max(1, q.page ?? 1);
  const sort = q.sort ?? "newest";
  const now = new Date();
  // The Prisma form of the filters (the count, Admin's rows, a deep page's ids) wants a CSM's managed
  // accounts read first; the raw rows read them inside their query, so a request whose count is
  // remembered makes no read of them.
  let filtersRead: Promise<Prisma.CaseWhereInput> | undefined;
  const filtersOf = () => (filtersRead ??= (async () => caseListWhere(user, q, now, user.role === "csm" ? await managedAccountIds(user.id) : undefined))());
  // A cursor from Next / Previous reads from its row on (keyset); a bare page number skips rows (OFFSET).
  const after = decodeCursor(sort, q.after);
  const before = after ? null : decodeCursor(sort, q.before);
  const cursor = after ?? before;
  const direction = before ? "before" : "after";
  const skip = cursor ? 0 : (page - 1) * PAGE_SIZE;
  // The filters' total, in the list's order: without one Prisma counts in id order, sorting every match first.
  // A total past the cap is remembered a minute (lib/format/count-cache.ts): it reads 1,001 rows to say "1,000+".
  const countKey = JSON.stringify(["cases", user.id, user.role, q.status ?? [], q.outcome, q.resolution, q.team, q.account, q.author, q.age, q.q]);
  const counted = cappedCounts.count(countKey, async () => db().case.count({ where: await filtersOf(), orderBy: ORDER[sort], take: COUNT_CAP + 1 }));
  const paged = <T extends { id: string }>(read: T[]) => {
    const more = read.length > PAGE_SIZE;
    const rows = before ? read.slice(0, PAGE_SIZE).reverse() : read.slice(0, PAGE_SIZE);
    const cursors = rows.length
      ? { nextCursor: encodeCursor(sort, rows[rows.length - 1]!), prevCursor: encodeCursor(sort, rows[0]!) }
      : { nextCursor: null, prevCursor: null };
    // Came from Previous: the page after exists; came from Next or a page number past 1: one before does.
    return { rows, hasNext: before ? true : more, hasPrev: before ? more : page > 1 || !!after, ...cursors };
  };
  if (user.role === "admin") {
    const filters = await filtersOf();
    const where = cursor ? { AND: [filters, keysetWhere(sort, cursor, direction)] } : filters;
    const orderBy = cursor ? keysetOrder(sort, direction) : ORDER[sort];
    const [rows, n] = await Promise.all([db().case.findMany({ where, select: CASE_METADATA_SELECT, orderBy, skip, take: PAGE_SIZE + 1 }), counted]);
    return { ...paged(rows), ...cappedTotal(n), page, pageSize: PAGE_SIZE, timeZones: null };
  }
  // The rows in one raw query (lib/cases/list-sql.ts), the same conditions as `filters`.
  const conditions = caseListSql({ id: user.id, role: user.role }, q, now);
  const read =
    skip >= DEFERRED_FROM
      ? filtersOf().then((filters) => deepPage(filters, conditions, sort, page, `${sort} ${countKey}`))
      : listRowsSql(cursor ? [...conditions, keysetSql(sort, cursor, direction)] : conditions, { sort, direction }, PAGE_SIZE + 1, skip);
  const [rows, n, timeZones] = await Promise.all([read, counted, timeZonesFor(user)]);
  return { ...paged(rows), ...cappedTotal(n), page, pageSize: PAGE_SIZE, timeZones };
}

/** Rows skipped from which a page by number reads its ids first (deepPage). */
export const DEFERRED_FROM = 250;

/**
 * A page far down by its number. Read within the last minute (or the page before it by number),
 * it is read from where it began, like a Next link (lib/cases/page-anchors.ts). Otherwise the ids
 * first, with the row just before the page (the rows skipped are index entries, read from
 * "Case_list_newest_cover_idx" alone for the default order), then the page's rows by id, put back
 * in the ids' order. Reading whole rows, PostgreSQL built every skipped row before dropping it
 * (SIRT's page 200: 5,000 rows, 11 ms of PostgreSQL and 19 ms of PGlite; issue 15).
 */
async function deepPage(filters: Prisma.CaseWhereInput, conditions: Prisma.Sql[], sort: Sort, page: number, list: string): Promise<ListRow[]> {
  const anchor = decodeCursor(sort, pageAnchors.get(list, page));
  if (anchor) {
    const rows = await listRowsSql([...conditions, keysetSql(sort, anchor, "after")], { sort, direction: "after" }, PAGE_SIZE + 1);
    if (rows.length > PAGE_SIZE) pageAnchors.set(list, page + 1, encodeCursor(sort, rows[PAGE_SIZE - 1]!));
    return rows;
  }
  const field = SORT_KEYS[sort].field;
  const select: Prisma.CaseSelect = { id: true, [field]: true };
  const keys = (await db().case.findMany({ where: filters, select, orderBy: ORDER[sort], skip: (page - 1) * PAGE_SIZE - 1, take: PAGE_SIZE + 2 })) as ({ id: string } & Record<typeof field, Date | string | null>)[];
  const [before, ...onPage] = keys;
  if (!onPage.length) return [];
  pageAnchors.set(list, page, encodeCursor(sort, before!));
  if (onPage.length > PAGE_SIZE) pageAnchors.set(list, page + 1, encodeCursor(sort, onPage[PAGE_SIZE - 1]!));
  const ids = onPage.map((r) => r.id);
  // The filters again (visibility included): a row that left them between the two reads is left out.
  const rows = new Map((await listRowsSql([...conditions, Prisma.sql`c."id" IN (${Prisma.join(ids)})`], { sort, direction: "after" }, ids.length)).map((r) => [r.id, r]));
  return ids.flatMap((id) => rows.get(id) ?? []);
}

/** Filter choices: at most 500, by name. */
const BY_NAME = { orderBy: [{ name: "asc" as const }, { id: "asc" as const }], select: { id: true, name: true }, take: 500 };

/**
 * Filter choices for the list, read so that no request scans every visible case (issue 15: two such
 * scans on each request). Support's intake may name any account, so every account, and the staff
 * who open cases (Support and CSMs); a CSM the accounts it manages or opened cases for, and the authors
 * of the cases it sees (through the accountId and authorId indexes); SIRT and Legal, whose
 * visibility is the same for the whole role, the accounts and authors of the cases they see, kept
 * for five minutes per role (a new one appears in their choice within that time). At most 500 of
 * each, by name.
 */
export async function caseListChoices(user: SessionUser) {
  if (user.role === "admin") return { accounts: [], authors: [] };
  if (user.role === "support") {
    const [accounts, authors] = await Promise.all([
      db().account.findMany(BY_NAME),
      // The roles that open cases, from the staff table: "anyone who ever authored a case" was an
      // EXISTS per user that PGlite answered by reading every case (790 ms at 100,000 cases).
      db().user.findMany({ where: { role: { in: ["support", "csm"] } }, ...BY_NAME }),
    ]);
    return { accounts, authors };
  }
  if (user.role === "csm") return cachedChoices(`csm:${user.id}`, () => csmChoices(user));
  return cachedChoices(user.role, () => roleChoices(user));
}

/**
 * The account and author the list is filtered by, named, when the user's choices hold them (the
 * filter form shows them before its full lists load); no query when the list is not filtered so.
 */
export async function caseListChosen(user: SessionUser, query: { account?: string; author?: string }): Promise<{ account: { id: string; name: string } | null; author: { id: string; name: string } | null }> {
  if (!query.account && !query.author) return { account: null, author: null };
  const choices = await caseListChoices(user);
  return {
    account: (query.account && choices.accounts.find((a) => a.id === query.account)) || null,
    author: (query.author && choices.authors.find((a) => a.id === query.author)) || null,
  };
}

/** A CSM's choices: the accounts it manages or opened cases for, and the authors of the cases it sees. */
async function csmChoices(user: SessionUser): Promise<Choices> {
  const visible = csmVisibleCasesWhere(user, await managedAccountIds(user.id));
  // The authors as one GROUP BY over the CSM's cases (indexed by account), not an EXISTS per staff member (75 ms on PGlite).
  const [accounts, authorIds] = await Promise.all([
    db().account.findMany({ where: { OR: [{ managers: { some: { userId: user.id } } }, { cases: { some: { authorId: user.id } } }] }, ...BY_NAME }),
    db().case.groupBy({ by: ["authorId"], where: visible }),
  ]);
  const authors = await db().user.findMany({ where: { id: { in: authorIds.map((a) => a.authorId) } }, ...BY_NAME });
  return { accounts, authors };
}

const CHOICES_TTL_MS = 5 * 60_000;
type Choices = { accounts: { id: string; name: string }[]; authors: { id: string; name: string }[] };
const choicesCache = new Map<string, { at: number; value: Promise<Choices> }>();

/**
 * Choices kept for five minutes under `key` (a role whose visibility is the same for all its
 * members, or one CSM): a new account or author appears in the filter within that time; the list
 * itself is always current. Measured at 100,000 cases on PGlite: a CSM's 15 ms, SIRT's 87 ms per read.
 */
function cachedChoices(key: string, read: () => Promise<Choices>): Promise<Choices> {
  const now = Date.now();
  const hit = choicesCache.get(key);
  if (hit && now - hit.at < CHOICES_TTL_MS) return hit.value;
  if (choicesCache.size > 1000) for (const [k, v] of choicesCache) if (now - v.at >= CHOICES_TTL_MS) choicesCache.delete(k);
  const value = read();
  value.catch(() => choicesCache.delete(key));
  choicesCache.set(key, { at: now, value });
  return value;
}

/** SIRT's or Legal's choices: the accounts and authors of the cases the role sees. */
function roleChoices(user: SessionUser): Promise<Choices> {
  const visible = visibleCasesWhere(user);
  return Promise.all([
    db().account.findMany({ where: { cases: { some: visible } }, ...BY_NAME }),
    db().user.findMany({ where: { authoredCases: { some: visible } }, ...BY_NAME }),
  ]).then(([accounts, authors]) => ({ accounts, authors }));
}

/** One case, or NOT_FOUND when it does not exist or the user may not see it (the same answer on purpose). */
export async function getCaseForUser(user: SessionUser, id: string) {
  return user.role === "admin"
    ? findVisibleCase(db(), user, id, { select: CASE_METADATA_SELECT }, { admin: true })
    : findVisibleCase(db(), user, id, { select: { ...LIST_SELECT, requesterName: true, requesterEmail: true, windowFrom: true, windowTo: true, personalData: true } });
}

/** The fields of the request template (steps 1-2): what the customer asked for. */
export const TEMPLATE_FIELDS = {
  requesterName: true,
  requesterEmail: true,
  summary: true,
  resources: true,
  eventTypes: true,
  logSources: true,
  windowFrom: true,
  windowTo: true,
  personalData: true,
} as const;

/** What the case page shows of the case itself (its parts are read beside it, in caseDetailParts). */
const CASE_DETAIL = {
  select: {
    id: true,
    reference: true,
    status: true,
    team: true,
    version: true,
    outcome: true,
    extended: true,
    priority: true,
    ...TEMPLATE_FIELDS,
    requestedAt: true,
    acceptedAt: true,
    lastRelayAt: true,
    nextUpdateDue: true,
    closedAt: true,
    closeReason: true,
    resolution: true,
    rescopeReason: true,
    rescopeAt: true,
    rescopeById: true,
    incidentAffects: true,
    notifyDeadline: true,
    notifyText: true,
    notifiedAt: true,
    createdAt: true,
    updatedAt: true,
    authorId: true,
    author: { select: { name: true } },
    assignee: { select: { name: true } },
    account: {
      select: {
        id: true,
        name: true,
        slug: true,
        plan: true,
        deployment: true,
        paying: true,
        supportPlan: true,
        incidentNotification: true,
        resources: { select: { kind: true, path: true, email: true }, orderBy: [{ kind: "asc" }, { pathLower: "asc" }] },
      },
    },
    decisions: { orderBy: { evaluatedAt: "desc" }, select: { id: true, outcome: true, route: true, extended: true, checks: true, policyVersion: true, reason: true, evaluatedAt: true, evaluatedById: true, facts: true } },
    ticks: { select: { item: true, tickedAt: true, tickedById: true } },
    verificationOverride: { select: { reason: true, overriddenAt: true, overriddenById: true } },
    exceptions: { orderBy: { createdAt: "desc" }, select: { id: true, status: true, reason: true, rationale: true, expiresAt: true, createdAt: true, decidedAt: true, requestedById: true, decidedById: true } },
    referrals: { orderBy: { createdAt: "desc" }, select: { id: true, status: true, resources: true, outcomeNote: true, createdAt: true, handledAt: true, handledById: true } },
    costNotices: { orderBy: { createdAt: "desc" }, select: { id: true, estimate: true, customerAcceptedAt: true, acceptanceNote: true, createdAt: true, recordedById: true } },
    // Read here for the page's closing, gap and timeline parts, which asked again each (issue 15).
    logDiveDone: true,
    closedById: true,
    duplicateOfId: true,
    gapRecord: { select: GAP_RECORD_SELECT },
    _count: { select: { relays: true } },
  },
} as const satisfies Omit<Prisma.CaseFindFirstArgs, "where">;

/** The case the case page shows, through the case guard: NOT_FOUND when it does not exist or the user may not see it. Not for Admin. */
export function findCaseDetail(user: SessionUser, id: string) {
  return findVisibleCase(db(), user, id, CASE_DETAIL);
}

/** The names of everyone who appears on a case found by findCaseDetail, and its notifications. */
export async function caseDetailParts(found: Awaited<ReturnType<typeof findCaseDetail>>) {
  const ids = new Set<string>();
  for (const d of found.decisions) if (d.evaluatedById) ids.add(d.evaluatedById);
  for (const t of found.ticks) ids.add(t.tickedById);
  if (found.verificationOverride) ids.add(found.verificationOverride.overriddenById);
  for (const e of found.exceptions) [e.requestedById, e.decidedById].forEach((x) => x && ids.add(x));
  for (const r of found.referrals) if (r.handledById) ids.add(r.handledById);
  for (const n of found.costNotices) ids.add(n.recordedById);
  if (found.rescopeById) ids.add(found.rescopeById);
  // One query for both: on the embedded database every query costs about 1.5 ms of CPU however
  // small, and these were two (issue 15). The newest 50 notifications, equal times newest id first.
  type Row = { names: Record<string, string>; notifications: { id: string; kind: string; toAddress: string; subject: string; status: OutboxStatus; createdAt: number; sentAt: number | null }[] };
  const [row] = await db().$queryRaw<Row[]>`
    SELECT
      (SELECT coalesce(json_object_agg(u."id", u."name"), '{}') FROM "User" u WHERE u."id" = ANY(${[...ids]}::text[])) AS "names",
      (SELECT coalesce(json_agg(json_build_object('id', m."id", 'kind', m."kind", 'toAddress', m."toAddress", 'subject', m."subject", 'status', m."status",
                                                  'createdAt', ${epochMs(Prisma.sql`m."createdAt"`)}, 'sentAt', ${epochMs(Prisma.sql`m."sentAt"`)})
                                ORDER BY m."createdAt" DESC, m."id" DESC), '[]') FROM (
        SELECT m."id", m."kind", m."toAddress", m."subject", m."status", m."createdAt", m."sentAt" FROM "OutboxMessage" m
        WHERE m."caseId" = ${found.id} ORDER BY m."createdAt" DESC, m."id" DESC LIMIT ${Prisma.raw(String(CASE_NOTIFICATIONS_SHOWN))}) m) AS "notifications"`;
  const notifications = row!.notifications.map((n) => ({ ...n, createdAt: new Date(n.createdAt), sentAt: n.sentAt === null ? null : new Date(n.sentAt) }));
  return { notifications, names: row!.names };
}

/** The case page's notifications: the newest this many. */
export const CASE_NOTIFICATIONS_SHOWN = 50;

/** Everything the case page shows, for a user who may see the case (else NOT_FOUND). Not for Admin. */
export async function getCaseDetail(user: SessionUser, id: string) {
  const found = await findCaseDetail(user, id);
  return { ...found, ...(await caseDetailParts(found)) };
}
export type CaseDetail = Awaited<ReturnType<typeof getCaseDetail>>;

const INTAKE_CHOICE_SELECT = { id: true, name: true, slug: true, plan: true, deployment: true } as const satisfies Prisma.AccountSelect;

/**
 * Up to this many accounts, the intake form lists them all in a select; above it, the form searches
 * them as the user types (GET /api/accounts/search), because a select of every account grows the
 * page with the customer base (issue 15: 87 KB with 210 accounts, and the old cap of 5,000 left the
 * rest out of the form altogether).
 */
export const INTAKE_ACCOUNTS_LISTED = 200;
/** How many matches a search of the accounts shows at once (the form says when there are more). */
export const INTAKE_ACCOUNT_MATCHES = 20;

const intakeAccountScope = (user: SessionUser): Prisma.AccountWhereInput => (user.role === "csm" ? { managers: { some: { userId: user.id } } } : {});

/**
 * What the intake form offers: the accounts the user may open cases for (Support any, a CSM those
 * it manages; null when there are more than INTAKE_ACCOUNTS_LISTED and the form searches them
 * instead), the account `chosenId` names when the user may choose it (a preset, or a draft's own),
 * and which of the form's initial event types the catalogue holds (the catalogue itself loads when
 * the field is first focused: GET /api/event-types).
 */
export async function intakeChoices(
  user: SessionUser,
  initialEventTypes: readonly string[] = [],
  chosenId?: string | null,
): Promise<{ accounts: AccountChoice[] | null; chosen: AccountChoice | null; cataloguedEventTypes: string[] }> {
  const [listed, cataloguedEventTypes] = await Promise.all([
    // Only those who open cases choose an account; SIRT's change-of-scope form shows the case's own.
    !can(user.role, "case.create")
      ? Promise.resolve([])
      : db().account.findMany({ where: intakeAccountScope(user), select: INTAKE_CHOICE_SELECT, orderBy: [{ name: "asc" }, { id: "asc" }], take: INTAKE_ACCOUNTS_LISTED + 1 }),
    cataloguedOf(initialEventTypes),
  ]);
  if (listed.length <= INTAKE_ACCOUNTS_LISTED) return { accounts: listed, chosen: listed.find((a) => a.id === chosenId) ?? null, cataloguedEventTypes };
  const chosen = chosenId ? await db().account.findFirst({ where: { id: chosenId, ...intakeAccountScope(user) }, select: INTAKE_CHOICE_SELECT }) : null;
  return { accounts: null, chosen, cataloguedEventTypes };
}

/**
 * The accounts the user may open cases for whose name or slug contains `q` (any case; `%` and `_`
 * are literal), by name, at most INTAKE_ACCOUNT_MATCHES, and whether there are more: the intake
 * form's account search. An empty `q` gives the first accounts by name.
 */
export async function searchIntakeAccounts(user: SessionUser, q: string): Promise<{ accounts: AccountChoice[]; more: boolean }> {
  authorize(user, "case.create");
  const text = q.trim();
  const pattern = likeLiteral(text);
  const rows = await db().account.findMany({
    where: {
      ...intakeAccountScope(user),
      ...(text ? { OR: [{ name: { contains: pattern, mode: "insensitive" } }, { slug: { contains: pattern, mode: "insensitive" } }] } : {}),
    },
    select: INTAKE_CHOICE_SELECT,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: INTAKE_ACCOUNT_MATCHES + 1,
  });
  return { accounts: rows.slice(0, INTAKE_ACCOUNT_MATCHES), more: rows.length > INTAKE_ACCOUNT_MATCHES };
}

/** What the intake form's checks panel and resource picker need of an account: no managers, contacts or resource emails. */
const INTAKE_ACCOUNT_SELECT = {
  id: true,
  name: true,
  plan: true,
  deployment: true,
  paying: true,
  supportPlan: true,
  resources: { select: { kind: true, path: true }, orderBy: [{ kind: "asc" }, { pathLower: "asc" }] },
} as const satisfies Prisma.AccountSelect;

/**
 * One account's facts for the in-browser checks panel and the resource picker, for someone who
 * opens cases (case.create: Support any account, a CSM the accounts it manages).
 */
export async function accountForIntake(user: SessionUser, accountId: string) {
  authorize(user, "case.create");
  const account = await db().account.findFirst({
    where: { id: accountId, ...intakeAccountScope(user) },
    select: INTAKE_ACCOUNT_SELECT,
  });
  if (!account) throw notFound("That customer account");
  return account;
}

/** The same facts of the account of a case the user may see, for its change-of-scope form (the account is fixed there). */
export async function intakeAccountOfCase(user: SessionUser, caseId: string) {
  const c = await findVisibleCase(db(), user, caseId, { select: { account: { select: INTAKE_ACCOUNT_SELECT } } });
  return c.account;
}
