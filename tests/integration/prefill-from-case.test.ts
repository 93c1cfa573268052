import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { prefillFromCase } from "@/lib/cases/prefill-from-case";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/factories";
import { intakeDraft, saveAndSubmit } from "../support/intake";

useTestDatabase();

let support: SessionUser, csm: SessionUser, otherCsm: SessionUser, sirt: SessionUser, admin: SessionUser;
let freeAccount: string, premiumAccount: string;

beforeAll(async () => {
  [support, csm, otherCsm, sirt, admin] = (await Promise.all((["support", "csm", "csm", "sirt", "admin"] as const).map((r) => createUser(r)))) as SessionUser[];
  const resources = { create: [{ kind: "project" as const, path: "acme/infra/api", pathLower: "acme/infra/api" }] };
  freeAccount = (await db().account.create({ data: { slug: "free-co", name: "Free Co", plan: "free", deployment: "saas", paying: false, managers: { create: [{ userId: csm.id }] }, resources } })).id;
  premiumAccount = (await db().account.create({ data: { slug: "prem-co", name: "Prem Co", plan: "premium", deployment: "saas", paying: true, managers: { create: [{ userId: csm.id }] }, resources } })).id;
});

describe("a new request from a refused case (prefill)", () => {
  it("Support gets the refused case's template: account, requester, summary, resources, event types, sources, window, personal data", async () => {
    const draft = intakeDraft(freeAccount, { personalData: true, summary: "Tokens used from an unknown network; please check the API logs." });
    const c = await saveAndSubmit(support, draft);
    expect(c.status).toBe("ineligible");
    const before = await db().case.count();
    const p = await prefillFromCase(support, c.id);
    expect(p).toEqual({
      sourceId: c.id,
      sourceReference: c.reference,
      accountId: freeAccount,
      requesterName: draft.requesterName,
      requesterEmail: draft.requesterEmail,
      summary: draft.summary,
      resources: [{ kind: "project", path: "acme/infra/api" }],
      eventTypes: draft.eventTypes,
      logSources: draft.logSources,
      windowFrom: draft.windowFrom,
      windowTo: draft.windowTo,
      personalData: true,
    });
    expect(await db().case.count()).toBe(before); // nothing written: the draft is made when the form saves
  });

  it("the CSM of the account may start from it; a refused case since closed still may", async () => {
    const c = await saveAndSubmit(support, intakeDraft(freeAccount));
    await expect(prefillFromCase(csm, c.id)).resolves.toMatchObject({ sourceId: c.id, accountId: freeAccount });
    await db().case.update({ where: { id: c.id }, data: { status: "closed" } });
    await expect(prefillFromCase(support, c.id)).resolves.toMatchObject({ sourceId: c.id });
  });

  it("is read through the case guard: a CSM of another account and unknown ids get NOT_FOUND; roles that cannot open cases are refused first", async () => {
    const c = await saveAndSubmit(support, intakeDraft(freeAccount));
    await expect(prefillFromCase(otherCsm, c.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(prefillFromCase(support, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(prefillFromCase(support, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(prefillFromCase(admin, c.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(prefillFromCase(sirt, c.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a case that was not refused is changed in scope instead", async () => {
    const c = await saveAndSubmit(support, intakeDraft(premiumAccount));
    expect(c.status).toBe("accepted");
    await expect(prefillFromCase(support, c.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
  });
});
