import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { managedAccountIds } from "@/lib/accounts/queries";
import { keysetOrder, keysetWhere, decodeCursor, encodeCursor, SORT_KEYS, type Direction } from "@/lib/cases/keyset";
import type { Sort, TCaseListQuery } from "@/lib/cases/list-filters";
import { caseListSql, keysetSql, LIST_ROW_SELECT, listRowsSql } from "@/lib/cases/list-sql";
import { caseListOrder, caseListWhere, listCasesForUser } from "@/lib/cases/queries";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { seedBulkCases } from "../support/bulk-cases";
import { createAccount, createCase } from "../support/factories";

/**
 * The case list's rows are read in raw SQL (lib/cases/list-sql.ts, issue 15); the Prisma form of the
 * same list (caseListWhere, keysetWhere, the sort orders, LIST_ROW_SELECT) is the reference. For
 * every role, sort and filter, and for pages by number and by cursor in both directions (into the
 * nulls of a sort that has them), the two must list the same rows with the same fields.
 */
const database = useTestDatabase();
type Person = { id: string; role: Exclude<Role, "admin"> };
let people: Record<"support" | "csm" | "sirt" | "legal", Person>;
let filterValues: { account: string; author: string };
const now = new Date();

beforeAll(async () => {
  const prisma = database.current.prisma;
  const seeded = await seedBulkCases(prisma, 700, { accounts: 20 });
  people = { support: seeded.support, csm: seeded.csm, sirt: seeded.sirt, legal: seeded.legal } as never;
  const stamp = seeded.stamp;
  // What the bulk seed leaves out: assignees and priorities, resolutions, subpoena referrals (Legal
  // sees those cases), rows sharing a sort value (the id breaks the tie), requests without a time
  // (they sort last), and summaries with LIKE's wildcards.
  await prisma.$executeRawUnsafe(`UPDATE "Case" SET "assigneeId" = $1, priority = 1 + (length(reference) % 4) WHERE status IN ('accepted', 'in_progress') AND right(reference, 2) < '50'`, seeded.sirt.id);
  await prisma.$executeRawUnsafe(`UPDATE "Case" SET resolution = (CASE WHEN right(reference, 1) < '5' THEN 'done' ELSE 'withdrawn' END)::"CaseResolution", "closedAt" = "createdAt" WHERE status = 'closed'`);
  await prisma.$executeRawUnsafe(`UPDATE "Case" SET "createdAt" = '2026-01-01T00:00:00Z', "updatedAt" = '2026-01-02T00:00:00Z', "requestedAt" = '2026-01-01T00:00:00Z' WHERE right(reference, 2) IN ('13', '26', '39')`);
  await prisma.$executeRawUnsafe(`UPDATE "Case" SET "requestedAt" = NULL WHERE status <> 'draft' AND (right(reference, 1) = '5' OR right(reference, 2) IN ('02', '12'))`);
  await prisma.$executeRawUnsafe(`INSERT INTO "SubpoenaReferral" (id, "caseId", resources) SELECT gen_random_uuid()::text, id, '[]'::jsonb FROM "Case" WHERE status = 'accepted' AND right(reference, 2) < '30'`);
  // The CSM manages five of the accounts, for a list long enough for three pages.
  await prisma.$executeRawUnsafe(`INSERT INTO "AccountManager" ("accountId", "userId") SELECT id, $1 FROM "Account" WHERE slug LIKE $2 ORDER BY id LIMIT 5 ON CONFLICT DO NOTHING`, seeded.csm.id, `bulk-${stamp}-%`);
  const account = await createAccount({ name: "Wildcard Ltd" });
  for (const summary of ["Token use at 100% of quota", "Token use at 1000 of quota", "key_rotation failed", "keyXrotation failed"])
    await createCase({ accountId: account.id, authorId: seeded.support.id, status: "in_progress", team: "support", summary, searchText: summary.toLowerCase() });
  await prisma.$executeRawUnsafe(`ANALYZE`);
  const [acc] = await prisma.account.findMany({ where: { slug: { startsWith: `bulk-${stamp}-` }, managers: { some: { userId: seeded.csm.id } } }, take: 1 });
  filterValues = { account: acc!.id, author: seeded.support.id };
}, 120_000);

/** Prisma's page: the reference. */
function prismaPage(user: Person, q: Partial<TCaseListQuery>, managed: string[] | undefined, sort: Sort, at: { skip?: number; cursor?: string; direction?: Direction }) {
  const filters = caseListWhere(user as never, q, now, managed);
  const cursor = decodeCursor(sort, at.cursor);
  const direction = at.direction ?? "after";
  return db().case.findMany({
    where: cursor ? { AND: [filters, keysetWhere(sort, cursor, direction)] } : filters,
    select: LIST_ROW_SELECT,
    orderBy: cursor ? keysetOrder(sort, direction) : caseListOrder(sort),
    skip: at.skip ?? 0,
    take: 26,
  });
}

function sqlPage(user: Person, q: Partial<TCaseListQuery>, managed: string[] | undefined, sort: Sort, at: { skip?: number; cursor?: string; direction?: Direction }) {
  const conditions = caseListSql(user, q, now, managed);
  const cursor = decodeCursor(sort, at.cursor);
  const direction = at.direction ?? "after";
  return listRowsSql(cursor ? [...conditions, keysetSql(sort, cursor, direction)] : conditions, { sort, direction }, 26, at.skip ?? 0);
}

const SORTS: Sort[] = ["newest", "oldest", "requested", "reference", "updated"];
const FILTERS: [string, () => Partial<TCaseListQuery>][] = [
  ["no filter", () => ({})],
  ["closed", () => ({ status: ["closed"] })],
  ["two open statuses", () => ({ status: ["accepted", "in_progress"] })],
  ["a resolution", () => ({ resolution: "done" })],
  ["an outcome", () => ({ outcome: "eligible" })],
  ["a team", () => ({ team: "sirt" })],
  ["an account", () => ({ account: filterValues.account })],
  ["an author", () => ({ author: filterValues.author })],
  ["the last 30 days", () => ({ age: "30d" })],
  ["older than 30 days", () => ({ age: "older" })],
  ["a search", () => ({ q: "Webhook" })],
  ["a search with a filter", () => ({ q: "case 1", status: ["closed", "accepted"] })],
  ["a search with LIKE's wildcards", () => ({ q: "_ 1%" })],
];

type Who = "support" | "csm" | "csm (join form)" | "sirt" | "legal";
const WHO: Who[] = ["support", "csm", "csm (join form)", "sirt", "legal"];

async function compare(who: Who, q: Partial<TCaseListQuery>, sort: Sort) {
  const user = people[who === "csm (join form)" ? "csm" : who];
  // The CSM's visibility is read with its managed accounts (as the list does) and without (EXISTS).
  const managed = who === "csm" ? await managedAccountIds(user.id) : undefined;
  const all = await db().case.findMany({ where: caseListWhere(user as never, q, now, managed), select: { id: true, createdAt: true, requestedAt: true, reference: true, updatedAt: true }, orderBy: caseListOrder(sort) });
  const cursorAt = (i: number) => (all.length ? encodeCursor(sort, all[Math.max(0, Math.min(i, all.length - 1))]!) : undefined);
  const reads: { skip?: number; cursor?: string; direction?: Direction }[] = [
    { skip: 0 },
    { skip: 25 },
    { skip: 50 },
    { cursor: cursorAt(10), direction: "after" },
    { cursor: cursorAt(40), direction: "before" },
    // The last rows: for "requested" and "reference", in the nulls (which sort last).
    { cursor: cursorAt(all.length - 3), direction: "after" },
    { cursor: cursorAt(all.length - 2), direction: "before" },
  ];
  // Where a nullable sort key turns null: after a dated row come the last dated rows, then the nulls.
  const firstNull = all.findIndex((r) => r[SORT_KEYS[sort].field] === null);
  if (firstNull > 0) reads.push({ cursor: cursorAt(firstNull - 5), direction: "after" }, { cursor: cursorAt(firstNull + 1), direction: "before" }, { cursor: cursorAt(firstNull), direction: "before" });
  for (const at of reads) {
    const expected = await prismaPage(user, q, managed, sort, at);
    const got = await sqlPage(user, q, managed, sort, at);
    expect(got, `${who} ${JSON.stringify(q)} ${sort} ${JSON.stringify(at)}`).toEqual(expected);
  }
  return { size: all.length, nullsReached: firstNull > 0 };
}

describe("the case list's rows in raw SQL equal Prisma's (issue 15)", () => {
  it.each(WHO)("for %s, with every sort", async (who) => {
    const sizes: number[] = [];
    for (const sort of SORTS) {
      const { size, nullsReached } = await compare(who, {}, sort);
      sizes.push(size);
      // The requests without a time are in every role's list: the cursors above reach them.
      if (sort === "requested") expect(nullsReached).toBe(true);
    }
    // The lists are long enough for three pages and cursors deep in them.
    expect(Math.min(...sizes)).toBeGreaterThan(60);
  });

  it.each(WHO)("for %s, with every filter (newest and by reference)", async (who) => {
    let nonEmpty = 0;
    for (const [, filter] of FILTERS) for (const sort of ["newest", "reference"] as Sort[]) if ((await compare(who, filter(), sort)).size > 0) nonEmpty++;
    expect(nonEmpty).toBeGreaterThan(FILTERS.length); // most filters match something for every role
  });

  it("a search takes LIKE's wildcards literally", async () => {
    const found = async (q: string) => (await sqlPage(people.support, { q }, undefined, "newest", {})).map((r) => r.summary).sort();
    expect(await found("100%")).toEqual(["Token use at 100% of quota"]);
    expect(await found("key_rotation")).toEqual(["key_rotation failed"]);
    expect(await listCasesForUser(people.support as never, { q: "100%" })).toMatchObject({ rows: [{ summary: "Token use at 100% of quota" }] });
    // The count and the CSV export read the Prisma form: it finds the same cases.
    expect(await db().case.findMany({ where: caseListWhere(people.support as never, { q: "100%" }, now), select: { summary: true } })).toEqual([{ summary: "Token use at 100% of quota" }]);
  });

  it("the page reads each row's account and assignee by name", async () => {
    const rows = await sqlPage(people.sirt, { status: ["accepted", "in_progress"] }, undefined, "newest", {});
    expect(rows.some((r) => r.assignee?.name)).toBe(true);
    expect(rows.some((r) => r.assignee === null)).toBe(true);
    expect(rows.every((r) => r.account.name.length > 0)).toBe(true);
  });
});
