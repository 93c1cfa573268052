// The demo history (issue 13): seedDemoData then seedDemoHistory on a fresh database, with a
// fixed `now`, as a first start does. Every state is there, the times lie in the last 90 days,
// relays are mostly on time and some late, the activity chain verifies, and a second run does nothing.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyActivityChain } from "@/lib/audit/verify";
import { localBlobStore } from "@/lib/blobstore";
import { db } from "@/lib/db";
import { AUDIT_EVENT_TYPES } from "@/lib/demo/audit-event-types";
import { seedDemoHistory, type DemoHistoryResult } from "@/lib/demo/history";
import { HISTORY_CASES } from "@/lib/demo/history-cases";
import { seedDemoData, seedReferenceData } from "@/lib/demo/seed";
import { loadOrCreateSigningKey } from "@/lib/release/keys";
import { installDatabase } from "@/lib/db";
import type { PrismaClient } from "@/generated/prisma/client";
import { openTestDatabase, useTestDatabase } from "../support/db";

const database = useTestDatabase();

const NOW = new Date("2026-12-03T14:30:00Z");
const DAY = 86_400_000;
let dir: string;
let result: DemoHistoryResult;

/** What a person sees of the history: each case's reference, status and times, and the activity log's acts and times. */
async function fingerprint(prisma: PrismaClient, r: DemoHistoryResult) {
  const cases = await prisma.case.findMany({ select: { id: true, reference: true, status: true, createdAt: true, requestedAt: true, acceptedAt: true, lastRelayAt: true, nextUpdateDue: true } });
  const byId = new Map(cases.map(({ id, ...c }) => [id, c]));
  const activity = await prisma.activityLog.findMany({ where: { caseId: { not: null } }, select: { action: true, at: true, actorRole: true }, orderBy: { id: "asc" } });
  return { cases: HISTORY_CASES.map((c) => byId.get(r.ids[c.key]!)), activity };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-history-"));
  await seedReferenceData(db());
  await seedDemoData(db());
  const t0 = Date.now();
  result = await seedDemoHistory(db(), { now: NOW, store: localBlobStore(dir), signingKey: await loadOrCreateSigningKey(dir) });
  console.log(`demo history: ${result.cases} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 180_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("the demo history", () => {
  it("makes every case of the list, each in the status its path leads to", async () => {
    expect(result.seeded).toBe(true);
    expect(result.cases).toBe(HISTORY_CASES.length);
    expect(HISTORY_CASES.length).toBeGreaterThanOrEqual(30);
    const rows = await db().case.findMany({ select: { id: true, status: true } });
    const status = new Map(rows.map((r) => [r.id, r.status as string]));
    const wrong = HISTORY_CASES.filter((c) => status.get(result.ids[c.key]!) !== c.expect).map((c) => `${c.key}: ${status.get(result.ids[c.key]!)} (expected ${c.expect})`);
    expect(wrong).toEqual([]);
  });

  it("has a case in every state: draft, re-scope with a cost notice and by triage, ineligible, legal review, exceptions granted and refused, referrals open and handled, accepted, in progress, in review, approved, shared", async () => {
    const statuses = new Set((await db().case.findMany({ select: { status: true } })).map((c) => c.status));
    for (const s of ["draft", "rescope", "ineligible", "legal_review", "accepted", "in_progress", "artefacts_in_review", "approved", "shared"]) expect(statuses, s).toContain(s);
    expect(await db().costNotice.count({ where: { customerAcceptedAt: null, case: { status: "rescope" } } })).toBeGreaterThan(0);
    expect(await db().costNotice.count({ where: { customerAcceptedAt: { not: null } } })).toBeGreaterThan(0);
    expect(await db().case.count({ where: { status: "rescope", rescopeReason: { not: null } } })).toBeGreaterThan(0);
    const ineligible = await db().caseDecision.findMany({ where: { outcome: "ineligible" }, select: { checks: true } });
    const failed = new Set(ineligible.flatMap((d) => (d.checks as { id: string; result: string }[]).filter((c) => c.result === "fail").map((c) => c.id)));
    for (const check of ["plan", "deployment", "ownership"]) expect(failed, check).toContain(check);
    for (const s of ["requested", "granted", "refused"] as const) expect(await db().legalException.count({ where: { status: s } }), s).toBeGreaterThan(0);
    for (const s of ["open", "closed"] as const) expect(await db().subpoenaReferral.count({ where: { status: s } }), s).toBeGreaterThan(0);
    expect(await db().timelineEntry.count({ where: { kind: "finding", case: { status: "in_progress" } } })).toBeGreaterThan(0);
    expect(await db().artefactShare.count()).toBeGreaterThanOrEqual(5);
    expect(await db().artefactApproval.count({ where: { decision: "rejected" } })).toBeGreaterThan(0);
    expect(await db().case.count({ where: { notifiedAt: { not: null } } })).toBeGreaterThan(0);
    // K2: a case whose account's agreement asks for the 24-hour notice, notified (the reports count it).
    expect(await db().case.count({ where: { notifyDeadline: { not: null }, notifiedAt: { not: null } } })).toBeGreaterThan(0);
  });

  it("closes cases every way (done after their gap record, refused, referral handled, withdrawn, duplicate) and reopens one", async () => {
    const resolutions = new Set((await db().case.findMany({ where: { status: "closed" }, select: { resolution: true } })).map((c) => c.resolution));
    for (const r of ["done", "refused", "referral_handled", "withdrawn", "duplicate"]) expect(resolutions, r).toContain(r);
    // Step 10: every case closed after a log-dive has its gap record; the gaps are kept (no tracker).
    expect(await db().case.count({ where: { status: "closed", logDiveDone: true, gapRecord: null } })).toBe(0);
    const gaps = await db().gapRecord.findMany({ select: { noGap: true, filingState: true, _count: { select: { events: true } } } });
    expect(gaps.filter((g) => !g.noGap).length).toBeGreaterThanOrEqual(4);
    expect(gaps.filter((g) => g.noGap).length).toBeGreaterThanOrEqual(1);
    expect(new Set(gaps.map((g) => g.filingState))).toEqual(new Set(["kept", "not_needed"]));
    expect(await db().gapMissingEvent.count()).toBeGreaterThanOrEqual(5);
    const dup = await db().case.findFirstOrThrow({ where: { resolution: "duplicate" }, select: { duplicateOfId: true } });
    expect(dup.duplicateOfId).toBeTruthy();
    expect(await db().activityLog.count({ where: { action: "case.reopen" } })).toBe(1);
  });

  it("names event types of the audit event catalogue", async () => {
    const catalogue = new Set(AUDIT_EVENT_TYPES.map((t) => t.name));
    const unknown = HISTORY_CASES.flatMap((c) => c.eventTypes).filter((e) => !catalogue.has(e));
    expect(unknown).toEqual([]);
  });

  it("spreads the cases over the last 90 days (the first more than 80 days before the last), with activity on most working days, nothing in the future", async () => {
    const from = NOW.getTime() - 90 * DAY;
    const inRange = (label: string, dates: (Date | null)[]) => {
      for (const d of dates) {
        if (!d) continue;
        expect(d.getTime(), `${label} ${d.toISOString()}`).toBeGreaterThanOrEqual(from);
        expect(d.getTime(), `${label} ${d.toISOString()}`).toBeLessThanOrEqual(NOW.getTime());
      }
    };
    const cases = await db().case.findMany({ select: { createdAt: true, updatedAt: true, requestedAt: true, acceptedAt: true, lastRelayAt: true } });
    inRange("case", cases.flatMap((c) => [c.createdAt, c.updatedAt, c.requestedAt, c.acceptedAt, c.lastRelayAt]));
    inRange("entry", (await db().timelineEntry.findMany({ select: { createdAt: true } })).map((e) => e.createdAt));
    inRange("relay", (await db().relay.findMany({ select: { sentAt: true } })).map((r) => r.sentAt));
    inRange("decision", (await db().caseDecision.findMany({ select: { evaluatedAt: true } })).map((r) => r.evaluatedAt));
    inRange("artefact", (await db().artefact.findMany({ select: { createdAt: true } })).map((r) => r.createdAt));
    inRange("approval", (await db().artefactApproval.findMany({ select: { decidedAt: true } })).map((r) => r.decidedAt));
    inRange("share", (await db().artefactShare.findMany({ select: { sharedAt: true } })).map((r) => r.sharedAt));
    const activity = await db().activityLog.findMany({ where: { caseId: { not: null } }, select: { at: true }, orderBy: { id: "asc" } });
    inRange("activity", activity.map((a) => a.at));
    // One timeline: the activity log's times never go back.
    for (let i = 1; i < activity.length; i++) expect(activity[i]!.at.getTime()).toBeGreaterThanOrEqual(activity[i - 1]!.at.getTime());
    const created = cases.map((c) => c.createdAt.getTime());
    expect(Math.max(...created) - Math.min(...created)).toBeGreaterThan(80 * DAY);
    // Staff work weekdays (some on-call acts aside): most of the window's working days see activity.
    const days = new Set(activity.map((a) => a.at.toISOString().slice(0, 10)));
    let weekdays = 0;
    for (let d = from; d < NOW.getTime(); d += DAY) if (![0, 6].includes(new Date(d).getUTCDay())) weekdays++;
    console.log(`activity on ${days.size} days (${weekdays} weekdays in the window)`);
    expect(days.size).toBeGreaterThanOrEqual(Math.ceil(weekdays * 0.75));
  });

  it("relays most updates within the 12-business-hour clock and some after it ran out", async () => {
    const relays = await db().activityLog.findMany({ where: { action: "entry.relay" }, select: { before: true, after: true } });
    let onTime = 0;
    let late = 0;
    for (const r of relays) {
      const due = (r.before as { nextUpdateDue: string | null }).nextUpdateDue;
      if (!due) continue;
      const sentAt = new Date((r.after as { sentAt: string }).sentAt);
      if (sentAt.getTime() <= new Date(due).getTime()) onTime++;
      else late++;
    }
    console.log(`relays: ${onTime} on time, ${late} late`);
    expect(late).toBeGreaterThan(0);
    expect(onTime).toBeGreaterThan(late);
  });

  it("leaves no notification to send and no job to run", async () => {
    expect(await db().outboxMessage.count({ where: { status: "pending" } })).toBe(0);
    expect(await db().job.count({ where: { status: "queued", kind: { in: ["artefact.redact", "outbox.deliver"] } } })).toBe(0);
  });

  it("leaves an activity chain that verifies", async () => {
    const report = await verifyActivityChain(db());
    expect(report.ok, JSON.stringify(report, (_k, v) => (typeof v === "bigint" ? String(v) : v))).toBe(true);
  });

  it("is the same history on another fresh database with the same now (seeded PRNG)", async () => {
    const other = await openTestDatabase();
    try {
      installDatabase(other);
      await seedReferenceData(other.prisma);
      await seedDemoData(other.prisma);
      const again = await seedDemoHistory(other.prisma, { now: NOW, store: localBlobStore(dir), signingKey: await loadOrCreateSigningKey(dir) });
      expect(again.seeded).toBe(true);
      expect(await fingerprint(other.prisma, again)).toEqual(await fingerprint(database.current.prisma, result));
    } finally {
      installDatabase(database.current);
      await other.close();
    }
  }, 180_000);

  it("does nothing the second time", async () => {
    const before = await db().activityLog.count();
    const again = await seedDemoHistory(db(), { now: NOW, store: localBlobStore(dir), signingKey: await loadOrCreateSigningKey(dir) });
    expect(again.seeded).toBe(false);
    expect(await db().case.count()).toBe(HISTORY_CASES.length);
    expect(await db().activityLog.count()).toBe(before);
  });
});
