import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { managedAccountIds } from "@/lib/accounts/queries";
import { db } from "@/lib/db";
import { COUNT_CAP } from "@/lib/format/count";
import { cappedCounts } from "@/lib/format/count-cache";
import { BOARD_PAGE, BOARD_ROW_SELECT, boardCountKey, boardWhere, duePerDay, dueSoonLimitsAndZones, groupWhere, incidentNoticesDue, toBoardRows, updatesDue, updatesPage, type BoardScope, type DueGroup } from "@/lib/updates/board";
import { useTestDatabase } from "../support/db";
import { seedBulkCases } from "../support/bulk-cases";

/**
 * The Updates due board reads its page and its groups' counts in raw SQL (lib/updates/board.ts,
 * issue 15). The Prisma form (boardWhere, groupWhere, BOARD_ROW_SELECT, toBoardRows) is the
 * reference: for both roles and both scopes, on every page, the rows, their groups and "update
 * waiting to relay" flags, Next, and each group's count must be the same.
 */
const database = useTestDatabase();
let people: Record<"support" | "csm", SessionUser>;
const now = new Date();

beforeAll(async () => {
  const prisma = database.current.prisma;
  const seeded = await seedBulkCases(prisma, 1500, { accounts: 20 });
  people = { support: seeded.support, csm: seeded.csm } as never;
  // Due times around now: overdue, within the next hours (due soon on one team's calendar and not
  // the other's), and days ahead; every open status with a clock; equal due times (the id breaks ties).
  await prisma.$executeRawUnsafe(`
    UPDATE "Case" SET "nextUpdateDue" = now() AT TIME ZONE 'UTC' + ((CAST(substring(reference from '[0-9]+$') AS int) % 97) - 30) * interval '2 hours'
    WHERE status IN ('accepted', 'in_progress', 'artefacts_in_review', 'approved') AND reference LIKE $1`, `IR-B${seeded.stamp}-%`);
  await prisma.$executeRawUnsafe(`UPDATE "Case" SET "nextUpdateDue" = date_trunc('hour', now() AT TIME ZONE 'UTC') + interval '3 hours' WHERE right(reference, 2) IN ('02', '32') AND "nextUpdateDue" IS NOT NULL`);
  // The Support agent is the assignee of some cases it did not open ("mine").
  await prisma.$executeRawUnsafe(`UPDATE "Case" SET "assigneeId" = $1 WHERE "nextUpdateDue" IS NOT NULL AND (CAST(substring(reference from '[0-9]+$') AS int) / 10) % 2 = 0`, seeded.support.id);
  // Relayable entries, some newer than the case's last relay, some older; and internal ones.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "TimelineEntry" (id, "caseId", "authorId", kind, visibility, body, "createdAt")
    SELECT gen_random_uuid()::text, id, "authorId", 'note', (CASE WHEN right(reference, 1) < '6' THEN 'relayable' ELSE 'internal' END)::"EntryVisibility", 'Update', now() - interval '1 hour'
    FROM "Case" WHERE "nextUpdateDue" IS NOT NULL AND right(reference, 1) IN ('1', '2', '4', '5', '7', '8')`);
  await prisma.$executeRawUnsafe(`UPDATE "Case" SET "lastRelayAt" = now() - (CASE WHEN right(reference, 1) IN ('1', '9') THEN interval '2 hours' ELSE interval '10 minutes' END), extended = right(reference, 1) = '9' WHERE "nextUpdateDue" IS NOT NULL AND right(reference, 1) IN ('1', '2', '9')`);
  // Due exactly at a team's due-soon limit: the last instant that is still "due soon".
  const { limits } = await dueSoonLimitsAndZones(prisma, now);
  await prisma.$executeRawUnsafe(
    `UPDATE "Case" SET "nextUpdateDue" = (CASE WHEN team = 'sirt' THEN $1 ELSE $2 END)::timestamp WHERE right(reference, 2) IN ('12', '22', '42', '52') AND "nextUpdateDue" IS NOT NULL`,
    limits.sirt.toISOString(),
    limits.support.toISOString(),
  );
  // Incident notices due (K2): some sent, some not, some of closed cases, equal deadlines (the id breaks ties).
  await prisma.$executeRawUnsafe(`
    UPDATE "Case" SET "notifyDeadline" = date_trunc('hour', now() AT TIME ZONE 'UTC') + ((CAST(substring(reference from '[0-9]+$') AS int) % 11) - 3) * interval '1 hour',
      "notifiedAt" = CASE WHEN right(reference, 1) = '3' THEN now() AT TIME ZONE 'UTC' END
    WHERE reference LIKE $1 AND CAST(substring(reference from '[0-9]+$') AS int) % 7 = 0`, `IR-B${seeded.stamp}-%`);
  // The CSM manages five accounts.
  await prisma.$executeRawUnsafe(`INSERT INTO "AccountManager" ("accountId", "userId") SELECT id, $1 FROM "Account" WHERE slug LIKE $2 ORDER BY id LIMIT 5 ON CONFLICT DO NOTHING`, seeded.csm.id, `bulk-${seeded.stamp}-%`);
  await prisma.$executeRawUnsafe(`ANALYZE`);
}, 120_000);

beforeEach(() => cappedCounts.clear());

const GROUPS: DueGroup[] = ["overdue", "due_soon", "later"];

async function reference(user: SessionUser, scope: BoardScope, page: number) {
  const managed = user.role === "csm" ? await managedAccountIds(user.id) : undefined;
  const where = boardWhere(user, scope, managed);
  const { limits, zones } = await dueSoonLimitsAndZones(db(), now);
  const read = await db().case.findMany({ where, select: BOARD_ROW_SELECT, orderBy: [{ nextUpdateDue: "asc" }, { id: "asc" }], skip: (page - 1) * BOARD_PAGE, take: BOARD_PAGE + 1 });
  const rows = await toBoardRows(db(), read.slice(0, BOARD_PAGE), now, limits, zones);
  const counts = await Promise.all(GROUPS.map((g) => db().case.count({ where: { AND: [where, groupWhere(g, now, limits)] }, take: COUNT_CAP + 1 })));
  return { rows, hasNext: read.length > BOARD_PAGE, counts };
}

/** Both roles that have the board, each in both scopes. */
const VIEWERS: ["support" | "csm", BoardScope][] = [
  ["support", "mine"],
  ["support", "team"],
  ["csm", "mine"],
  ["csm", "team"],
];

describe("the Updates due board in raw SQL equals the Prisma form (issue 15)", () => {
  it.each(VIEWERS)("%s, %s: every page's rows, groups, flags and counts", async (who, scope) => {
    const user = people[who];
    let page = 1;
    let seen = 0;
    const flags = new Set<string>();
    for (;;) {
      const expected = await reference(user, scope, page);
      const got = await updatesDue(user, { scope, page, now });
      const label = `${who} ${scope} page ${page}`;
      expect(got.sections, label).toEqual({
        overdue: expected.rows.filter((r) => r.group === "overdue"),
        dueSoon: expected.rows.filter((r) => r.group === "due_soon"),
        later: expected.rows.filter((r) => r.group === "later"),
      });
      expect(got.hasNext, label).toBe(expected.hasNext);
      expect([got.counts.overdue.total, got.counts.dueSoon.total, got.counts.later.total], label).toEqual(expected.counts.map((n) => Math.min(n, COUNT_CAP)));
      for (const r of expected.rows) flags.add(`${r.group} ${r.hasUpdateToRelay}`);
      seen += expected.rows.length;
      if (!expected.hasNext) break;
      page++;
    }
    // The data reaches every group, with and without an update waiting, over more than one page.
    expect(page).toBeGreaterThan(1);
    expect(seen).toBeGreaterThan(BOARD_PAGE);
    expect([...flags].sort()).toEqual(["due_soon false", "due_soon true", "later false", "later true", "overdue false", "overdue true"]);
  });

  it.each(VIEWERS)("%s, %s: the page's reads in two queries equal the board, the chart and the notices read one by one", async (who, scope) => {
    const user = people[who];
    for (const page of [1, 2, 40]) {
      for (const remembered of [false, true]) {
        cappedCounts.clear();
        // Remembered: a group counted past the cap within the minute is not read again (the two agree on it).
        if (remembered) cappedCounts.remember(boardCountKey(user, scope, "overdue"), COUNT_CAP + 1);
        const label = `${who} ${scope} page ${page}${remembered ? " (overdue remembered as capped)" : ""}`;
        const got = await updatesPage(user, { scope, page, now });
        if (!remembered) cappedCounts.clear();
        expect(got.board, label).toEqual(await updatesDue(user, { scope, page, now }));
        if (remembered && page > 1) expect(got.board.counts.overdue, label).toEqual({ total: COUNT_CAP, capped: true });
        expect(got.perDay, label).toEqual(await duePerDay(user, { scope, now, days: 7 }));
        expect(got.notices, label).toEqual(await incidentNoticesDue(user, { scope }));
      }
    }
  });

  it("the data reaches the chart and the notices (so the comparison above compares something)", async () => {
    const got = await updatesPage(people.support, { scope: "team", now });
    expect(got.perDay.filter((d) => d.count > 0).length).toBeGreaterThan(1);
    expect(got.notices.length).toBeGreaterThan(5);
    const deadlines = got.notices.map((n) => n.deadline.getTime());
    expect(new Set(deadlines).size).toBeLessThan(deadlines.length);
    expect(got.board.counts.overdue.total).toBeGreaterThan(0);
    expect(got.board.counts.later.total).toBeGreaterThan(0);
  });

  it("a page past the end is empty, with the groups still counted", async () => {
    const got = await updatesDue(people.support, { scope: "team", page: 500, now });
    const expected = await reference(people.support, "team", 1);
    expect(got.sections).toEqual({ overdue: [], dueSoon: [], later: [] });
    expect([got.counts.overdue.total, got.counts.dueSoon.total, got.counts.later.total]).toEqual(expected.counts.map((n) => Math.min(n, COUNT_CAP)));
  });
});
