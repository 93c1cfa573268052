import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { caseListChoices, getCaseForUser, listCasesForUser } from "@/lib/cases/queries";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

// Regression guard: reading another team's case by its id must be a 404, not a leak.
describe("cross-team case visibility (a case the user may not see is NOT_FOUND)", () => {
  let support: SessionUser, support2: SessionUser, csm: SessionUser, sirt: SessionUser, legal: SessionUser, admin: SessionUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    [support, support2, csm, sirt, legal, admin] = (await Promise.all(
      (["support", "support", "csm", "sirt", "legal", "admin"] as const).map((r) => createUser(r)),
    )) as SessionUser[];
    const managed = await createAccount();
    const other = await createAccount();
    ids.managedAccount = managed.id;
    ids.otherAccount = other.id;
    await db().accountManager.create({ data: { accountId: managed.id, userId: csm.id } });
    ids.supportCase = (await createCase({ accountId: other.id, authorId: support2.id, team: "support" })).id;
    ids.sirtCase = (await createCase({ accountId: other.id, authorId: support2.id, team: "sirt" })).id;
    ids.managedSirtCase = (await createCase({ accountId: managed.id, authorId: support2.id, team: "sirt" })).id;
    ids.ownSirtCase = (await createCase({ accountId: other.id, authorId: support.id, team: "sirt" })).id;
    ids.othersDraft = (await createCase({ accountId: managed.id, authorId: support2.id, status: "draft", reference: null, team: null })).id;
    ids.exceptionCase = (await createCase({ accountId: other.id, authorId: support2.id, status: "legal_review" })).id;
    await db().legalException.create({ data: { caseId: ids.exceptionCase, reason: "Trial customer under attack", requestedById: support2.id } });
  });

  const visible = async (u: SessionUser) => (await listCasesForUser(u)).rows.map((r) => r.id).sort();

  it.each([
    ["support", () => support, ["supportCase", "ownSirtCase"]],
    ["csm", () => csm, ["managedSirtCase"]],
    ["sirt", () => sirt, ["sirtCase", "managedSirtCase", "ownSirtCase"]],
    ["legal", () => legal, ["exceptionCase"]],
  ] as const)("%s lists exactly its cases", async (_role, who, expected) => {
    expect(await visible(who())).toEqual(expected.map((k) => ids[k]).sort());
  });

  it.each([
    ["support opening a SIRT case", () => support, "sirtCase"],
    ["sirt opening a Support case", () => sirt, "supportCase"],
    ["csm opening an unmanaged account's case", () => csm, "supportCase"],
    ["csm opening someone else's draft", () => csm, "othersDraft"],
    ["legal opening a case with nothing for Legal", () => legal, "sirtCase"],
  ] as const)("%s is NOT_FOUND", async (_label, who, key) => {
    await expect(getCaseForUser(who(), ids[key]!)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the filter choices name only what the role may see: a CSM its accounts and their cases' authors", async () => {
    const csmChoices = await caseListChoices(csm);
    expect(csmChoices.accounts.map((a) => a.id)).toEqual([ids.managedAccount]);
    expect(csmChoices.authors.map((a) => a.id)).toEqual([support2.id]); // the author of the managed account's case
    const sirtChoices = await caseListChoices(sirt);
    expect(sirtChoices.accounts.map((a) => a.id).sort()).toEqual([ids.managedAccount, ids.otherAccount].sort());
    expect(sirtChoices.authors.map((a) => a.id).sort()).toEqual([support.id, support2.id].sort());
    const legalChoices = await caseListChoices(legal);
    expect(legalChoices.accounts.map((a) => a.id)).toEqual([ids.otherAccount]);
    expect(await caseListChoices(admin)).toEqual({ accounts: [], authors: [] });
  });

  it("a malformed or unknown id is the same NOT_FOUND", async () => {
    await expect(getCaseForUser(support, "../../etc")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCaseForUser(support, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("Admin lists every submitted case but gets metadata only, never contents", async () => {
    const { rows } = await listCasesForUser(admin);
    expect(rows.map((r) => r.id)).toContain(ids.sirtCase);
    expect(rows.map((r) => r.id)).not.toContain(ids.othersDraft);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["acceptedAt", "closedAt", "createdAt", "id", "reference", "requestedAt", "status", "team", "updatedAt"]);
    const one = await getCaseForUser(admin, ids.sirtCase!);
    expect(one).not.toHaveProperty("summary");
  });
});
