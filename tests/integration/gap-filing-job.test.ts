// The `gap.file` job (lib/gaps/file-job.ts) run by the job runner (lib/jobs) against the test tracker
// (tests/support/fake-tracker.ts): one issue with both labels and nothing confidential; retried with
// back-off on 500; stopped on 401; a lost create answer found on the retry, not filed twice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { createGapTrackerClient } from "@/lib/gap-tracker/client";
import { recordGap } from "@/lib/gaps/record-gap";
import { retryGapFiling } from "@/lib/gaps/retry-filing";
import { ZRecordGap } from "@/lib/gaps/schemas";
import { GAP_FILE_JOB, gapFileJobKey } from "@/lib/gaps/job-kind";
import { runGapFilingJob } from "@/lib/gaps/file-job";
import { runOneJob } from "@/lib/jobs";
import { FakeTracker, PROJECT, TOKEN, type Failure } from "../support/fake-tracker";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

const tracker = new FakeTracker();
beforeAll(() => tracker.start());
afterAll(() => tracker.stop());
afterEach(() => {
  tracker.issues = [];
  tracker.failures = [];
  tracker.requests = [];
});

const NEEDED_FOR = "They needed to know who exported the repository acme-corp/payments";
let sirt: SessionUser, author: SessionUser, accountId: string;

beforeAll(async () => {
  sirt = (await createUser("sirt")) as SessionUser;
  author = (await createUser("support", { name: "Jane Doe", email: "jane.doe@acme-corp.com" })) as SessionUser;
  accountId = (await createAccount({ name: "ACME Corp", slug: "acme-corp", plan: "premium" })).id;
});

const handlers = (client = createGapTrackerClient({ url: tracker.url, project: PROJECT, token: TOKEN, timeoutMs: 500 })) => ({
  [GAP_FILE_JOB]: (job: Parameters<typeof runGapFilingJob>[1]) => runGapFilingJob(db(), job, client),
});

async function recordedCase() {
  const { id } = await createCase({
    accountId,
    authorId: author.id,
    team: "sirt",
    status: "shared",
    logDiveDone: true,
    requesterName: "Jane Doe",
    requesterEmail: "jane.doe@acme-corp.com",
    summary: "ACME Corp saw an export of acme-corp/payments from 192.0.2.44",
    resources: [{ kind: "project", path: "acme-corp/payments" }],
  });
  await recordGap(sirt, ZRecordGap.parse({ caseId: id, noGap: false, eventTypes: ["project_export_file_download_started", "user_email_changed"], neededFor: NEEDED_FOR }), { trackerConfigured: true });
  return id;
}

/** Makes the job due now (the back-off put it in the future) and runs it once. */
async function runDue(caseId: string, h = handlers()) {
  await db().job.update({ where: { dedupeKey: gapFileJobKey(caseId) }, data: { runAt: new Date(Date.now() - 1000) } });
  expect(await runOneJob(db(), h)).toBe(true);
}
const recordOf = (caseId: string) => db().gapRecord.findUniqueOrThrow({ where: { caseId } });
const jobOf = (caseId: string) => db().job.findUniqueOrThrow({ where: { dedupeKey: gapFileJobKey(caseId) } });

describe("the gap.file job", () => {
  it("files one issue with both labels, the reference and the plan, and nothing confidential", async () => {
    const id = await recordedCase();
    await runDue(id);
    const c = await db().case.findUniqueOrThrow({ where: { id } });
    expect(tracker.issues).toHaveLength(1);
    const issue = tracker.issues[0]!;
    expect(issue.labels).toEqual(["Category:Audit Events", "Enterprise Edition"]);
    expect(issue.title).toContain(c.reference!);
    expect(issue.description).toContain("Premium");
    const received = tracker.requests.map((r) => `${r.url}\n${r.body}`).join("\n").toLowerCase();
    for (const secret of ["ACME Corp", "acme-corp", "acme-corp/payments", "Jane Doe", "jane.doe@acme-corp.com", NEEDED_FOR, "192.0.2.44"]) expect(received).not.toContain(secret.toLowerCase());
    expect(await recordOf(id)).toMatchObject({ filingState: "filed", issueIid: 1, issueUrl: issue.web_url, filingAttempts: 1, filingError: null });
    expect((await recordOf(id)).filedAt).not.toBeNull();
    expect((await jobOf(id)).status).toBe("done");
    expect(await db().activityLog.count({ where: { caseId: id, action: "gap.filed" } })).toBe(1);
  });

  it("a 500 is retried after the back-off, then filed once", async () => {
    const id = await recordedCase();
    tracker.failures = ["500"];
    await runDue(id);
    const waiting = await recordOf(id);
    expect(waiting).toMatchObject({ filingState: "queued", filingAttempts: 1 });
    expect(waiting.filingError).toMatch(/500/);
    const job = await jobOf(id);
    expect(job.status).toBe("queued");
    expect(job.runAt.getTime()).toBe(waiting.nextAttemptAt!.getTime());
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    // Not due yet: nothing runs.
    expect(await runOneJob(db(), handlers())).toBe(false);
    await runDue(id);
    expect(await recordOf(id)).toMatchObject({ filingState: "filed", filingAttempts: 2 });
    expect(tracker.issues).toHaveLength(1);
  });

  it("a 401 stops with the reason; Retry filing after the fix files it once", async () => {
    const id = await recordedCase();
    const wrong = createGapTrackerClient({ url: tracker.url, project: PROJECT, token: "wrong", timeoutMs: 500 });
    await runDue(id, handlers(wrong));
    const stopped = await recordOf(id);
    expect(stopped.filingState).toBe("stopped");
    expect(stopped.filingError).toMatch(/401.*GAP_TRACKER_TOKEN/);
    expect((await jobOf(id)).status).toBe("done");
    expect(await db().activityLog.count({ where: { caseId: id, action: "gap.filingStopped" } })).toBe(1);
    expect(tracker.issues).toHaveLength(0);
    // The case closes meanwhile (closed is read-only); filing what was recorded still may run.
    await db().case.update({ where: { id }, data: { status: "closed", resolution: "done", closedAt: new Date(), closeReason: "Released and done." } });
    await retryGapFiling(sirt, { caseId: id }, { trackerConfigured: true });
    await runDue(id);
    expect(await recordOf(id)).toMatchObject({ filingState: "filed", issueIid: 1 });
    expect(tracker.issues).toHaveLength(1);
  });

  it("the create's lost answer is found on the retry, not filed twice", async () => {
    const id = await recordedCase();
    tracker.failures = [undefined as unknown as Failure, "dropCreated"];
    await runDue(id);
    // Once in ~30 CI runs this record was "stopped" after one attempt; what the tracker saw and answered says why.
    const seen = JSON.stringify(tracker.requests.map(({ method, failure, status }) => ({ method, failure, status })));
    expect(await recordOf(id), seen).toMatchObject({ filingState: "queued", filingAttempts: 1, filingError: expect.stringMatching(/^The connection to the tracker failed|^The tracker did not answer/) });
    expect(tracker.issues).toHaveLength(1);
    await runDue(id);
    expect(await recordOf(id)).toMatchObject({ filingState: "filed", issueIid: 1, filingAttempts: 2 });
    expect(tracker.issues).toHaveLength(1);
    expect(tracker.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("a filed record is never filed again, even if its job is run again", async () => {
    const id = await recordedCase();
    await runDue(id);
    await runGapFilingJob(db(), { payload: { caseId: id } }, createGapTrackerClient({ url: tracker.url, project: PROJECT, token: TOKEN }));
    expect(tracker.issues).toHaveLength(1);
    expect(tracker.requests).toHaveLength(2);
  });

  it("a record amended to no gap before the job runs is not filed", async () => {
    const id = await recordedCase();
    await recordGap(sirt, ZRecordGap.parse({ caseId: id, noGap: true, eventTypes: [], noGapReason: "The events were there after all." }), { trackerConfigured: true });
    await runDue(id);
    expect(tracker.requests).toHaveLength(0);
    expect((await recordOf(id)).filingState).toBe("not_needed");
  });
});
