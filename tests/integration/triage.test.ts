import fs from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { getCaseDetail } from "@/lib/cases/queries";
import { DEFAULT_CALENDAR } from "@/lib/cadence";
import { QUEUE_PAGE, QUEUE_ROW_SELECT, teamMembers, teamQueue, teamQueueCount, teamQueuePage } from "@/lib/cases/queues";
import { ZQueueQuery } from "@/lib/cases/triage-schemas";
import { visibleCasesWhere } from "@/lib/cases/visibility";
import { assignCase } from "@/lib/cases/assign-case";
import { markNeedsRescope } from "@/lib/cases/mark-needs-rescope";
import { setPriority } from "@/lib/cases/set-priority";
import { submitCase } from "@/lib/cases/submit-case";
import { ZNeedsRescope, ZSetPriority } from "@/lib/cases/triage-schemas";
import { db } from "@/lib/db";
import { listTimeline } from "@/lib/timeline/service";
import { useTestDatabase } from "../support/db";
import { intakeDraft, saveAndSubmit } from "../support/intake";
import { createUser } from "../support/factories";

useTestDatabase();

let support: SessionUser, otherSupport: SessionUser, sirt: SessionUser, colleague: SessionUser, inactiveSirt: SessionUser, legal: SessionUser;
let accountId: string;

beforeAll(async () => {
  [support, otherSupport, sirt, colleague, legal] = (await Promise.all((["support", "support", "sirt", "sirt", "legal"] as const).map((r) => createUser(r)))) as SessionUser[];
  inactiveSirt = (await createUser("sirt", { active: false })) as SessionUser;
  const a = await db().account.create({
    data: {
      slug: "acme",
      name: "ACME",
      plan: "premium",
      deployment: "saas",
      paying: true,
      resources: { create: [{ kind: "project", path: "acme/infra/api", pathLower: "acme/infra/api" }] },
    },
  });
  accountId = a.id;
});

const draft = (days: number) => intakeDraft(accountId, { days });

/** Files a case as `author`: 10 days back goes to SIRT (extended), 3 days to Support. */
async function fileCase(author: SessionUser, team: "sirt" | "support") {
  const result = await saveAndSubmit(author, draft(team === "sirt" ? 10 : 3));
  expect(result.status).toBe("accepted");
  const c = await db().case.findUniqueOrThrow({ where: { id: result.id }, select: { id: true, version: true, team: true, reference: true } });
  expect(c.team).toBe(team);
  return c;
}

const activity = (caseId: string, action: string) => db().activityLog.findMany({ where: { caseId, action }, orderBy: { at: "asc" } });

describe("assigning a queue's case", () => {
  it("SIRT takes a case (no notification to oneself), assigns a colleague (notified), then unassigns; each change is logged and bumps the version", async () => {
    const c = await fileCase(support, "sirt");
    const taken = await assignCase(sirt, { id: c.id, version: c.version, assigneeId: sirt.id });
    expect(taken.version).toBe(c.version + 1);
    expect(await db().outboxMessage.count({ where: { caseId: c.id, kind: "case.assigned" } })).toBe(0);

    const passed = await assignCase(sirt, { id: c.id, version: taken.version, assigneeId: colleague.id });
    const note = await db().outboxMessage.findFirstOrThrow({ where: { caseId: c.id, kind: "case.assigned" } });
    expect(note).toMatchObject({ toAddress: colleague.email });
    expect(note.subject).toContain(c.reference!);
    expect(note.body).toContain(sirt.name);

    const cleared = await assignCase(sirt, { id: c.id, version: passed.version, assigneeId: null });
    expect(await db().case.findUniqueOrThrow({ where: { id: c.id }, select: { assigneeId: true, version: true } })).toEqual({ assigneeId: null, version: cleared.version });

    const assigned = await activity(c.id, "case.assign");
    expect(assigned.map((a) => a.after)).toEqual([{ assigneeId: sirt.id }, { assigneeId: colleague.id }]);
    expect(assigned[1]!.before).toEqual({ assigneeId: sirt.id });
    expect(assigned[0]!.actorId).toBe(sirt.id);
    expect((await activity(c.id, "case.unassign")).map((a) => a.before)).toEqual([{ assigneeId: colleague.id }]);
  });

  it.each([
    ["a Support agent", () => support.id],
    ["a Legal member", () => legal.id],
    ["an inactive SIRT member", () => inactiveSirt.id],
  ])("refuses %s as the assignee of a SIRT case, with a field error, and changes nothing", async (_l, who) => {
    const c = await fileCase(support, "sirt");
    await expect(assignCase(sirt, { id: c.id, version: c.version, assigneeId: who() })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { assigneeId: [expect.stringMatching(/SIRT/)] },
    });
    expect(await db().case.findUniqueOrThrow({ where: { id: c.id }, select: { assigneeId: true, version: true } })).toEqual({ assigneeId: null, version: c.version });
    expect(await activity(c.id, "case.assign")).toHaveLength(0);
  });

  it("Support assigns its own cases to Support agents only; the colleague is notified", async () => {
    const c = await fileCase(support, "support");
    await expect(assignCase(support, { id: c.id, version: c.version, assigneeId: sirt.id })).rejects.toMatchObject({ code: "VALIDATION" });
    const r = await assignCase(support, { id: c.id, version: c.version, assigneeId: otherSupport.id });
    expect(r.version).toBe(c.version + 1);
    expect(await db().outboxMessage.findFirstOrThrow({ where: { caseId: c.id, kind: "case.assigned" } })).toMatchObject({ toAddress: otherSupport.email });
  });

  it("a stale version is a clear CONFLICT and the first writer's change stands", async () => {
    const c = await fileCase(support, "sirt");
    await assignCase(sirt, { id: c.id, version: c.version, assigneeId: sirt.id });
    await expect(assignCase(colleague, { id: c.id, version: c.version, assigneeId: colleague.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/changed by someone else/),
    });
    expect((await db().case.findUniqueOrThrow({ where: { id: c.id } })).assigneeId).toBe(sirt.id);
    expect(await db().outboxMessage.count({ where: { caseId: c.id, kind: "case.assigned" } })).toBe(0);
  });
});

describe("priority", () => {
  it("SIRT sets P1-P4; the change is logged with before and after", async () => {
    const c = await fileCase(support, "sirt");
    const p2 = await setPriority(sirt, { id: c.id, version: c.version, priority: 2 });
    const p4 = await setPriority(sirt, { id: c.id, version: p2.version, priority: 4 });
    expect(await db().case.findUniqueOrThrow({ where: { id: c.id }, select: { priority: true, version: true } })).toEqual({ priority: 4, version: p4.version });
    expect((await activity(c.id, "case.setPriority")).map((a) => [a.before, a.after])).toEqual([
      [{ priority: null }, { priority: 2 }],
      [{ priority: 2 }, { priority: 4 }],
    ]);
    await expect(setPriority(sirt, { id: c.id, version: p2.version, priority: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it.each([0, 5, 2.5, "P1", ""])("the schema refuses priority %j with a message for the form", (priority) => {
    const r = ZSetPriority.safeParse({ id: crypto.randomUUID(), version: 1, priority });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(["priority"]);
    expect(r.error!.issues[0]!.message).toMatch(/P1/);
  });

  it.each([1, 4, "3"])("the schema accepts priority %j", (priority) => {
    expect(ZSetPriority.safeParse({ id: crypto.randomUUID(), version: 1, priority }).success).toBe(true);
  });

  it("the service refuses an out-of-range priority even without the schema", async () => {
    const c = await fileCase(support, "sirt");
    await expect(setPriority(sirt, { id: c.id, version: c.version, priority: 9 })).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await db().case.findUniqueOrThrow({ where: { id: c.id } })).priority).toBeNull();
  });

  it("Support cannot set a priority, even on its own queue's case", async () => {
    const c = await fileCase(support, "support");
    await expect(setPriority(support, { id: c.id, version: c.version, priority: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("needs re-scope", () => {
  it("moves the case out of SIRT's queue and back to its author with the reason: note, activity, notification", async () => {
    const c = await fileCase(support, "sirt");
    const assigned = await assignCase(sirt, { id: c.id, version: c.version, assigneeId: sirt.id });
    const reason = "Ten projects named but the incident concerns one token; narrow to the projects that token can reach.";
    const r = await markNeedsRescope(sirt, { id: c.id, version: assigned.version, reason });
    expect(r.version).toBe(assigned.version + 1);

    const after = await db().case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after).toMatchObject({ status: "rescope", team: null, assigneeId: null, nextUpdateDue: null });
    expect((await teamQueue(sirt, "sirt", { assignee: "anyone" })).rows.map((x) => x.id)).not.toContain(c.id);
    await expect(setPriority(sirt, { id: c.id, version: r.version, priority: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" }); // no longer SIRT's

    // The author sees it, with the reason on the timeline as an internal note.
    const timeline = await listTimeline(support, c.id);
    expect(timeline.entries).toEqual([expect.objectContaining({ kind: "note", visibility: "internal", body: `Needs re-scope: ${reason}` })]);
    const log = await activity(c.id, "case.needsRescope");
    expect(log).toHaveLength(1);
    expect(log[0]!.before).toMatchObject({ status: "accepted", team: "sirt", assigneeId: sirt.id });
    expect(log[0]!.after).toMatchObject({ status: "rescope", team: null, reason });
    const mail = await db().outboxMessage.findFirstOrThrow({ where: { caseId: c.id, kind: "case.needsRescope" } });
    expect(mail.toAddress).toBe(support.email);
    expect(mail.body).toContain(reason);
    // Nothing was evaluated: no new decision.
    expect(await db().caseDecision.count({ where: { caseId: c.id } })).toBe(1);
    // The reason is kept on the case in its own columns, dated as the note (bug guarded: parsed back out of the note's text).
    expect(after).toMatchObject({ rescopeReason: reason, rescopeById: sirt.id, rescopeAt: timeline.entries[0]!.createdAt });
    expect(await getCaseDetail(support, c.id)).toMatchObject({ rescopeReason: reason, names: { [sirt.id]: sirt.name } });

    // The author can resubmit it (rescope -> evaluation), and it comes back to SIRT; the evaluation answers the reason.
    const back = await submitCase(support, { id: c.id, version: r.version });
    expect(back.status).toBe("accepted");
    expect((await teamQueue(sirt, "sirt")).rows.map((x) => x.id)).toContain(c.id);
    expect(await db().case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ rescopeReason: null, rescopeAt: null, rescopeById: null });
  });

  it("the migration's backfill takes the reason of a case still sent back from its newest note, and only when no evaluation came after", async () => {
    const sentBack = await fileCase(support, "sirt");
    const r = await markNeedsRescope(sirt, { id: sentBack.id, version: sentBack.version, reason: "Narrow it to the one token: the first reason." });
    const note = (at: Date, body: string) => db().timelineEntry.create({ data: { caseId: sentBack.id, authorId: colleague.id, kind: "note", visibility: "internal", body, createdAt: at } });
    const later = new Date(Date.now() + 60_000);
    await note(later, "Needs re-scope: The newer reason.");
    const resubmitted = await fileCase(support, "sirt");
    const r2 = await markNeedsRescope(sirt, { id: resubmitted.id, version: resubmitted.version, reason: "An answered reason, older than the next decision." });
    await submitCase(support, { id: resubmitted.id, version: r2.version });
    await db().case.update({ where: { id: resubmitted.id }, data: { status: "rescope" } });
    // As before the columns existed.
    await db().case.updateMany({ where: { id: { in: [sentBack.id, resubmitted.id] } }, data: { rescopeReason: null, rescopeAt: null, rescopeById: null } });

    const sql = await fs.readFile(path.join(process.cwd(), "prisma/migrations/20261205045203_rescope_reason/migration.sql"), "utf8");
    await db().$executeRawUnsafe(sql.slice(sql.indexOf("UPDATE")));

    expect(await db().case.findUniqueOrThrow({ where: { id: sentBack.id } })).toMatchObject({ rescopeReason: "The newer reason.", rescopeAt: later, rescopeById: colleague.id, version: r.version });
    expect(await db().case.findUniqueOrThrow({ where: { id: resubmitted.id } })).toMatchObject({ rescopeReason: null, rescopeAt: null });
  });

  it("an in-progress case can be sent back too; a case already in rescope cannot", async () => {
    const c = await fileCase(support, "sirt");
    await db().case.update({ where: { id: c.id }, data: { status: "in_progress" } });
    const r = await markNeedsRescope(sirt, { id: c.id, version: c.version, reason: "Window covers two unrelated incidents; split it." });
    expect((await db().case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("rescope");
    await expect(markNeedsRescope(sirt, { id: c.id, version: r.version, reason: "Again, and again and again." })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a stale version is a CONFLICT and nothing is written", async () => {
    const c = await fileCase(support, "sirt");
    await setPriority(sirt, { id: c.id, version: c.version, priority: 3 });
    await expect(markNeedsRescope(colleague, { id: c.id, version: c.version, reason: "Too broad for what happened." })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db().case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("accepted");
    expect(await db().timelineEntry.count({ where: { caseId: c.id } })).toBe(0);
    expect(await db().outboxMessage.count({ where: { caseId: c.id, kind: "case.needsRescope" } })).toBe(0);
    expect(await activity(c.id, "case.needsRescope")).toHaveLength(0);
  });

  it("the reason is required and bounded, with a message for the form", () => {
    const r = ZNeedsRescope.safeParse({ id: crypto.randomUUID(), version: 1, reason: "  too big " });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["reason"], message: expect.stringMatching(/narrow/) });
  });
});

describe("cross-team: a Support user cannot triage SIRT cases", () => {
  it("Support agents who did not open the SIRT case get NOT_FOUND for every triage action (bug guarded: triage reading cases outside visibleCasesWhere)", async () => {
    const c = await fileCase(support, "sirt");
    const input = { id: c.id, version: c.version };
    await expect(assignCase(otherSupport, { ...input, assigneeId: otherSupport.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setPriority(otherSupport, { ...input, priority: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(markNeedsRescope(otherSupport, { ...input, reason: "Support should never be able to do this." })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the Support author, who can see the SIRT case, is FORBIDDEN to triage it (bug guarded: visibility taken as permission)", async () => {
    const c = await fileCase(support, "sirt");
    const input = { id: c.id, version: c.version };
    await expect(assignCase(support, { ...input, assigneeId: support.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(assignCase(support, { ...input, assigneeId: sirt.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setPriority(support, { ...input, priority: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(markNeedsRescope(support, { ...input, reason: "Support should never be able to do this." })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const after = await db().case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after).toMatchObject({ version: c.version, assigneeId: null, priority: null, status: "accepted", team: "sirt" });
  });

  it("SIRT cannot triage a Support case (NOT_FOUND)", async () => {
    const c = await fileCase(support, "support");
    await expect(assignCase(sirt, { id: c.id, version: c.version, assigneeId: sirt.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the team queue: filters, sorts, pagination", () => {
  it("unassigned first, then priority, then oldest; filters by assignee, priority and extended window", async () => {
    const me = (await createUser("sirt")) as SessionUser;
    const [a, b, d] = [await fileCase(support, "sirt"), await fileCase(support, "sirt"), await fileCase(support, "sirt")];
    await assignCase(me, { id: a.id, version: a.version, assigneeId: me.id });
    await setPriority(me, { id: b.id, version: b.version, priority: 1 });

    const queue = await teamQueue(me, "sirt");
    const all = queue.rows;
    // The columns: the incident summary, the assignee's name, priority, next update due; the team's zone for its times.
    expect(all.find((r) => r.id === a.id)).toMatchObject({ summary: expect.any(String), assignee: { id: me.id, name: me.name }, nextUpdateDue: expect.any(Date) });
    expect(all.find((r) => r.id === b.id)).toMatchObject({ priority: 1, assignee: null });
    expect(queue.timeZone).toBe("UTC");
    const ids = all.map((r) => r.id);
    expect(ids.indexOf(a.id)).toBeGreaterThan(ids.indexOf(b.id)); // assigned after unassigned
    expect(ids.indexOf(a.id)).toBeGreaterThan(ids.indexOf(d.id));
    const firstAssigned = all.findIndex((r) => r.assignee);
    expect(all.slice(firstAssigned).every((r) => r.assignee)).toBe(true);
    // Among unassigned: P1..P4 first, then those with no priority yet.
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(d.id));
    const unassignedPriorities = all.slice(0, firstAssigned).map((r) => r.priority ?? 5);
    expect(unassignedPriorities).toEqual([...unassignedPriorities].sort((x, y) => x - y));

    expect((await teamQueue(me, "sirt", { assignee: "me" })).rows.map((r) => r.id)).toEqual([a.id]);
    const unassigned = (await teamQueue(me, "sirt", { assignee: "unassigned" })).rows;
    expect(unassigned.map((r) => r.id)).toEqual(expect.arrayContaining([b.id, d.id]));
    expect(unassigned.every((r) => r.assignee === null)).toBe(true);
    expect((await teamQueue(me, "sirt", { priority: "1" })).rows.map((r) => r.id)).toContain(b.id);
    expect((await teamQueue(me, "sirt", { priority: "1" })).rows.every((r) => r.priority === 1)).toBe(true);
    expect((await teamQueue(me, "sirt", { priority: "none" })).rows.every((r) => r.priority === null)).toBe(true);
    expect((await teamQueue(me, "sirt", { extended: true })).rows.every((r) => r.extended)).toBe(true);
  });

  it("the queue's count in no order equals Prisma's count of what the member sees, for every filter and both teams", async () => {
    const me = (await createUser("sirt")) as SessionUser;
    const c = await fileCase(support, "sirt");
    await assignCase(me, { id: c.id, version: c.version, assigneeId: me.id });
    const sup = (await createUser("support")) as SessionUser;
    for (const [user, team] of [[me, "sirt"], [sup, "support"]] as const) {
      for (const assignee of ["anyone", "me", "unassigned"] as const)
        for (const priority of [undefined, "1", "none"] as const)
          for (const extended of [false, true]) {
            const q = ZQueueQuery.parse({ assignee, priority, extended });
            const filters = [
              ...(assignee === "me" ? [{ assigneeId: user.id }] : assignee === "unassigned" ? [{ assigneeId: null }] : []),
              ...(priority ? [{ priority: priority === "none" ? null : Number(priority) }] : []),
              ...(extended ? [{ extended: true }] : []),
            ];
            const want = await db().case.count({ where: { AND: [visibleCasesWhere(user), { team, status: { in: ["accepted", "in_progress"] } }, ...filters] } });
            expect(await teamQueueCount(team, q, user.id), `${team} ${assignee} ${priority} ${extended}`).toBe(want);
            expect((await teamQueue(user, team, q)).total, `${team} ${assignee} ${priority} ${extended}`).toBe(want);
          }
    }
    expect(await teamQueueCount("sirt", ZQueueQuery.parse({ assignee: "me" }), me.id)).toBeGreaterThan(0);
  });

  it("a member's queue page read in raw SQL (teamQueuePage) equals Prisma's page of what the member sees, row for row, for every sort, filter and page", async () => {
    const me = (await createUser("sirt")) as SessionUser;
    // Ties and nulls in every sort key: the same priority, no priority, several assignees, equal acceptance times.
    const at = new Date(Date.now() - 3_600_000);
    const acct = await db().case.findFirstOrThrow({ where: { team: "sirt" }, select: { accountId: true, authorId: true } });
    await db().case.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({
        ...acct,
        status: i % 3 === 0 ? ("in_progress" as const) : ("accepted" as const),
        team: "sirt" as const,
        reference: `IR-2098-${String(i).padStart(4, "0")}`,
        acceptedAt: i < 4 ? at : new Date(at.getTime() + i * 1000),
        nextUpdateDue: i % 4 === 0 ? null : new Date(at.getTime() + (i % 2) * 60_000),
        priority: i % 5 === 0 ? null : (i % 2) + 1,
        assigneeId: i % 3 === 1 ? me.id : i % 3 === 2 ? sirt.id : null,
      })),
    });
    const ORDER = {
      triage: [{ assigneeId: { sort: "asc", nulls: "first" } }, { priority: { sort: "asc", nulls: "last" } }, { acceptedAt: "asc" }, { id: "asc" }],
      due: [{ nextUpdateDue: { sort: "asc", nulls: "last" } }, { acceptedAt: "asc" }, { id: "asc" }],
      oldest: [{ acceptedAt: "asc" }, { id: "asc" }],
      newest: [{ acceptedAt: "desc" }, { id: "desc" }],
    } as const;
    try {
      for (const sort of ["triage", "due", "oldest", "newest"] as const)
        for (const assignee of ["anyone", "me", "unassigned"] as const)
          for (const priority of [undefined, "1", "none"] as const)
            for (const page of [1, 2]) {
              const q = ZQueueQuery.parse({ assignee, priority, sort, page });
              const filters = [
                ...(assignee === "me" ? [{ assigneeId: me.id }] : assignee === "unassigned" ? [{ assigneeId: null }] : []),
                ...(priority ? [{ priority: priority === "none" ? null : Number(priority) }] : []),
              ];
              const want = await db().case.findMany({
                where: { AND: [visibleCasesWhere(me), { team: "sirt", status: { in: ["accepted", "in_progress"] } }, ...filters] },
                orderBy: [...ORDER[sort]],
                skip: (page - 1) * QUEUE_PAGE,
                take: QUEUE_PAGE + 1,
                select: QUEUE_ROW_SELECT,
              });
              const label = `${sort} ${assignee} ${priority} page ${page}`;
              // Every field, the account's name and the assignee (or null) included.
              expect(await teamQueuePage("sirt", q, me.id), label).toEqual(want);
              expect((await teamQueue(me, "sirt", q)).rows.map((r) => r.id), label).toEqual(want.slice(0, QUEUE_PAGE).map((r) => r.id));
            }
    } finally {
      // The next test reads the queue's due times: these cases (some without one) go.
      await db().case.deleteMany({ where: { reference: { startsWith: "IR-2098-" } } });
    }
  });

  it("the queue's time zone is its team's calendar's, read with a page of rows and on its own for an empty page", async () => {
    const me = (await createUser("sirt")) as SessionUser;
    await fileCase(support, "sirt");
    const before = await db().calendar.findUnique({ where: { team: "sirt" } });
    try {
      await db().calendar.upsert({ where: { team: "sirt" }, create: { team: "sirt", timeZone: "Asia/Tokyo" }, update: { timeZone: "Asia/Tokyo" } });
      const full = await teamQueue(me, "sirt");
      expect(full.rows.length).toBeGreaterThan(0);
      expect(full.timeZone).toBe("Asia/Tokyo");
      // No row on the page (a filter nothing matches): the zone is read on its own.
      const empty = await teamQueue(me, "sirt", { assignee: "me", priority: "3" });
      expect(empty.rows).toEqual([]);
      expect(empty.timeZone).toBe("Asia/Tokyo");
      // Support's queue, with Support's calendar (none set: the default's zone).
      await db().calendar.deleteMany({ where: { team: "support" } });
      const supportMember = (await createUser("support")) as SessionUser;
      await fileCase(support, "support");
      expect((await teamQueue(supportMember, "support")).timeZone).toBe(DEFAULT_CALENDAR.timeZone);
      await db().calendar.deleteMany({ where: { team: "sirt" } });
      expect((await teamQueue(me, "sirt")).timeZone).toBe(DEFAULT_CALENDAR.timeZone);
    } finally {
      await db().calendar.deleteMany({ where: { team: "sirt" } });
      if (before) await db().calendar.create({ data: before });
    }
  });

  it("the queue's members (to assign to) come with a page of rows, and on their own for an empty page: the team's active staff by name", async () => {
    const me = (await createUser("sirt", { name: "Aaron Early" })) as SessionUser;
    const gone = await createUser("sirt", { name: "Aardvark Gone" });
    await db().user.update({ where: { id: gone.id }, data: { active: false } });
    await fileCase(support, "sirt");
    const expected = await teamMembers("sirt");
    expect(expected.map((m) => m.id)).toContain(me.id);
    expect(expected.map((m) => m.id)).not.toContain(gone.id);
    expect(expected.length).toBeGreaterThan(1);
    const full = await teamQueue(me, "sirt");
    expect(full.rows.length).toBeGreaterThan(1);
    expect(full.members).toEqual(expected);
    // Every page and sort carries them once; an empty page (a filter nothing matches) reads them on its own.
    expect((await teamQueue(me, "sirt", { sort: "newest" })).members).toEqual(expected);
    const empty = await teamQueue(me, "sirt", { assignee: "me", priority: "3" });
    expect(empty.rows).toEqual([]);
    expect(empty.members).toEqual(expected);
    // Support's queue lists Support's staff.
    expect((await teamQueue(support, "support")).members).toEqual(await teamMembers("support"));
  });

  it("sorts by next update due and by age, and paginates 50 a page", async () => {
    const rows = (await teamQueue(sirt, "sirt", { sort: "due" })).rows;
    const dues = rows.map((r) => r.nextUpdateDue!.getTime());
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    const newest = (await teamQueue(sirt, "sirt", { sort: "newest" })).rows.map((r) => r.acceptedAt!.getTime());
    expect(newest).toEqual([...newest].sort((x, y) => y - x));
    const oldest = (await teamQueue(sirt, "sirt", { sort: "oldest" })).rows.map((r) => r.acceptedAt!.getTime());
    expect(oldest).toEqual([...oldest].sort((x, y) => x - y));

    const before = await teamQueue(sirt, "sirt");
    const extra = Math.max(0, QUEUE_PAGE + 1 - before.total);
    const acct = await db().case.findFirstOrThrow({ where: { team: "sirt" }, select: { accountId: true, authorId: true } });
    await db().case.createMany({
      data: Array.from({ length: extra }, (_, i) => ({ ...acct, status: "accepted" as const, team: "sirt" as const, reference: `IR-2099-${String(i).padStart(4, "0")}`, acceptedAt: new Date(Date.now() - i * 1000), nextUpdateDue: new Date() })),
    });
    const p1 = await teamQueue(sirt, "sirt", { page: 1 });
    const p2 = await teamQueue(sirt, "sirt", 2); // the old call shape still works
    expect(p1.total).toBeGreaterThanOrEqual(QUEUE_PAGE + 1);
    expect(p1.rows).toHaveLength(QUEUE_PAGE);
    expect(p1.hasNext).toBe(true);
    expect(p2.rows.length).toBe(p1.total - QUEUE_PAGE);
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(p1.total);
  });
});
