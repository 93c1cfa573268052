import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { LEGAL_PAGE, LEGAL_QUEUE_CASE, legalQueue, legalQueuePages } from "@/lib/cases/queues";
import { visibleCasesWhere } from "@/lib/cases/visibility";
import { COUNT_CAP } from "@/lib/format/count";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();
let legal: SessionUser;

beforeAll(async () => {
  const [support, l] = await Promise.all([createUser("support"), createUser("legal")]);
  legal = l as SessionUser;
  const account = await createAccount({ plan: "trial", paying: false });
  for (let i = 0; i < LEGAL_PAGE + 5; i++) {
    const { id } = await createCase({ accountId: account.id, authorId: support.id, status: "legal_review", reference: `IR-2026-${String(i).padStart(4, "0")}` });
    await db().legalException.create({ data: { caseId: id, reason: `Reason ${i}`, requestedById: support.id, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) } });
  }
  // Not Legal's to see: an exception row on a draft (no service writes one; the filter must still hold).
  const draft = await createCase({ accountId: account.id, authorId: support.id, status: "draft" });
  await db().legalException.create({ data: { caseId: draft.id, reason: "On a draft", requestedById: support.id, createdAt: new Date(Date.UTC(2025, 0, 1)) } });
});

describe("Legal's queue", () => {
  it("pages each list and counts all of it, oldest first by default", async () => {
    const first = await legalQueue(legal);
    expect(first.exceptionsTotal).toBe(LEGAL_PAGE + 5);
    expect(first.exceptions).toHaveLength(LEGAL_PAGE);
    expect(first.exceptions[0]!.reason).toBe("Reason 0");
    const second = await legalQueue(legal, { exceptionsPage: 2 });
    expect(second.exceptions.map((e) => e.reason)).toEqual([25, 26, 27, 28, 29].map((i) => `Reason ${i}`));
  });

  it("sorts newest first on request", async () => {
    const { exceptions } = await legalQueue(legal, { newestFirst: true });
    expect(exceptions[0]!.reason).toBe(`Reason ${LEGAL_PAGE + 4}`);
  });

  it("filters cases exactly as Legal's visibility does (its shorter filter is only the draft rule)", async () => {
    const ids = async (where: object) =>
      [
        ...(await db().legalException.findMany({ where: { status: "requested", case: where }, select: { id: true } })).map((r) => r.id),
        ...(await db().subpoenaReferral.findMany({ where: { status: "open", case: where }, select: { id: true } })).map((r) => r.id),
      ].sort();
    const all = await ids({});
    const draftOnly = await db().legalException.count({ where: { case: { status: "draft" } } });
    expect(draftOnly).toBeGreaterThan(0); // a draft's stray exception is in the data and must stay out
    expect(await ids(LEGAL_QUEUE_CASE)).toEqual(await ids(visibleCasesWhere(legal)));
    expect((await ids(LEGAL_QUEUE_CASE)).length).toBe(all.length - draftOnly);
  });

  it("reads each list's page in raw SQL equal to Prisma's page, row for row, in both orders and on every page", async () => {
    // Referrals too, with equal times (the id breaks the tie) and one on a draft that stays out.
    const { accountId, authorId } = await db().case.findFirstOrThrow({ where: { status: "legal_review" }, select: { accountId: true, authorId: true } });
    const at = new Date(Date.UTC(2026, 1, 1));
    for (let i = 0; i < LEGAL_PAGE + 3; i++) {
      const { id } = await createCase({ accountId, authorId, status: i === 0 ? "draft" : "legal_review" });
      await db().subpoenaReferral.create({ data: { caseId: id, resources: [{ kind: "project", path: `other/p${i}` }], createdAt: i % 4 === 0 ? at : new Date(at.getTime() + i * 1000) } });
    }
    try {
      for (const newestFirst of [false, true])
        for (const page of [1, 2, 3]) {
          const order = [{ createdAt: newestFirst ? ("desc" as const) : ("asc" as const) }, { id: "asc" as const }];
          const skip = (page - 1) * LEGAL_PAGE;
          const label = `${newestFirst ? "newest" : "oldest"} first, page ${page}`;
          // Each list on its own page: the other list's page must not move it.
          const got = await legalQueuePages(page, 4 - page, newestFirst);
          const referralsGot = (await legalQueuePages(4 - page, page, newestFirst)).referrals;
          expect(got.exceptions, label).toEqual(
            await db().legalException.findMany({
              where: { status: "requested", case: LEGAL_QUEUE_CASE },
              orderBy: order,
              skip,
              take: LEGAL_PAGE + 1,
              select: { id: true, reason: true, createdAt: true, case: { select: { id: true, reference: true, account: { select: { name: true, plan: true } } } } },
            }),
          );
          expect(referralsGot, label).toEqual(
            await db().subpoenaReferral.findMany({
              where: { status: "open", case: LEGAL_QUEUE_CASE },
              orderBy: order,
              skip,
              take: LEGAL_PAGE + 1,
              select: { id: true, resources: true, createdAt: true, case: { select: { id: true, reference: true, account: { select: { name: true } } } } },
            }),
          );
        }
      const q = await legalQueue(legal);
      expect([q.referralsTotal, q.referralsHasNext, q.referrals.length]).toEqual([LEGAL_PAGE + 2, true, LEGAL_PAGE]);
    } finally {
      await db().subpoenaReferral.deleteMany({});
    }
  });

  it("counts up to COUNT_CAP and says when there are more; Next shows while a page is full", async () => {
    const before = await legalQueue(legal);
    expect([before.exceptionsCapped, before.referralsCapped, before.exceptionsHasNext]).toEqual([false, false, true]);
    // Past the cap: COUNT_CAP more waiting requests, on cases made in one statement.
    const { accountId, authorId } = await db().case.findFirstOrThrow({ where: { status: "legal_review" }, select: { accountId: true, authorId: true } });
    const ids = Array.from({ length: COUNT_CAP }, () => crypto.randomUUID());
    await db().case.createMany({ data: ids.map((id, i) => ({ id, accountId, authorId, status: "legal_review" as const, summary: "Bulk", reference: `IR-2027-${i}` })) });
    await db().legalException.createMany({ data: ids.map((caseId) => ({ caseId, reason: "Bulk", requestedById: authorId })) });
    const after = await legalQueue(legal);
    expect(after).toMatchObject({ exceptionsTotal: COUNT_CAP, exceptionsCapped: true, exceptionsHasNext: true, referralsCapped: false });
    const last = await legalQueue(legal, { exceptionsPage: Math.ceil((COUNT_CAP + LEGAL_PAGE + 5) / LEGAL_PAGE) });
    expect(last.exceptionsHasNext).toBe(false);
    expect(last.exceptions.length).toBe((COUNT_CAP + LEGAL_PAGE + 5) % LEGAL_PAGE || LEGAL_PAGE);
  });
});
