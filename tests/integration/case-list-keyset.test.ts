// The case list's Next / Previous cursors (lib/cases/keyset.ts, issue 15): walking every page forward
// and back by cursor, under each sort, lists exactly the rows OFFSET pages list, in the same order,
// with ties in the sort key and nulls (drafts have no reference and no request time).
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { SORTS, type Sort } from "@/lib/cases/list-filters";
import { listCasesForUser, PAGE_SIZE } from "@/lib/cases/queries";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createAccount, createUser } from "../support/factories";

useTestDatabase();
let support: SessionUser;

beforeAll(async () => {
  support = (await createUser("support")) as SessionUser;
  const account = await createAccount();
  const tie = new Date("2026-11-01T09:00:00Z");
  await db().case.createMany({
    data: Array.from({ length: 2 * PAGE_SIZE + 12 }, (_, i) => {
      const draft = i % 7 === 0;
      const at = i % 5 === 0 ? tie : new Date(tie.getTime() - i * 3_600_000);
      return {
        accountId: account.id,
        authorId: support.id,
        team: draft ? null : ("support" as const),
        status: draft ? ("draft" as const) : ("accepted" as const),
        summary: `Case ${i}`,
        reference: draft ? null : `IR-2026-${String(i % 9).padStart(4, "0")}-${i}`,
        requestedAt: draft ? null : at,
        createdAt: at,
        updatedAt: i % 3 === 0 ? tie : at,
      };
    }),
  });
});

describe("case list keyset pagination", () => {
  it.each(Object.keys(SORTS) as Sort[])("by %s: Next then Previous by cursor list what page numbers list", async (sort) => {
    const byOffset: string[] = [];
    for (let page = 1; ; page++) {
      const r = await listCasesForUser(support, { sort, page });
      byOffset.push(...r.rows.map((c) => c.id));
      if (!r.hasNext) break;
    }
    expect(new Set(byOffset).size).toBe(2 * PAGE_SIZE + 12);

    const pages: string[][] = [];
    let r = await listCasesForUser(support, { sort, page: 1 });
    pages.push(r.rows.map((c) => c.id));
    while (r.hasNext) {
      r = await listCasesForUser(support, { sort, page: pages.length + 1, after: r.nextCursor! });
      pages.push(r.rows.map((c) => c.id));
    }
    expect(pages.flat()).toEqual(byOffset);
    expect(pages.at(-1)!.length).toBe(12);

    // Back from the last page, by the first row's cursor.
    let back = r;
    for (let i = pages.length - 2; i >= 0; i--) {
      back = await listCasesForUser(support, { sort, page: i + 1, before: back.prevCursor! });
      expect(back.rows.map((c) => c.id)).toEqual(pages[i]);
      expect(back.hasNext).toBe(true);
    }
    expect(back.hasPrev).toBe(false);
  });

  it("ignores a cursor that is not one (the first rows instead)", async () => {
    const first = await listCasesForUser(support, {});
    expect((await listCasesForUser(support, { after: "not-a-cursor" })).rows).toEqual(first.rows);
  });
});
