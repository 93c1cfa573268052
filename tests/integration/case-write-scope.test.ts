// Issue 12, finding 3: SIRT may READ a Support case once one of its artefacts awaits the security
// approval (visibility.ts: `artefactReview`), but it may write to it only that approval. Before the
// fix the case guard had one scope for reading and writing, so addEntry and recordIncidentImpact
// answered ok on a case routed to Support.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { lockArtefact } from "@/lib/artefacts/access";
import { redactAgain } from "@/lib/artefacts/redact-again";
import { redactAgainWithNewSettings } from "@/lib/artefacts/redact-again-with-new-settings";
import { withdrawArtefact } from "@/lib/artefacts/withdraw-artefact";
import { findVisibleCase, lockVisibleCase, writableCaseWhere } from "@/lib/cases/access";
import { mayWriteSeenCase, visibleCasesWhere } from "@/lib/cases/visibility";
import { changeScope } from "@/lib/cases/change-scope";
import { overrideVerification } from "@/lib/cases/override-verification";
import { recordIncidentImpact } from "@/lib/cases/record-incident-impact";
import { setPriority } from "@/lib/cases/set-priority";
import type { TCaseDraftInput } from "@/lib/cases/schemas";
import { db } from "@/lib/db";
import { addEntry } from "@/lib/timeline/service";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

let support: SessionUser, sirt: SessionUser, sirtLead: SessionUser, legal: SessionUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  [support, sirt, legal] = (await Promise.all((["support", "sirt", "legal"] as const).map((r) => createUser(r)))) as SessionUser[];
  sirtLead = (await createUser("sirt", { teamLead: true })) as SessionUser;
  const account = await createAccount({ incidentNotification: true });
  // A Support case whose artefact is in review: SIRT and Legal see it (artefactReview).
  ids.supportCase = (await createCase({ accountId: account.id, authorId: support.id, team: "support", status: "artefacts_in_review", artefactReview: true })).id;
  ids.supportArtefact = (
    await db().artefact.create({ data: { caseId: ids.supportCase, uploadedById: support.id, filename: "support.log", contentType: "text/plain", status: "in_review" }, select: { id: true } })
  ).id;
  ids.sirtCase = (await createCase({ accountId: account.id, authorId: support.id, team: "sirt", status: "accepted" })).id;
});

const version = async (id: string) => (await db().case.findUniqueOrThrow({ where: { id } })).version;
const writesOn = async (caseId: string) => ({
  entries: await db().timelineEntry.count({ where: { caseId } }),
  activity: await db().activityLog.count({ where: { caseId } }),
  case: await db().case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true, incidentAffects: true, status: true } }),
});

describe("SIRT on a Support case with an artefact in review", () => {
  it("still reads it (it gives the security approval)", async () => {
    await expect(findVisibleCase(db(), sirt, ids.supportCase!, { select: { id: true } })).resolves.toEqual({ id: ids.supportCase });
  });

  it.each<[string, () => Promise<unknown>]>([
    ["add a timeline entry", () => addEntry(sirt, { caseId: ids.supportCase!, kind: "finding", visibility: "internal", body: "SIRT writing on Support's case" })],
    ["record the incident impact", async () => recordIncidentImpact(sirt, { id: ids.supportCase!, version: await version(ids.supportCase!) })],
    ["change the scope", async () => changeScope(sirt, { id: ids.supportCase!, version: await version(ids.supportCase!), draft: {} as TCaseDraftInput })],
    ["override the checklist (as a team lead)", () => overrideVerification(sirtLead, { id: ids.supportCase!, reason: "SIRT overriding Support's checklist" })],
    ["set the priority", async () => setPriority(sirt, { id: ids.supportCase!, version: await version(ids.supportCase!), priority: 2 })],
    ["redact an artefact again", () => redactAgain(sirt, { artefactId: ids.supportArtefact!, version: 1, options: {} } as never)],
    ["redact an artefact again with the new settings", () => redactAgainWithNewSettings(sirt, { artefactId: ids.supportArtefact!, version: 1 })],
    ["withdraw an artefact", () => withdrawArtefact(sirt, { artefactId: ids.supportArtefact!, version: 1, reason: "SIRT withdrawing Support's artefact" } as never)],
  ])("may not %s: FORBIDDEN, nothing written", async (_label, run) => {
    const before = await writesOn(ids.supportCase!);
    await expect(run()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await writesOn(ids.supportCase!)).toEqual(before);
  });

  it("the write guard refuses it while the read guard finds it; SIRT's own case passes both", async () => {
    await expect(db().$transaction((tx) => lockVisibleCase(tx, sirt, ids.supportCase!, { select: { id: true } }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(db().$transaction((tx) => lockVisibleCase(tx, sirt, ids.sirtCase!, { select: { id: true } }))).resolves.toEqual({ id: ids.sirtCase });
    await expect(addEntry(sirt, { caseId: ids.sirtCase!, kind: "note", visibility: "internal", body: "SIRT on its own case" })).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("the artefact it reviews can still be locked for its decision (the one write SIRT and Legal make there)", async () => {
    for (const who of [sirt, legal]) {
      const { kase } = await db().$transaction((tx) => lockArtefact(tx, who, ids.supportArtefact!, { review: true }));
      expect(kase.id).toBe(ids.supportCase);
    }
    await expect(db().$transaction((tx) => lockArtefact(tx, sirt, ids.supportArtefact!))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("Support, whose case it is, still writes to it", async () => {
    await expect(addEntry(support, { caseId: ids.supportCase!, kind: "note", visibility: "internal", body: "Support on its own case" })).resolves.toMatchObject({ id: expect.any(String) });
  });
});

// The case page decides "may this user close or reopen it" in memory on the case it found
// (mayWriteSeenCase) instead of a second query (issue 15): it must agree with the database's
// write scope for every role, on cases of every team, status and review state the user sees.
describe("mayWriteSeenCase agrees with writableCasesWhere", () => {
  it("for every role, on every case the role sees", async () => {
    const csm = (await createUser("csm")) as SessionUser;
    const admin = (await createUser("admin")) as SessionUser;
    const managed = await createAccount();
    await db().accountManager.create({ data: { accountId: managed.id, userId: csm.id } });
    const other = await createAccount();
    const made: string[] = [];
    for (const accountId of [managed.id, other.id])
      for (const team of ["support", "sirt", null] as const)
        for (const status of ["draft", "submitted", "accepted", "artefacts_in_review", "closed"] as const)
          for (const artefactReview of [false, true])
            for (const authorId of [support.id, csm.id, sirt.id])
              made.push((await createCase({ accountId, authorId, team, status, artefactReview })).id);
    const legalCase = made[made.length - 1]!;
    await db().legalException.create({ data: { caseId: legalCase, reason: "Exception asked of Legal", requestedById: support.id } });
    let compared = 0;
    for (const user of [support, csm, sirt, legal, admin]) {
      const seen = await db().case.findMany({ where: { AND: [{ id: { in: made } }, visibleCasesWhere(user)] }, select: { id: true, status: true, team: true } });
      expect(seen.length, `${user.role} sees some of the cases`).toBeGreaterThan(0);
      for (const c of seen) {
        const inDatabase = (await db().case.count({ where: writableCaseWhere(user, c.id) })) > 0;
        expect(mayWriteSeenCase(user, c), `${user.role} on a ${c.team ?? "never routed"} case in ${c.status}`).toBe(inDatabase);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
