// Step 10: the Audit Events gap record (lib/gaps/record-gap.ts, retry-filing.ts): who records it and
// when, amend until filed, "no gap", one filing job per case, nothing half-written on a refusal.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { recordGap } from "@/lib/gaps/record-gap";
import { retryGapFiling } from "@/lib/gaps/retry-filing";
import { ZRecordGap, type TRecordGap } from "@/lib/gaps/schemas";
import { GAP_FILE_JOB, gapFileJobKey } from "@/lib/gaps/job-kind";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

let sirt: SessionUser, support: SessionUser, csm: SessionUser, legal: SessionUser, admin: SessionUser;
let accountId: string;

beforeAll(async () => {
  [sirt, support, csm, legal, admin] = (await Promise.all((["sirt", "support", "csm", "legal", "admin"] as const).map((r) => createUser(r)))) as SessionUser[];
  accountId = (await createAccount({ plan: "ultimate", name: "Gap Customer" })).id;
  for (const [name, description] of [["user_email_changed", "A user changes their email address"], ["project_export_file_download_started", "A project export is downloaded"]])
    await db().auditEventType.upsert({ where: { name }, create: { name, category: "test", description, scope: [] }, update: {} });
});

const caseFor = async (over: Parameters<typeof createCase>[0] extends infer T ? Partial<T> : never = {}) =>
  (await createCase({ accountId, authorId: support.id, team: "sirt", status: "shared", logDiveDone: true, ...over })).id;

const gap = (caseId: string, over: Partial<Record<keyof TRecordGap, unknown>> = {}) =>
  ZRecordGap.parse({ caseId, noGap: false, eventTypes: ["user_email_changed", "my_custom_event"], neededFor: "To know who changed the owner's email.", ...over });

const counts = async (caseId: string) => ({
  records: await db().gapRecord.count({ where: { caseId } }),
  events: await db().gapMissingEvent.count({ where: { caseId } }),
  entries: await db().timelineEntry.count({ where: { caseId } }),
  jobs: await db().job.count({ where: { dedupeKey: gapFileJobKey(caseId) } }),
  log: await db().activityLog.count({ where: { caseId, action: { startsWith: "gap." } } }),
});

describe("the gap record's input", () => {
  it.each([
    ["no events and no reason", { eventTypes: [], neededFor: "" }, "eventTypes", /Name at least one missing event type.*No gap/],
    ["no gap without a reason", { noGap: true, eventTypes: [], noGapReason: "" }, "noGapReason", /why/],
    ["no gap with too short a reason", { noGap: true, eventTypes: [], noGapReason: "none" }, "noGapReason", /at least 10/],
    ["no gap with events", { noGap: true, noGapReason: "All events were there." }, "eventTypes", /No gap/],
    ["a typed name that is not an event type", { eventTypes: ["Jane Doe <jane@acme.com>"] }, "eventTypes.0", /lower-case/],
    ["51 event types", { eventTypes: Array.from({ length: 51 }, (_, i) => `event_${i}`) }, "eventTypes", /at most 50/],
    ["events without what they were needed for", { neededFor: "" }, "neededFor", /needed/],
  ])("refuses %s with a clear message", (_, over, path, message) => {
    const r = ZRecordGap.safeParse({ caseId: "00000000-0000-4000-8000-000000000001", noGap: false, eventTypes: ["user_email_changed"], neededFor: "x", ...over });
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path.join(".") === path);
    expect(issue?.message).toMatch(message);
  });

  it("dedupes the event types", () => {
    expect(ZRecordGap.parse({ caseId: "00000000-0000-4000-8000-000000000001", noGap: false, eventTypes: ["a_b", "a_b", "c_d"], neededFor: "x" }).eventTypes).toEqual(["a_b", "c_d"]);
  });
});

describe("recording the gap (step 10)", () => {
  it("SIRT records two missing event types: the record, one row each, an internal note, one job, the log", async () => {
    const id = await caseFor();
    expect(await recordGap(sirt, gap(id), { trackerConfigured: true })).toEqual({ filingState: "queued", amended: false });
    const r = await db().gapRecord.findUniqueOrThrow({ where: { caseId: id }, include: { events: { orderBy: { eventType: "asc" } } } });
    expect(r).toMatchObject({ noGap: false, plan: "ultimate", team: "sirt", filingState: "queued", recordedById: sirt.id, neededFor: "To know who changed the owner's email." });
    expect(r.events.map((e) => [e.eventType, e.catalogued, e.plan, e.team])).toEqual([
      ["my_custom_event", false, "ultimate", "sirt"],
      ["user_email_changed", true, "ultimate", "sirt"],
    ]);
    const entry = await db().timelineEntry.findFirstOrThrow({ where: { caseId: id } });
    expect(entry).toMatchObject({ visibility: "internal", kind: "note" });
    expect(entry.body).toContain("`user_email_changed`");
    expect(await db().job.findUniqueOrThrow({ where: { dedupeKey: gapFileJobKey(id) } })).toMatchObject({ kind: GAP_FILE_JOB, status: "queued", payload: { caseId: id } });
    const log = await db().activityLog.findFirstOrThrow({ where: { caseId: id, action: "gap.record" } });
    expect(JSON.stringify(log.after)).not.toContain("owner's email");
  });

  it("Support records the gap of a Support case; without a tracker it is kept", async () => {
    const id = await caseFor({ team: "support", status: "in_progress" });
    expect((await recordGap(support, gap(id), { trackerConfigured: false })).filingState).toBe("kept");
    expect((await counts(id)).jobs).toBe(0);
  });

  it("no gap with a reason: nothing to file", async () => {
    const id = await caseFor();
    expect((await recordGap(sirt, gap(id, { noGap: true, eventTypes: [], neededFor: "", noGapReason: "Every event the customer asked for was in Audit Events." }), { trackerConfigured: true })).filingState).toBe("not_needed");
    expect(await counts(id)).toMatchObject({ records: 1, events: 0, jobs: 0, entries: 1 });
  });

  it("amending replaces the event rows and keeps one job (enqueued once)", async () => {
    const id = await caseFor();
    await recordGap(sirt, gap(id), { trackerConfigured: true });
    const first = await db().job.findUniqueOrThrow({ where: { dedupeKey: gapFileJobKey(id) } });
    expect(await recordGap(sirt, gap(id, { eventTypes: ["project_export_file_download_started"] }), { trackerConfigured: true })).toEqual({ filingState: "queued", amended: true });
    expect((await db().gapMissingEvent.findMany({ where: { caseId: id } })).map((e) => e.eventType)).toEqual(["project_export_file_download_started"]);
    expect(await counts(id)).toMatchObject({ records: 1, jobs: 1, entries: 2, log: 2 });
    expect((await db().job.findUniqueOrThrow({ where: { dedupeKey: gapFileJobKey(id) } })).id).toBe(first.id);
    // From "no gap" back to events, after the job ran: the same job is armed again, not a second one.
    await recordGap(sirt, gap(id, { noGap: true, eventTypes: [], noGapReason: "On a second look the events were all there." }), { trackerConfigured: true });
    await db().job.update({ where: { id: first.id }, data: { status: "done" } });
    await recordGap(sirt, gap(id), { trackerConfigured: true });
    expect(await db().job.findMany({ where: { dedupeKey: { startsWith: gapFileJobKey(id) } }, select: { id: true, status: true } })).toEqual([{ id: first.id, status: "queued" }]);
  });

  it("refuses to amend a filed gap, naming the issue", async () => {
    const id = await caseFor();
    await recordGap(sirt, gap(id), { trackerConfigured: true });
    await db().gapRecord.update({ where: { caseId: id }, data: { filingState: "filed", issueIid: 17, issueUrl: "https://tracker.example/issues/17" } });
    const before = await counts(id);
    await expect(recordGap(sirt, gap(id, { eventTypes: ["user_email_changed"] }), { trackerConfigured: true })).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringContaining("already filed as #17") });
    expect(await counts(id)).toEqual(before);
  });

  it.each<[string, () => SessionUser, Record<string, unknown>, string, RegExp]>([
    ["Support on a SIRT case it opened", () => support, {}, "FORBIDDEN", /SIRT/],
    ["SIRT on a Support case it cannot see", () => sirt, { team: "support", status: "in_progress" }, "NOT_FOUND", /not found/],
    ["SIRT on a Support case whose artefact it reviews", () => sirt, { team: "support", status: "artefacts_in_review", artefactReview: true }, "FORBIDDEN", /routed/],
    ["the CSM on a SIRT case", () => csm, {}, "NOT_FOUND", /not found/],
    ["Legal", () => legal, { artefactReview: true }, "FORBIDDEN", /SIRT/],
    ["Admin", () => admin, {}, "NOT_FOUND", /not found/],
    ["SIRT before the log-dive", () => sirt, { status: "accepted", logDiveDone: false }, "INVALID_STATE", /after the log-dive/],
    ["SIRT on a closed case", () => sirt, { status: "closed", closedAt: new Date() }, "INVALID_STATE", /closed/],
  ])("refuses %s, writing nothing", async (_, who, over, code, message) => {
    const id = await caseFor(over);
    await expect(recordGap(who(), gap(id), { trackerConfigured: true })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    expect(await counts(id)).toEqual({ records: 0, events: 0, entries: 0, jobs: 0, log: 0 });
  });

  it("an accepted case on which the log-dive was done (logDiveDone) may record its gap", async () => {
    const id = await caseFor({ status: "accepted", logDiveDone: true });
    expect((await recordGap(sirt, gap(id), { trackerConfigured: true })).filingState).toBe("queued");
  });

  it("nothing is half-written when a write fails mid-way", async () => {
    const id = await caseFor();
    // A name the schema would refuse, slipped past it: PostgreSQL refuses the NUL in the event rows' insert,
    // after the record's upsert, so the whole transaction must roll back.
    const bad = gap(id);
    (bad as { eventTypes: string[] }).eventTypes = ["user_email_changed", "x".repeat(2) + "\u0000"];
    await expect(recordGap(sirt, bad, { trackerConfigured: true })).rejects.toThrow();
    expect(await counts(id)).toEqual({ records: 0, events: 0, entries: 0, jobs: 0, log: 0 });
  });
});

describe("retry filing", () => {
  it("is refused unless the filing stopped, and arms the one job again", async () => {
    const id = await caseFor();
    await recordGap(sirt, gap(id), { trackerConfigured: true });
    await expect(retryGapFiling(sirt, { caseId: id }, { trackerConfigured: true })).rejects.toMatchObject({ code: "INVALID_STATE", message: /already waiting/ });
    await db().gapRecord.update({ where: { caseId: id }, data: { filingState: "stopped", filingAttempts: 1, filingError: "401" } });
    await db().job.update({ where: { dedupeKey: gapFileJobKey(id) }, data: { status: "done" } });
    await expect(retryGapFiling(sirt, { caseId: id }, { trackerConfigured: false })).rejects.toMatchObject({ code: "INVALID_STATE", message: /No tracker/ });
    await expect(retryGapFiling(support, { caseId: id }, { trackerConfigured: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await retryGapFiling(sirt, { caseId: id }, { trackerConfigured: true })).toEqual({ filingState: "queued" });
    expect(await db().gapRecord.findUniqueOrThrow({ where: { caseId: id } })).toMatchObject({ filingState: "queued", filingAttempts: 0, filingError: null });
    expect(await db().job.findMany({ where: { dedupeKey: gapFileJobKey(id) }, select: { status: true } })).toEqual([{ status: "queued" }]);
    expect(await db().activityLog.count({ where: { caseId: id, action: "gap.retryFiling" } })).toBe(1);
  });
});
