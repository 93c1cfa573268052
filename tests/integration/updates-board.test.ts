import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { durationInWords, incidentNoticesDue, updatesDue, type BoardRow } from "@/lib/updates/board";
import { COUNT_CAP } from "@/lib/format/count";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

const H = 3_600_000;
// A Wednesday noon: the default calendar (Mon-Fri, whole days, UTC) is running.
const NOW = new Date("2026-11-25T12:00:00Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);

let csm1: SessionUser, csm2: SessionUser, support1: SessionUser, support2: SessionUser, sirt: SessionUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  [csm1, csm2, support1, support2, sirt] = (await Promise.all((["csm", "csm", "support", "support", "sirt"] as const).map((r) => createUser(r)))) as SessionUser[];
  const a = await createAccount({ name: "Acme A" });
  const b = await createAccount({ name: "Bravo B" });
  await db().accountManager.createMany({ data: [{ accountId: a.id, userId: csm1.id }, { accountId: b.id, userId: csm2.id }] });
  const make = async (name: string, data: Parameters<typeof createCase>[0]) => {
    ids[name] = (await createCase({ reference: `IR-2026-${name}`, acceptedAt: at(-24 * H), ...data })).id;
  };
  // Account A (csm1's)
  await make("overdue-a", { accountId: a.id, authorId: support1.id, team: "support", status: "in_progress", nextUpdateDue: at(-H - 5 * 60_000), lastRelayAt: at(-20 * H), extended: true });
  await make("soon-a-sirt", { accountId: a.id, authorId: csm1.id, team: "sirt", status: "accepted", nextUpdateDue: at(2 * H), lastRelayAt: at(-H) });
  await make("closed-a", { accountId: a.id, authorId: support1.id, team: "support", status: "closed", nextUpdateDue: at(-5 * H) });
  await make("unrouted-a", { accountId: a.id, authorId: support1.id, status: "submitted" });
  // Account B (csm2's)
  await make("later-b", { accountId: b.id, authorId: support2.id, assigneeId: support1.id, team: "support", status: "artefacts_in_review", nextUpdateDue: at(3 * 24 * H) });
  await make("soon-b-sirt", { accountId: b.id, authorId: support2.id, team: "sirt", status: "approved", nextUpdateDue: at(H) });
  await make("later-b-by-csm1", { accountId: b.id, authorId: csm1.id, team: "support", status: "accepted", nextUpdateDue: at(2 * 24 * H) });

  // Relayable news newer than the last relay on overdue-a; older on soon-a-sirt; internal only on later-b.
  await db().timelineEntry.createMany({
    data: [
      { caseId: ids["overdue-a"]!, authorId: sirt.id, kind: "finding", visibility: "relayable", body: "Found the token's first use.", createdAt: at(-2 * H) },
      { caseId: ids["soon-a-sirt"]!, authorId: sirt.id, kind: "status_update", visibility: "relayable", body: "Still searching.", createdAt: at(-3 * H) },
      { caseId: ids["later-b"]!, authorId: support1.id, kind: "note", visibility: "internal", body: "Internal only.", createdAt: at(-H) },
    ],
  });
});

const refs = (rows: BoardRow[]) => rows.map((r) => r.reference);
const board = (u: SessionUser, scope: "mine" | "team") => updatesDue(u, { scope, now: NOW });
const exact = (overdue: number, dueSoon: number, later: number) => ({
  overdue: { total: overdue, capped: false },
  dueSoon: { total: dueSoon, capped: false },
  later: { total: later, capped: false },
});

describe("Updates due board: grouping", () => {
  it("splits open cases into overdue, due within 4 business hours, and later, earliest first", async () => {
    const b = await board(support1, "team");
    expect(refs(b.sections.overdue)).toEqual(["IR-2026-overdue-a"]);
    expect(refs(b.sections.dueSoon)).toEqual([]);
    expect(refs(b.sections.later)).toEqual(["IR-2026-later-b-by-csm1", "IR-2026-later-b"]);
    expect(b.counts).toEqual(exact(1, 0, 2));
  });

  it("says how overdue or how long is left in words, with the extended flag, last relay and news to relay", async () => {
    const b = await board(csm1, "mine");
    const [overdue] = b.sections.overdue;
    expect(overdue).toMatchObject({ account: "Acme A", team: "support", extended: true, dueInWords: "overdue by 1 h 5 min", hasUpdateToRelay: true, lastRelayAt: at(-20 * H) });
    const [soon] = b.sections.dueSoon;
    expect(soon).toMatchObject({ reference: "IR-2026-soon-a-sirt", team: "sirt", dueInWords: "due in 2 h", hasUpdateToRelay: false, extended: false });
    const later = (await board(support1, "mine")).sections.later.find((r) => r.reference === "IR-2026-later-b")!;
    expect(later).toMatchObject({ hasUpdateToRelay: false, dueInWords: "due in 3 days" });
  });

  it("counts business time for due soon: on a Saturday, Monday 02:00 is due soon and Monday 06:00 is not", async () => {
    const sat = new Date("2026-11-28T12:00:00Z");
    await db().case.update({ where: { id: ids["later-b"]! }, data: { nextUpdateDue: new Date("2026-11-30T02:00:00Z") } });
    await db().case.update({ where: { id: ids["later-b-by-csm1"]! }, data: { nextUpdateDue: new Date("2026-11-30T06:00:00Z") } });
    try {
      const b = await updatesDue(support1, { scope: "team", now: sat });
      expect(refs(b.sections.dueSoon)).toEqual(["IR-2026-later-b"]);
      expect(refs(b.sections.later)).toEqual(["IR-2026-later-b-by-csm1"]);
    } finally {
      await db().case.update({ where: { id: ids["later-b"]! }, data: { nextUpdateDue: at(3 * 24 * H) } });
      await db().case.update({ where: { id: ids["later-b-by-csm1"]! }, data: { nextUpdateDue: at(2 * 24 * H) } });
    }
  });

  it("groups and shows zones by the calendars read with the session (issue 15: no calendar read of its own)", async () => {
    // One business hour a day (09:00-10:00 UTC): 4 business hours from Wednesday noon end Tuesday 10:00,
    // so both cases due later this week are due soon; Admin's calendars in the database say otherwise.
    const calendars = {
      support: { timeZone: "UTC", workdays: [1, 2, 3, 4, 5], holidays: [], workingHours: { start: "09:00", end: "10:00" } },
      sirt: { timeZone: "Asia/Kolkata", workdays: [1, 2, 3, 4, 5], holidays: [] },
    };
    const b = await updatesDue({ ...support1, calendars }, { scope: "team", now: NOW });
    expect(refs(b.sections.dueSoon)).toEqual(["IR-2026-later-b-by-csm1", "IR-2026-later-b"]);
    expect(refs(b.sections.later)).toEqual([]);
    // support2 opened a SIRT case, which its board shows in SIRT's zone.
    const sirtRow = (await updatesDue({ ...support2, calendars }, { scope: "mine", now: NOW })).sections.dueSoon.find((r) => r.team === "sirt")!;
    expect(sirtRow.timeZone).toBe("Asia/Kolkata");
    // Without them (a user not read with a page's session), the board reads the calendars itself.
    const fromDb = await updatesDue(support1, { scope: "team", now: NOW });
    expect(refs(fromDb.sections.later)).toEqual(["IR-2026-later-b-by-csm1", "IR-2026-later-b"]);
    expect(fromDb.sections.later[0]!.timeZone).toBe("UTC");
  });

  it.each([
    [30_000, "under a minute"],
    [5 * 60_000, "5 min"],
    [H + 60_000, "1 h 1 min"],
    [26 * H + 60_000, "1 day 2 h"],
    [3 * 24 * H, "3 days"],
  ])("durationInWords(%i) = %s", (ms, words) => {
    expect(durationInWords(ms)).toBe(words);
  });
});

describe("Updates due board: scopes per role and visibility", () => {
  it.each([
    ["csm1", "mine", ["IR-2026-overdue-a", "IR-2026-soon-a-sirt"]],
    ["csm1", "team", ["IR-2026-overdue-a", "IR-2026-soon-a-sirt", "IR-2026-later-b-by-csm1"]],
    ["csm2", "mine", ["IR-2026-soon-b-sirt", "IR-2026-later-b-by-csm1", "IR-2026-later-b"]],
    ["support1", "mine", ["IR-2026-overdue-a", "IR-2026-later-b"]],
    ["support1", "team", ["IR-2026-overdue-a", "IR-2026-later-b-by-csm1", "IR-2026-later-b"]],
    ["support2", "mine", ["IR-2026-soon-b-sirt", "IR-2026-later-b"]],
  ] as const)("%s, %s: sees only its cases", async (who, scope, expected) => {
    const user = { csm1, csm2, support1, support2 }[who];
    const b = await board(user, scope);
    const all = [...b.sections.overdue, ...b.sections.dueSoon, ...b.sections.later];
    expect(refs(all)).toEqual(expected);
    expect(b.total).toBe(expected.length);
  });

  it("never shows closed cases, cases without a running clock, or another team's SIRT cases (Support sees SIRT cases only when it opened them)", async () => {
    const b = await board(support1, "team");
    const all = refs([...b.sections.overdue, ...b.sections.dueSoon, ...b.sections.later]);
    expect(all).not.toContain("IR-2026-closed-a");
    expect(all).not.toContain("IR-2026-unrouted-a");
    expect(all).not.toContain("IR-2026-soon-a-sirt");
    expect(all).not.toContain("IR-2026-soon-b-sirt");
  });

  it("is refused to roles without updates.read", async () => {
    await expect(board(sirt, "team")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("pages 25 at a time, counts over every page", async () => {
    const acct = await createAccount({ name: "Paged" });
    await db().accountManager.create({ data: { accountId: acct.id, userId: csm2.id } });
    for (let i = 0; i < 26; i++) {
      await createCase({ accountId: acct.id, authorId: support2.id, team: "support", status: "accepted", nextUpdateDue: at(-(i + 2) * H), reference: `IR-2026-P${i}` });
    }
    const p1 = await updatesDue(csm2, { scope: "mine", now: NOW });
    const p2 = await updatesDue(csm2, { scope: "mine", now: NOW, page: 2 });
    expect(p1.total).toBe(29);
    expect(p1.counts).toEqual(exact(26, 1, 2));
    expect([p1.capped, p1.hasNext, p2.hasNext]).toEqual([false, true, false]);
    expect(p1.sections.overdue).toHaveLength(25);
    expect(p1.sections.overdue[0]!.reference).toBe("IR-2026-P25");
    expect(refs(p2.sections.overdue)).toEqual(["IR-2026-P0"]);
    expect(p2.sections.dueSoon).toHaveLength(1);
  });
});

describe("Updates due board: counts past the cap", () => {
  it("says 1,000+ for a group past COUNT_CAP, counts the others exactly, and pages on by reading one row more", async () => {
    const csm3 = (await createUser("csm")) as SessionUser;
    const acct = await createAccount({ name: "Many overdue" });
    await db().accountManager.create({ data: { accountId: acct.id, userId: csm3.id } });
    const base = { accountId: acct.id, authorId: support2.id, team: "support" as const, status: "accepted" as const, acceptedAt: at(-30 * 24 * H) };
    await db().case.createMany({ data: Array.from({ length: COUNT_CAP + 1 }, (_, i) => ({ ...base, nextUpdateDue: at(-(i + 1) * 60_000) })) });
    await db().case.create({ data: { ...base, nextUpdateDue: at(3 * 24 * H) } });
    const b = await updatesDue(csm3, { scope: "mine", now: NOW });
    expect(b.counts).toEqual({ overdue: { total: COUNT_CAP, capped: true }, dueSoon: { total: 0, capped: false }, later: { total: 1, capped: false } });
    expect([b.capped, b.hasNext, b.total]).toEqual([true, true, COUNT_CAP + 1]);
    expect(b.sections.overdue).toHaveLength(25);
    // The last page holds the 26th overdue row from the end and the later one; nothing past it.
    const last = await updatesDue(csm3, { scope: "mine", now: NOW, page: 41 });
    expect([last.sections.overdue.length, last.sections.later.length, last.hasNext]).toEqual([1, 1, false]);
  });
});

describe("Updates due board: incident notices due (K2)", () => {
  it("lists unsent notices in the user's scope, earliest deadline first, read through a CSM's managed accounts", async () => {
    const csm4 = (await createUser("csm")) as SessionUser;
    const support4 = (await createUser("support")) as SessionUser;
    const mine = await createAccount({ name: "Noticed" });
    const other = await createAccount({ name: "Not managed" });
    await db().accountManager.create({ data: { accountId: mine.id, userId: csm4.id } });
    const notice = (name: string, accountId: string, deadlineH: number, extra: Partial<Parameters<typeof createCase>[0]> = {}) =>
      createCase({ reference: `IR-2026-N-${name}`, accountId, authorId: support4.id, team: "support", status: "in_progress", incidentAffects: true, notifyDeadline: at(deadlineH * H), ...extra });
    await notice("late", mine.id, 5);
    await notice("early", mine.id, 1);
    await notice("sent", mine.id, 2, { notifiedAt: at(-H) });
    await notice("other-account", other.id, 3);
    await notice("by-csm4-elsewhere", other.id, 4, { authorId: csm4.id });
    const refsOf = async (u: SessionUser, scope: "mine" | "team") => (await incidentNoticesDue(u, { scope })).map((n) => n.reference);
    expect(await refsOf(csm4, "mine")).toEqual(["IR-2026-N-early", "IR-2026-N-late"]);
    // The whole team for a CSM: its accounts' cases and those it opened anywhere.
    expect(await refsOf(csm4, "team")).toEqual(["IR-2026-N-early", "IR-2026-N-by-csm4-elsewhere", "IR-2026-N-late"]);
    expect(await refsOf(support4, "mine")).toEqual(["IR-2026-N-early", "IR-2026-N-other-account", "IR-2026-N-late"]);
  });
});
