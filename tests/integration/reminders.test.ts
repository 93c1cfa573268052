import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { claimJob, enqueueJob, runOneJob } from "@/lib/jobs";
import { enqueueReminderScan, jobHandlers } from "@/lib/server/background";
import { reminderCandidates, reminderKey, scanReminders } from "@/lib/updates/reminders";
import { useTestDatabase } from "../support/db";
import { startSmtpServer } from "../support/smtp";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

const H = 3_600_000;
// A Wednesday noon on the default calendar (Mon-Fri, whole days, UTC).
const NOW = new Date("2026-11-25T12:00:00Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let csmA: { id: string; email: string }, csmA2: { id: string; email: string }, author: { id: string; email: string };
const ids: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startSmtpServer();
  [csmA, csmA2, author] = await Promise.all([createUser("csm"), createUser("csm"), createUser("support")]);
  const a = await createAccount({ name: "Acme A" });
  const b = await createAccount({ name: "Bravo B (no CSM)" });
  await db().accountManager.createMany({ data: [{ accountId: a.id, userId: csmA.id }, { accountId: a.id, userId: csmA2.id }] });
  const make = async (name: string, data: Parameters<typeof createCase>[0]) => {
    ids[name] = (await createCase({ reference: `IR-2026-${name}`, acceptedAt: at(-24 * H), ...data })).id;
  };
  await make("overdue", { accountId: a.id, authorId: author.id, team: "support", status: "in_progress", nextUpdateDue: at(-H) });
  await make("soon", { accountId: b.id, authorId: author.id, team: "sirt", status: "accepted", nextUpdateDue: at(2 * H), extended: true });
  await make("later", { accountId: a.id, authorId: author.id, team: "support", status: "accepted", nextUpdateDue: at(2 * 24 * H) });
  await make("closed", { accountId: a.id, authorId: author.id, team: "support", status: "closed", nextUpdateDue: at(-3 * H) });
});
afterAll(() => smtp.close());

const reminders = () => db().outboxMessage.findMany({ where: { kind: { startsWith: "reminder." } }, orderBy: { createdAt: "asc" } });

describe("update reminders", () => {
  it("writes an overdue and a due-soon reminder, to the account's CSMs or else the author, with an activity-log entry", async () => {
    expect(await scanReminders(db(), NOW)).toEqual({ dueSoon: 1, overdue: 1 });
    const msgs = await reminders();
    expect(msgs).toHaveLength(2);
    const overdue = msgs.find((m) => m.caseId === ids.overdue)!;
    expect(overdue).toMatchObject({ kind: "reminder.overdue", dedupeKey: reminderKey("overdue", ids.overdue!, at(-H)) });
    expect(overdue.toAddress.split(", ").sort()).toEqual([csmA.email, csmA2.email].sort());
    expect(overdue.subject).toBe("IR-2026-overdue: customer update overdue (was due 2026-11-25 11:00 UTC)");
    expect(overdue.body).toContain("overdue by 1 h");
    const soon = msgs.find((m) => m.caseId === ids.soon)!;
    expect(soon).toMatchObject({ kind: "reminder.due_soon", toAddress: author.email, subject: "IR-2026-soon: customer update due 2026-11-25 14:00 UTC" });
    expect(soon.body).toMatch(/first relay must tell the customer that this will take longer/);
    const log = await db().activityLog.findMany({ where: { action: { startsWith: "reminder." } } });
    expect(log.map((l) => [l.action, l.caseId, l.actorRole, l.actorId]).sort()).toEqual(
      [["reminder.due_soon", ids.soon, "system", null], ["reminder.overdue", ids.overdue, "system", null]].sort(),
    );
  });

  it("a second scan, later or at once, writes nothing new", async () => {
    expect(await scanReminders(db(), NOW)).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await scanReminders(db(), at(10 * 60_000))).toEqual({ dueSoon: 0, overdue: 0 });
    const both = await Promise.all([scanReminders(db(), NOW), scanReminders(db(), NOW)]);
    expect(both).toEqual([{ dueSoon: 0, overdue: 0 }, { dueSoon: 0, overdue: 0 }]);
    expect(await reminders()).toHaveLength(2);
    expect(await db().activityLog.count({ where: { action: { startsWith: "reminder." } } })).toBe(2);
  });

  it("a case whose reminder is written is no longer a candidate: the database builds the outbox's key as reminderKey does, to the millisecond", async () => {
    // Without this, a scan would still write nothing twice (writeReminder checks the key again), but
    // it would read every overdue case each minute: the test holds the SQL key to the one written.
    expect(await reminderCandidates(db(), NOW, at(3 * H), null)).toEqual([]);
    const odd = new Date(NOW.getTime() - 2 * H + 123);
    const c = await createCase({ reference: "IR-2026-millis", accountId: (await createAccount({ name: "Millis" })).id, authorId: author.id, team: "support", status: "in_progress", acceptedAt: at(-24 * H), nextUpdateDue: odd });
    expect(await reminderCandidates(db(), NOW, at(3 * H), null)).toEqual([{ id: c.id, team: "support", nextUpdateDue: odd }]);
    expect(await scanReminders(db(), NOW)).toEqual({ dueSoon: 0, overdue: 1 });
    expect(await db().outboxMessage.count({ where: { dedupeKey: reminderKey("overdue", c.id, odd) } })).toBe(1);
    expect(await reminderCandidates(db(), NOW, at(3 * H), null)).toEqual([]);
    // Before its due time the case calls for its due-soon reminder, whose key is not written: the
    // written overdue key does not leave it out (the kind in the SQL key follows the moment).
    const early = await reminderCandidates(db(), new Date(odd.getTime() - 60_000), at(3 * H), null);
    expect(early.map((r) => r.id)).toContain(c.id);
    await db().case.update({ where: { id: c.id }, data: { status: "closed" } });
  });

  it("once due soon passes its due time, the case gets its overdue reminder, once", async () => {
    const later = at(3 * H);
    expect(await scanReminders(db(), later)).toEqual({ dueSoon: 0, overdue: 1 });
    expect(await scanReminders(db(), later)).toEqual({ dueSoon: 0, overdue: 0 });
    expect((await reminders()).filter((m) => m.caseId === ids.soon).map((m) => m.kind)).toEqual(["reminder.due_soon", "reminder.overdue"]);
  });

  it("a new due time (after a relay) gets its own reminders, once even when two instances scan at the same moment", async () => {
    await db().case.update({ where: { id: ids.overdue! }, data: { lastRelayAt: NOW, nextUpdateDue: at(H) } });
    const [x, y] = await Promise.all([scanReminders(db(), NOW), scanReminders(db(), NOW)]);
    expect(x.dueSoon + y.dueSoon).toBe(1);
    expect(x.overdue + y.overdue).toBe(0);
    expect((await reminders()).filter((m) => m.caseId === ids.overdue).map((m) => m.kind)).toEqual(["reminder.overdue", "reminder.due_soon"]);
  });

  it("the scan job is enqueued once per minute, runs in the worker, and the sender delivers the reminders over real SMTP", async () => {
    const first = await enqueueReminderScan(db(), new Date("2026-11-25T12:00:10Z"));
    const again = await enqueueReminderScan(db(), new Date("2026-11-25T12:00:50Z"));
    expect(again.id).toBe(first.id);
    expect(await db().job.count({ where: { kind: "reminders.scan" } })).toBe(1);

    const handlers = jobHandlers(db(), { SMTP_URL: smtp.url, MAIL_FROM: "Logdesk <logdesk@corp.example>" });
    for (let i = 0; i < 20 && (await runOneJob(db(), handlers)); i++);
    expect(await db().job.findFirstOrThrow({ where: { id: first.id } })).toMatchObject({ status: "done" });
    const msgs = await reminders();
    expect(msgs.every((m) => m.status === "sent")).toBe(true);
    expect(smtp.received).toHaveLength(msgs.length);
    const overdueMail = smtp.received.find((r) => r.raw.includes("Subject: IR-2026-overdue: customer update overdue"))!;
    expect(overdueMail.to.sort()).toEqual([csmA.email, csmA2.email].sort());
    expect(overdueMail.raw).toContain(`Message-ID: ${msgs.find((m) => m.kind === "reminder.overdue" && m.caseId === ids.overdue)!.messageId}`);
    expect(smtp.received.find((r) => r.raw.includes("Subject: IR-2026-soon: customer update due"))!.to).toEqual([author.email]);
    // Scanning again after delivery doubles nothing.
    expect(await scanReminders(db(), NOW)).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await reminders()).toHaveLength(msgs.length);
  });

  it("names the due time in UTC with the team's local time beside it when the team's calendar is not on UTC", async () => {
    await db().calendar.upsert({ where: { team: "sirt" }, create: { team: "sirt", timeZone: "Europe/Berlin", workdays: [1, 2, 3, 4, 5, 6, 7], holidays: [] }, update: { timeZone: "Europe/Berlin", workdays: [1, 2, 3, 4, 5, 6, 7] } });
    const berlin = await createCase({ reference: "IR-2026-berlin", accountId: (await createAccount({ name: "Berlin B" })).id, authorId: author.id, team: "sirt", status: "accepted", acceptedAt: at(-24 * H), nextUpdateDue: at(-30 * 60_000) });
    expect(await scanReminders(db(), NOW)).toEqual({ dueSoon: 0, overdue: 1 });
    const msg = (await reminders()).find((m) => m.caseId === berlin.id)!;
    expect(msg.subject).toBe("IR-2026-berlin: customer update overdue (was due 2026-11-25 11:30 UTC (12:30 Europe/Berlin))");
    expect(msg.body).toContain("due 2026-11-25 11:30 UTC (12:30 Europe/Berlin).");
  });

  // Issue 15, several instances: a scan that outlasts its minute (20,000 reminders at start on a
  // large data set) is not run again beside itself by the other instance's worker.
  it("a scan job finds an earlier scan still running (another instance's) and ends without scanning; once that one ended, the next scans", async () => {
    const overdueNow = (await createCase({ reference: "IR-2026-live", acceptedAt: new Date(Date.now() - 24 * H), accountId: (await createAccount({ name: "Live C" })).id, authorId: author.id, team: "support", status: "in_progress", nextUpdateDue: new Date(Date.now() - H) })).id;
    const handlers = jobHandlers(db(), { SMTP_URL: undefined, MAIL_FROM: "Logdesk <logdesk@corp.example>" });
    const earlier = await enqueueJob(db(), "reminders.scan", {}, { runAt: new Date(Date.now() - 120_000), dedupeKey: "reminders.scan:earlier" });
    expect((await claimJob(db(), "other-instance:1", ["reminders.scan"]))?.id).toBe(earlier.id);
    const later = await enqueueJob(db(), "reminders.scan", {}, { runAt: new Date(Date.now() - 60_000), dedupeKey: "reminders.scan:later" });
    expect(await runOneJob(db(), { "reminders.scan": handlers["reminders.scan"]! })).toBe(true);
    expect(await db().job.findUniqueOrThrow({ where: { id: later.id } })).toMatchObject({ status: "done" });
    expect(await db().outboxMessage.count({ where: { caseId: overdueNow } })).toBe(0);

    // The earlier one ended (or its holder died and its lease ran out): the next scan writes the reminder.
    await db().job.update({ where: { id: earlier.id }, data: { lockedUntil: new Date(Date.now() - 1) } });
    await enqueueJob(db(), "reminders.scan", {}, { runAt: new Date(Date.now() - 30_000), dedupeKey: "reminders.scan:next" });
    await db().job.update({ where: { id: earlier.id }, data: { status: "done" } });
    expect(await runOneJob(db(), { "reminders.scan": handlers["reminders.scan"]! })).toBe(true);
    expect(await db().outboxMessage.count({ where: { caseId: overdueNow, kind: "reminder.overdue" } })).toBe(1);
  });
});
