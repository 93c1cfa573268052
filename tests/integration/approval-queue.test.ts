import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { APPROVAL_ROW_SELECT, approvalQueue, waitingApprovalRows } from "@/lib/artefacts/approval-queue";
import { visibleCasesWhere } from "@/lib/cases/visibility";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

let sirt: SessionUser;
let legal: SessionUser;

/**
 * Artefacts in review on cases each role may or may not see: SIRT's own, Support's in artefact
 * review, Support's not (yet) flagged, one with a Legal exception, a draft's; some already decided
 * by one kind (live), some decided then voided; equal update times, so the id breaks ties.
 */
beforeAll(async () => {
  const [support, s, l] = await Promise.all([createUser("support"), createUser("sirt"), createUser("legal")]);
  sirt = s as SessionUser;
  legal = l as SessionUser;
  const account = await createAccount();
  const at = new Date(Date.UTC(2026, 10, 1));
  const cases = {
    sirtTeam: await createCase({ accountId: account.id, authorId: support.id, status: "in_progress", team: "sirt" }),
    inReview: await createCase({ accountId: account.id, authorId: support.id, status: "in_progress", team: "support", artefactReview: true }),
    unflagged: await createCase({ accountId: account.id, authorId: support.id, status: "in_progress", team: "support" }),
    excepted: await createCase({ accountId: account.id, authorId: support.id, status: "legal_review", team: "support" }),
    draft: await createCase({ accountId: account.id, authorId: support.id, status: "draft", team: "sirt", artefactReview: true }),
  };
  await db().legalException.create({ data: { caseId: cases.excepted.id, reason: "Trial plan", requestedById: support.id } });
  let n = 0;
  for (const [name, c] of Object.entries(cases))
    for (let i = 0; i < 3; i++) {
      const a = await db().artefact.create({
        data: {
          caseId: c.id,
          uploadedById: support.id,
          filename: `${name}-${i}.log`,
          contentType: "text/plain",
          status: i === 2 && name === "inReview" ? "approved" : "in_review",
          redactedLines: 10 + i,
          redactionSummary: { redactions: { email: i, ipv4: 2 } },
          updatedAt: new Date(at.getTime() + (n++ % 4) * 60_000),
          revision: 1 + i,
        },
      });
      const decide = (kind: "security" | "legal", voided: boolean) =>
        db().artefactApproval.create({ data: { artefactId: a.id, kind, decision: "approved", decidedById: kind === "security" ? sirt.id : legal.id, revision: a.revision, sha256: "0".repeat(64), voidedAt: voided ? new Date() : null } });
      if (i === 1) await decide("security", false); // SIRT has decided: waits for Legal only
      if (i === 0 && name === "sirtTeam") await decide("legal", true); // Legal's decision voided: waits for both again
    }
});

describe("the approval lists' waiting page in raw SQL (issue 15)", () => {
  it.each<["sirt" | "legal"]>([["sirt"], ["legal"]])("equals Prisma's page for %s, row for row, in both orders and on every page", async (role) => {
    const user = role === "sirt" ? sirt : legal;
    const kind = role === "sirt" ? "security" : "legal";
    const where: Prisma.ArtefactWhereInput = { case: visibleCasesWhere(user), status: "in_review", NOT: { approvals: { some: { kind, voidedAt: null } } } };
    const sortApprovals = <T extends { approvals: { kind: string; revision: number }[] }>(rows: T[]) =>
      rows.map((r) => ({ ...r, approvals: [...r.approvals].sort((x, y) => x.kind.localeCompare(y.kind) || x.revision - y.revision) }));
    let seen = 0;
    for (const newestFirst of [false, true])
      for (const page of [1, 2, 3, 4]) {
        const want = await db().artefact.findMany({
          where,
          orderBy: [{ updatedAt: newestFirst ? "desc" : "asc" }, { id: "asc" }],
          skip: (page - 1) * 3,
          take: 4,
          select: APPROVAL_ROW_SELECT,
        });
        const got = await waitingApprovalRows(user, kind, page, 3, newestFirst);
        expect(sortApprovals(got), `${role} ${newestFirst ? "newest" : "oldest"} first, page ${page}`).toEqual(sortApprovals(want));
        if (!newestFirst) seen += Math.min(3, want.length);
      }
    // What each role waits on, from the data above. SIRT: its own case's files but the one it
    // decided (a voided Legal decision changes nothing), and the flagged case's first file (its
    // second SIRT decided, its third is approved): 3. Legal: the flagged case's first two and the
    // excepted case's three; SIRT's own case is not Legal's to see: 5.
    expect(seen).toBe(role === "sirt" ? 3 : 5);
  });

  it("the approvals page lists the same artefacts with its counts", async () => {
    const page = await approvalQueue(legal, { page: 1, perPage: 25 });
    expect(page).toMatchObject({ total: 5, capped: false, hasNext: false });
    expect(page.items.map((i) => i.filename).sort()).toEqual(["excepted-0.log", "excepted-1.log", "excepted-2.log", "inReview-0.log", "inReview-1.log"]);
    // SIRT's decision shows on the file it decided, its revision's; the redactions are added up.
    expect(page.items.find((i) => i.filename === "inReview-1.log")).toMatchObject({ security: "approved", legal: null, redactions: 3, redactedLines: 11 });
  });
});
