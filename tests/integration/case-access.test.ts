// The one guard of a case (lib/cases/access.ts) that every case, timeline and artefact service
// goes through. Before it, loadCase was written four times with guards that disagreed: two let
// Admin read case contents and sent a malformed id to the database (an unexpected error, not a
// 404), and only the artefact services locked the case row before re-checking its state.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { artefactProgress } from "@/lib/artefacts/queries";
import { loadArtefact, lockArtefact } from "@/lib/artefacts/access";
import { assertNotClosed, assertOwnQueue, assertSubmitted, findVisibleCase, lockVisibleCase } from "@/lib/cases/access";
import { assignCase } from "@/lib/cases/assign-case";
import { recordIncidentImpact } from "@/lib/cases/record-incident-impact";
import { requestException } from "@/lib/cases/request-exception";
import { setVerification } from "@/lib/cases/set-verification";
import { db } from "@/lib/db";
import { addEntry } from "@/lib/timeline/service";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

let support: SessionUser, support2: SessionUser, sirt: SessionUser, admin: SessionUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  [support, support2, sirt, admin] = (await Promise.all((["support", "support", "sirt", "admin"] as const).map((r) => createUser(r)))) as SessionUser[];
  const account = await createAccount();
  ids.supportCase = (await createCase({ accountId: account.id, authorId: support2.id, team: "support", status: "accepted" })).id;
  ids.sirtCase = (await createCase({ accountId: account.id, authorId: support2.id, team: "sirt", status: "accepted" })).id;
  ids.draft = (await createCase({ accountId: account.id, authorId: support.id, status: "draft", reference: null, team: null })).id;
  ids.sirtArtefact = (await db().artefact.create({ data: { caseId: ids.sirtCase, uploadedById: sirt.id, filename: "extract.log", contentType: "text/plain" }, select: { id: true } })).id;
});

describe("findVisibleCase / lockVisibleCase", () => {
  it("returns the fields asked for of a case the user may see", async () => {
    const c = await findVisibleCase(db(), support, ids.supportCase!, { select: { id: true, status: true } });
    expect(c).toEqual({ id: ids.supportCase, status: "accepted" });
    const locked = await db().$transaction((tx) => lockVisibleCase(tx, support, ids.supportCase!, { select: { team: true } }));
    expect(locked).toEqual({ team: "support" });
  });

  it.each([
    ["another team's case", () => support, "supportCase", "sirtCase"],
    ["a malformed id", () => support, "supportCase", "../../etc"],
    ["an unknown id", () => support, "supportCase", "00000000-0000-4000-8000-000000000000"],
    ["case contents, asked by Admin", () => admin, "supportCase", "supportCase"],
    ["someone else's draft", () => support2, "supportCase", "draft"],
  ] as const)("%s is NOT_FOUND, read or locked", async (_label, who, _seen, key) => {
    const id = ids[key] ?? key;
    await expect(findVisibleCase(db(), who(), id, { select: { id: true } })).rejects.toMatchObject({ code: "NOT_FOUND", message: "That case was not found." });
    await expect(db().$transaction((tx) => lockVisibleCase(tx, who(), id, { select: { id: true } }))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("Admin reads metadata only when the caller says so; `what` and `where` narrow the answer", async () => {
    expect(await findVisibleCase(db(), admin, ids.sirtCase!, { select: { reference: true } }, { admin: true })).toMatchObject({ reference: expect.any(String) });
    await expect(findVisibleCase(db(), support, ids.supportCase!, { select: { id: true } }, { what: "That draft", where: { status: "draft" } })).rejects.toMatchObject({ message: "That draft was not found." });
  });
});

describe("every service answers through the guard", () => {
  it.each([
    ["set a verification tick", () => setVerification(admin, { id: ids.supportCase!, item: "identity", checked: true })],
    ["ask for an exception", () => requestException(admin, { id: ids.supportCase!, version: 1, reason: "Admin never touches case contents." })],
    ["record the incident impact", () => recordIncidentImpact(admin, { id: ids.supportCase!, version: 1 })],
    ["triage", () => assignCase(admin, { id: ids.supportCase!, version: 1, assigneeId: null })],
  ])("Admin trying to %s gets NOT_FOUND", async (_label, run) => {
    await expect(run()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it.each([
    ["set a verification tick", () => setVerification(support, { id: "not-a-case", item: "identity", checked: true })],
    ["triage", () => assignCase(support, { id: "not-a-case", version: 1, assigneeId: null })],
    ["add a finding", () => addEntry(support, { caseId: "not-a-case", kind: "finding", visibility: "internal", body: "Nothing" })],
  ])("a malformed id trying to %s is NOT_FOUND, not a database error", async (_label, run) => {
    await expect(run()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("SIRT trying another team's case by its id gets NOT_FOUND (cross-team)", async () => {
    await expect(setVerification(sirt, { id: ids.supportCase!, item: "identity", checked: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(assignCase(sirt, { id: ids.supportCase!, version: 1, assigneeId: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the state asserts", () => {
  it.each([
    ["draft", () => assertSubmitted({ status: "draft" }), "Submit the case first."],
    ["closed", () => assertNotClosed({ status: "closed" }), "This case is closed."],
    ["closed, naming what", () => assertNotClosed({ status: "closed" }, "its timeline"), "This case is closed; its timeline can no longer change."],
    ["triage by another team", () => assertOwnQueue({ team: "sirt", status: "accepted" }, { role: "support" }), "Only SIRT can triage this case."],
    ["triage out of the queue", () => assertOwnQueue({ team: "sirt", status: "artefacts_in_review" }, { role: "sirt" }), "This case is artefacts in review and no longer in the queue."],
    ["priority by Support", () => assertOwnQueue({ team: "support", status: "accepted" }, { role: "support" }, true), "Only SIRT triages its queue."],
  ])("%s is refused with its message", (_label, run, message) => {
    expect(run).toThrow(message);
  });

  it.each([
    [() => assertSubmitted({ status: "accepted" })],
    [() => assertNotClosed({ status: "shared" })],
    [() => assertOwnQueue({ team: "sirt", status: "in_progress" }, { role: "sirt" }, true)],
  ])("an open case passes (%#)", (run) => {
    expect(run).not.toThrow();
  });
});

// lib/artefacts/access.ts: an artefact is found through its case's guard.
describe("the artefact guard", () => {
  it("finds an artefact with its case for whoever may see the case, read or locked", async () => {
    const { artefact, kase } = await loadArtefact(db(), sirt, ids.sirtArtefact!);
    expect(artefact).toMatchObject({ id: ids.sirtArtefact, caseId: ids.sirtCase, status: "processing" });
    expect(kase).toMatchObject({ id: ids.sirtCase, team: "sirt" });
    const locked = await db().$transaction((tx) => lockArtefact(tx, sirt, ids.sirtArtefact!));
    expect(locked.kase.id).toBe(ids.sirtCase);
  });

  it.each<[string, () => SessionUser, () => string]>([
    ["another team's artefact", () => support, () => ids.sirtArtefact!],
    ["a malformed id", () => sirt, () => "../../etc"],
    ["an unknown id", () => sirt, () => "00000000-0000-4000-8000-000000000000"],
    ["any artefact, asked by Admin", () => admin, () => ids.sirtArtefact!],
  ])("%s is NOT_FOUND, read, locked or polled", async (_label, who, id) => {
    await expect(loadArtefact(db(), who(), id())).rejects.toMatchObject({ code: "NOT_FOUND", message: "That artefact was not found." });
    await expect(db().$transaction((tx) => lockArtefact(tx, who(), id()))).rejects.toMatchObject({ code: "NOT_FOUND" });
    if (who() !== admin) await expect(artefactProgress(who(), id())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
