// The case page's reads that became one raw query each (issue 15): the timeline (entries, their
// relays and everyone's names; was two queries one after the other) and the case's parts (the names
// of everyone on it and its notifications; was two). Each is held equal to the Prisma form it
// replaced, on data with ties, people no longer in the user table and another case's rows.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { CASE_NOTIFICATIONS_SHOWN, caseDetailParts, findCaseDetail } from "@/lib/cases/queries";
import { db } from "@/lib/db";
import { TIMELINE_ENTRIES_SHOWN, timelineOfCase, type TimelineCase } from "@/lib/timeline/timeline-of-case";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

let support: SessionUser, sirt: SessionUser;
let caseId: string, otherCaseId: string, longCaseId: string;
/** Someone who wrote on the case and is no longer in the user table. */
const ghost = randomUUID();
const T = new Date(Date.UTC(2026, 10, 2, 9, 30));
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);

/** The timeline's entries as the Prisma form read them (entries with relays, then names), the reference. */
async function timelineByPrisma(id: string) {
  const entries = await db().timelineEntry.findMany({
    where: { caseId: id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: TIMELINE_ENTRIES_SHOWN,
    select: {
      id: true,
      kind: true,
      visibility: true,
      body: true,
      createdAt: true,
      authorId: true,
      relays: { orderBy: [{ sentAt: "desc" }, { id: "desc" }], select: { id: true, text: true, recipient: true, channel: true, sentAt: true, sentById: true } },
    },
  });
  const ids = [...new Set(entries.flatMap((e) => [e.authorId, ...e.relays.map((r) => r.sentById)]))];
  const byId = new Map((await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, role: true } })).map((p) => [p.id, p]));
  return entries.map(({ authorId, relays, ...e }) => ({
    ...e,
    authorName: byId.get(authorId)?.name ?? "someone",
    authorRole: byId.get(authorId)?.role ?? "",
    relays: relays.map(({ sentById, ...r }) => ({ ...r, sentByName: byId.get(sentById)?.name ?? "someone" })),
  }));
}

/** The case's parts as the Prisma form read them, the reference (equal times: newest id first). */
async function partsByPrisma(found: Awaited<ReturnType<typeof findCaseDetail>>, ids: string[]) {
  const people = await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const notifications = await db().outboxMessage.findMany({
    where: { caseId: found.id },
    select: { id: true, kind: true, toAddress: true, subject: true, status: true, createdAt: true, sentAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: CASE_NOTIFICATIONS_SHOWN,
  });
  return { notifications, names: Object.fromEntries(people.map((p) => [p.id, p.name])) };
}

beforeAll(async () => {
  [support, sirt] = (await Promise.all([createUser("support"), createUser("sirt")])) as SessionUser[];
  const account = await createAccount();
  const open = { accountId: account.id, authorId: support.id, status: "in_progress" as const, team: "support" as const };
  caseId = (await createCase({ ...open, rescopeById: ghost })).id;
  otherCaseId = (await createCase(open)).id;
  longCaseId = (await createCase(open)).id;

  // Three entries at one time (by support, SIRT and the ghost), one older; relays with a tie and a ghost sender.
  const entry = (id: string, authorId: string, createdAt: Date, kind: "finding" | "status_update" | "note" = "status_update") =>
    db().timelineEntry.create({ data: { caseId: id, authorId, createdAt, kind, visibility: kind === "status_update" ? "relayable" : "internal", body: `**${kind}** by ${authorId.slice(0, 4)}` }, select: { id: true } });
  const [a, b] = [await entry(caseId, support.id, at(10)), await entry(caseId, sirt.id, at(10), "finding")];
  await entry(caseId, ghost, at(10), "note");
  await entry(caseId, support.id, at(0));
  const relay = (entryId: string, id: string, sentById: string, sentAt: Date) =>
    db().relay.create({ data: { caseId: id, entryId, text: `Update ${sentAt.toISOString()}`, recipient: "ciso@acme.example", channel: "email", sentById, sentAt } });
  await relay(a.id, caseId, support.id, at(20));
  await relay(a.id, caseId, support.id, at(20));
  await relay(a.id, caseId, ghost, at(30));
  await relay(b.id, caseId, support.id, at(15));
  // Another case's entry and relay, not this case's timeline.
  const other = await entry(otherCaseId, support.id, at(40));
  await relay(other.id, otherCaseId, support.id, at(41));
  // More entries than the page shows.
  await db().timelineEntry.createMany({
    data: Array.from({ length: TIMELINE_ENTRIES_SHOWN + 7 }, (_, i) => ({ caseId: longCaseId, authorId: i % 3 ? support.id : sirt.id, kind: "note" as const, body: `Note ${i}`, createdAt: at(Math.floor(i / 4)) })),
  });

  // The parts: people on the case (two known, the ghost) and more notifications than shown, with equal times.
  await db().caseDecision.create({ data: { caseId, outcome: "eligible", route: "support", extended: false, checks: {}, policyVersion: "test", policy: {}, facts: { resources: [], eventTypes: [] }, reason: "submit", evaluatedById: support.id } });
  await db().verificationTick.create({ data: { caseId, item: "identity", tickedById: sirt.id } });
  await db().costNotice.create({ data: { caseId, estimate: "2 days", recordedById: ghost } });
  await db().outboxMessage.createMany({
    data: Array.from({ length: CASE_NOTIFICATIONS_SHOWN + 3 }, (_, i) => ({
      caseId,
      kind: i % 2 ? "reminder" : "update_ready",
      toAddress: `person${i}@logdesk.example`,
      subject: `Notification ${i}`,
      body: "…",
      messageId: `<${randomUUID()}@logdesk.test>`,
      status: i % 3 === 0 ? ("sent" as const) : ("pending" as const),
      sentAt: i % 3 === 0 ? at(100 + i) : null,
      createdAt: at(Math.floor(i / 3)),
    })),
  });
  await db().outboxMessage.create({ data: { caseId: otherCaseId, kind: "reminder", toAddress: "x@logdesk.example", subject: "Another case's", body: "…", messageId: `<${randomUUID()}@logdesk.test>`, createdAt: at(999) } });
});

const timelineCase = async (id: string) => (await findCaseDetail(support, id)) as unknown as TimelineCase;

describe("the case page's timeline in one query", () => {
  it("equals the Prisma form: newest first (equal times by id), names and roles, relays newest first with their senders, 'someone' for the ghost", async () => {
    const { entries } = await timelineOfCase(await timelineCase(caseId));
    expect(entries).toEqual(await timelineByPrisma(caseId));
    expect(entries).toHaveLength(4);
    expect(entries.map((e) => e.authorName)).toContain("someone");
    expect(entries.find((e) => e.authorName === "someone")!.authorRole).toBe("");
    const relays = entries.flatMap((e) => e.relays);
    expect(relays).toHaveLength(4);
    expect(relays.map((r) => r.sentByName)).toContain("someone");
    expect(relays.every((r) => r.sentAt instanceof Date)).toBe(true);
    expect(entries.every((e) => e.createdAt instanceof Date)).toBe(true);
  });

  it("shows the newest TIMELINE_ENTRIES_SHOWN entries of a longer timeline, as the Prisma form did", async () => {
    const { entries } = await timelineOfCase(await timelineCase(longCaseId));
    expect(entries).toHaveLength(TIMELINE_ENTRIES_SHOWN);
    expect(entries).toEqual(await timelineByPrisma(longCaseId));
  });

  it("an empty timeline is empty", async () => {
    const fresh = await createCase({ accountId: (await createAccount()).id, authorId: support.id, status: "accepted", team: "support" });
    expect((await timelineOfCase(await timelineCase(fresh.id))).entries).toEqual([]);
  });
});

describe("the case page's parts in one query", () => {
  it("equals the Prisma form: the names of everyone on the case (not the ghost) and the newest notifications, equal times by id", async () => {
    const found = await findCaseDetail(support, caseId);
    const parts = await caseDetailParts(found);
    expect(parts).toEqual(await partsByPrisma(found, [support.id, sirt.id, ghost]));
    expect(Object.keys(parts.names).sort()).toEqual([support.id, sirt.id].sort());
    expect(parts.notifications).toHaveLength(CASE_NOTIFICATIONS_SHOWN);
    expect(parts.notifications.some((n) => n.sentAt instanceof Date) && parts.notifications.some((n) => n.sentAt === null)).toBe(true);
    expect(parts.notifications.map((n) => n.subject)).not.toContain("Another case's");
  });

  it("a case with nobody named on it and no notifications", async () => {
    const found = await findCaseDetail(support, otherCaseId);
    const parts = await caseDetailParts(found);
    expect(parts.names).toEqual({});
    expect(parts.notifications).toEqual(await partsByPrisma(found, []).then((p) => p.notifications));
    expect(parts.notifications).toHaveLength(1);
  });
});
