import { beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import type { TCaseListQuery } from "@/lib/cases/list-filters";
import { encodeCursor } from "@/lib/cases/keyset";
import type { Sort } from "@/lib/cases/list-filters";
import { managedAccountIds } from "@/lib/accounts/queries";
import { caseListOrder, caseListWhere, DEFERRED_FROM, listCasesForUser, PAGE_SIZE } from "@/lib/cases/queries";
import { pageAnchors } from "@/lib/cases/page-anchors";
import { teamQueue } from "@/lib/cases/queues";
import { ZQueueQuery, type TQueueQuery } from "@/lib/cases/triage-schemas";
import { installDatabase } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { seedBulkCases } from "../support/bulk-cases";

const database = useTestDatabase();
let people: Record<"support" | "csm" | "sirt" | "legal", SessionUser>;
let logging: PrismaClient;
const captured: { query: string; params: string }[] = [];

beforeAll(async () => {
  const seeded = await seedBulkCases(database.current.prisma, 3000, { accounts: 60 });
  people = { support: seeded.support, csm: seeded.csm, sirt: seeded.sirt, legal: seeded.legal } as never;
  // A client on the same database that reports the SQL it runs, installed as the app's db().
  logging = new PrismaClient({ adapter: database.current.factory, log: [{ emit: "event", level: "query" }] });
  (logging as unknown as { $on(event: "query", cb: (e: { query: string; params: string }) => void): void }).$on("query", (e) =>
    captured.push({ query: e.query, params: e.params }),
  );
  installDatabase({ ...database.current, prisma: logging });
}, 120_000);

type Plan = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Index Cond"?: string; Plans?: Plan[] };
const nodes = (p: Plan): Plan[] => [p, ...(p.Plans ?? []).flatMap(nodes)];

/** The plan of the query `read` sent that `isPage` picks, with `discourage` (a plan setting) off so that an index that serves it shows. */
async function planOf(read: () => Promise<unknown>, isPage: (sql: string) => boolean, discourage: "enable_seqscan" | "enable_sort") {
  captured.length = 0;
  await read();
  const page = captured.find((c) => isPage(c.query));
  expect(page, `the page query was captured, among: ${captured.map((c) => c.query.slice(0, 120)).join(" | ")}`).toBeTruthy();
  const params = JSON.parse(page!.params) as unknown[];
  return database.current.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL ${discourage} = off`);
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: Plan }] }[]>(`EXPLAIN (FORMAT JSON) ${page!.query}`, ...params);
    return nodes(rows[0]!["QUERY PLAN"][0].Plan);
  });
}

/** The plan of the list's page query, with sequential scans discouraged so that any usable index shows. */
const planOfListQuery = (user: SessionUser, q: Partial<TCaseListQuery>) =>
  planOf(() => listCasesForUser(user, q), (sql) => /FROM "Case" c WHERE/.test(sql) && /LIMIT/.test(sql), "enable_seqscan");

describe("the case list's queries use indexes (EXPLAIN)", () => {
  it.each<[string, keyof typeof people, Partial<TCaseListQuery>]>([
    ["Support's default list", "support", {}],
    ["SIRT's default list", "sirt", {}],
    ["a CSM's default list", "csm", {}],
    ["Legal's default list", "legal", {}],
    ["filtered by status", "sirt", { status: ["in_progress"] }],
    ["filtered by team", "support", { team: "support" }],
    ["filtered by outcome", "sirt", { outcome: "eligible" }],
    ["cases of the last 7 days", "sirt", { age: "7d" }],
    ["sorted by request time", "sirt", { sort: "requested" }],
    ["sorted by last update", "sirt", { sort: "updated" }],
    ["text search", "sirt", { q: "webhook change case 12" }],
    ["page 40", "sirt", { page: 40 }],
  ])("%s reads Case through an index, never a sequential scan", async (_label, role, q) => {
    const plan = await planOfListQuery(people[role], q);
    const onCase = plan.filter((n) => n["Relation Name"] === "Case");
    expect(onCase.length).toBeGreaterThan(0);
    expect(onCase.map((n) => n["Node Type"])).not.toContain("Seq Scan");
  });

  // A page by Next / Previous starts at its cursor in the index: the bound is an index condition,
  // not a filter over every row before it (issue 15: SIRT's page 200 by Next read 12,500 rows).
  it.each<[Sort, "after" | "before", string]>([
    ["newest", "after", "createdAt"],
    ["newest", "before", "createdAt"],
    ["oldest", "after", "createdAt"],
    ["updated", "after", "updatedAt"],
    ["requested", "before", "requestedAt"],
  ])("a %s page %s a cursor starts at the cursor in the index", async (sort, direction, field) => {
    const middle = await listCasesForUser(people.sirt, { sort, page: 20 });
    const row = middle.rows[10]!;
    const plan = await planOfListQuery(people.sirt, { sort, page: 21, [direction]: encodeCursor(sort, row) });
    const conds = plan.map((n) => n["Index Cond"] ?? "");
    expect(conds.some((c) => c.includes(`"${field}"`)), JSON.stringify(plan.map((n) => [n["Node Type"], n["Index Name"], n["Index Cond"]]))).toBe(true);
  });

  // A page far down by its number reads its ids (and the sort key of the row before it) first, from
  // the covering index alone (no visit to the table once VACUUM marked its pages), then its 25 rows by id.
  it.each<[keyof typeof people]>([["support"], ["csm"], ["sirt"]])("%s's page 40 by number reads its ids by an index-only scan of the covering index", async (role) => {
    await database.current.prisma.$executeRawUnsafe(`VACUUM "Case"`);
    pageAnchors.clear(); // read by its number, not from where an earlier read began
    const plan = await planOf(() => listCasesForUser(people[role], { page: 40 }), (sql) => /^SELECT "t0"\."id", "t0"\."createdAt" FROM "public"\."Case"/.test(sql) && /OFFSET/.test(sql), "enable_sort");
    const scan = plan.find((n) => n["Index Name"] === "Case_list_newest_cover_idx");
    expect(scan?.["Node Type"], JSON.stringify(plan.map((n) => [n["Node Type"], n["Index Name"]]))).toBe("Index Only Scan");
    expect(plan.map((n) => n["Node Type"])).not.toContain("Sort");
  });

  it.each<[keyof typeof people, Partial<TCaseListQuery>]>([
    ["support", {}],
    ["csm", {}],
    ["sirt", {}],
    ["legal", {}],
    ["sirt", { sort: "updated" }],
    ["sirt", { sort: "requested" }],
    ["sirt", { sort: "reference" }],
    ["support", { status: ["closed"], sort: "oldest" }],
  ])("%s %j: a deep page by number lists the rows an OFFSET read of whole rows lists", async (role, q) => {
    const user = people[role];
    const where = caseListWhere(user, q, new Date(), role === "csm" ? await managedAccountIds(user.id) : undefined);
    // 11 is the first page read by ids; 12 then begins where 11 ended, and 40 again where it began (lib/cases/page-anchors.ts).
    const pages = [DEFERRED_FROM / PAGE_SIZE, DEFERRED_FROM / PAGE_SIZE + 1, DEFERRED_FROM / PAGE_SIZE + 2, 40, 40];
    for (const page of pages) {
      const expected = await database.current.prisma.case.findMany({ where, orderBy: caseListOrder(q.sort), skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE, select: { id: true } });
      const got = await listCasesForUser(user, { ...q, page });
      expect(got.rows.map((r) => r.id), `page ${page}`).toEqual(expected.map((r) => r.id));
      expect(got.hasNext).toBe(expected.length === PAGE_SIZE && (await database.current.prisma.case.count({ where })) > page * PAGE_SIZE);
    }
  });

  it("the search text predicate on its own is served by the trigram index", async () => {
    const rows = await database.current.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: Plan }] }[]>(`EXPLAIN (FORMAT JSON) SELECT id FROM "Case" WHERE "searchText" LIKE $1`, "%webhook change%");
    });
    expect(nodes(rows[0]!["QUERY PLAN"][0].Plan).map((n) => n["Index Name"])).toContain("Case_searchText_idx");
  });

  it("a page of 25 rows is at most five queries (no query per row) and reads only the columns shown", async () => {
    captured.length = 0;
    const { rows, timeZones } = await listCasesForUser(people.sirt, {});
    expect(rows).toHaveLength(25);
    // The page, its accounts and its assignees (one query each for the whole page), the count, the teams' time zones.
    expect(captured.length).toBeLessThanOrEqual(5);
    expect(timeZones).toEqual({ support: "UTC", sirt: "UTC" });
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(["account", "assignee", "createdAt", "id", "nextUpdateDue", "priority", "reference", "requestedAt", "resolution", "status", "summary", "team", "updatedAt"]); // resolution: issue 13, the badge of a closed case; updatedAt: issue 15, the "Recently updated" sort's cursor
    }
  });

  it("finds the case the search names", async () => {
    const { rows } = await listCasesForUser(people.sirt, { q: "case 3000" });
    expect(rows.every((r) => "summary" in r && String(r.summary).includes("case 3000"))).toBe(true);
  });
});

describe("the team queues read their open cases in index order (issue 15: no sort of the whole queue)", () => {
  /**
   * The plan of a member's queue page (raw SQL: lib/cases/queues.ts teamQueuePageWithZone), with sorting
   * discouraged so that an index that serves the order shows (the test data is too small for the
   * planner to prefer it over sorting).
   */
  const planOfQueue = (user: SessionUser, q: Partial<TQueueQuery>) =>
    planOf(() => teamQueue(user, "sirt", ZQueueQuery.parse(q)), (sql) => /^\s*SELECT c\."id"/.test(sql) && /ORDER BY/.test(sql), "enable_sort");

  it.each<[string, Record<string, string>, string]>([
    ["the default triage order (unassigned first, then priority, then oldest)", {}, "Case_open_queue_triage_idx"],
    ["assigned to me, triage order", { assignee: "me" }, "Case_open_queue_triage_idx"],
    ["next update due first", { sort: "due" }, "Case_open_queue_due_idx"],
    ["oldest first", { sort: "oldest" }, "Case_open_queue_accepted_idx"],
    ["newest first", { sort: "newest" }, "Case_open_queue_accepted_idx"],
  ])("%s: read through %s, nothing sorted", async (_label, q, index) => {
    const plan = await planOfQueue(people.sirt, q);
    expect(plan.map((n) => n["Index Name"]).filter(Boolean)).toContain(index);
    // The page's cases come off the index under the LIMIT, unsorted; only the page's rows, once
    // joined to their account and assignee, are put back in order above it.
    const limit = plan.find((n) => n["Node Type"] === "Limit");
    expect(limit, "the page is a LIMIT").toBeTruthy();
    expect(nodes(limit!).map((n) => n["Node Type"])).not.toContain("Sort");
    expect(nodes(limit!).map((n) => n["Index Name"]).filter(Boolean)).toContain(index);
  });
});

describe("a page by number far down is read again from where it began (lib/cases/page-anchors.ts)", () => {
  it("within the minute it keeps its rows when a case moves above it, reads each row afresh, and shifts once forgotten", async () => {
    pageAnchors.clear();
    const user = people.sirt;
    const where = caseListWhere(user, {});
    const page = DEFERRED_FROM / PAGE_SIZE + 1;
    const offsetIds = async () =>
      (await database.current.prisma.case.findMany({ where, orderBy: caseListOrder("newest"), skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE, select: { id: true } })).map((r) => r.id);
    const first = await listCasesForUser(user, { page });
    expect(first.rows.map((r) => r.id)).toEqual(await offsetIds());
    // A case from further down becomes the newest: every row above it moves down one.
    const [moved] = await database.current.prisma.case.findMany({ where, orderBy: caseListOrder("newest"), skip: 600, take: 1, select: { id: true, createdAt: true, summary: true } });
    await database.current.prisma.case.update({ where: { id: moved!.id }, data: { createdAt: new Date(Date.now() + 86_400_000) } });
    const target = first.rows[3]! as { id: string; summary: string };
    await database.current.prisma.case.update({ where: { id: target.id }, data: { summary: "Changed after the page was first read" } });
    try {
      const shifted = await offsetIds();
      expect(shifted).not.toEqual(first.rows.map((r) => r.id));
      const again = await listCasesForUser(user, { page });
      expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
      expect(again.rows.find((r) => r.id === target.id)).toMatchObject({ summary: "Changed after the page was first read" });
      expect(again.hasNext).toBe(true);
      // Another user's list, with the same filters, is its own: read by OFFSET, shifted.
      const other = await database.current.prisma.user.create({ data: { email: "sirt-two@logdesk.test", name: "Second SIRT", role: "sirt" } });
      expect((await listCasesForUser({ ...user, id: other.id, email: other.email, name: other.name }, { page })).rows.map((r) => r.id)).toEqual(shifted);
      pageAnchors.clear();
      expect((await listCasesForUser(user, { page })).rows.map((r) => r.id)).toEqual(shifted);
    } finally {
      await database.current.prisma.case.update({ where: { id: moved!.id }, data: { createdAt: moved!.createdAt } });
      await database.current.prisma.case.update({ where: { id: target.id }, data: { summary: target.summary } });
      pageAnchors.clear();
    }
  });
});
