import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import os from "node:os";
import { claimJob, completeJob, DIED_WHILE_RUNNING, enqueueJob, holderMayRun, pruneDoneJobs, releaseJobsOfDeadWorkers, runOneJob, startWorker } from "@/lib/jobs";
import { useTestDatabase } from "../support/db";

useTestDatabase();

const clearJobs = () => db().job.deleteMany({});

describe("background jobs", () => {
  it("runs a due job once and marks it done", async () => {
    await clearJobs();
    const seen: unknown[] = [];
    await enqueueJob(db(), "test.echo", { n: 1 });
    expect(await runOneJob(db(), { "test.echo": async (j) => void seen.push(j.payload) })).toBe(true);
    expect(await runOneJob(db(), { "test.echo": async (j) => void seen.push(j.payload) })).toBe(false);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await db().job.findFirstOrThrow({ where: { kind: "test.echo" } })).toMatchObject({ status: "done", attempts: 1 });
  });

  it("retries a failing job later, with back-off, then gives up and keeps the error", async () => {
    await clearJobs();
    const { id } = await enqueueJob(db(), "test.flaky", {}, { maxAttempts: 2 });
    const failing = { "test.flaky": async () => { throw new Error("SMTP said no"); } };
    await runOneJob(db(), failing);
    const retry = await db().job.findUniqueOrThrow({ where: { id } });
    expect(retry).toMatchObject({ status: "queued", attempts: 1, lastError: "SMTP said no" });
    expect(retry.runAt.getTime()).toBeGreaterThan(Date.now() + 4_000);
    expect(await runOneJob(db(), failing)).toBe(false); // not due yet

    await db().job.update({ where: { id }, data: { runAt: new Date(Date.now() - 1) } });
    await runOneJob(db(), failing);
    expect(await db().job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("does not run a job before its time, and keeps one job per dedupe key", async () => {
    await clearJobs();
    await enqueueJob(db(), "test.later", {}, { runAt: new Date(Date.now() + 60_000), dedupeKey: "reminder:case-1:t1" });
    await enqueueJob(db(), "test.later", {}, { runAt: new Date(Date.now() + 60_000), dedupeKey: "reminder:case-1:t1" });
    expect(await db().job.count({ where: { kind: "test.later" } })).toBe(1);
    expect(await claimJob(db())).toBeNull();
  });

  it("picks up a job whose worker died (its lease expired)", async () => {
    await clearJobs();
    const { id } = await enqueueJob(db(), "test.crash", {});
    const claimed = await claimJob(db(), "worker-that-dies");
    expect(claimed?.id).toBe(id);
    expect(await claimJob(db(), "other")).toBeNull(); // leased
    await db().job.update({ where: { id }, data: { lockedUntil: new Date(Date.now() - 1) } });
    const again = await claimJob(db(), "other");
    expect(again).toMatchObject({ id, attempts: 2 });
  });

  it("does not take again a job whose worker died on its last attempt (a job that crashes the process cannot loop)", async () => {
    await clearJobs();
    const { id } = await enqueueJob(db(), "test.crash", {}, { maxAttempts: 2 });
    for (const worker of ["first", "second"]) {
      expect((await claimJob(db(), worker))?.id).toBe(id);
      await db().job.update({ where: { id }, data: { lockedUntil: new Date(Date.now() - 1) } });
    }
    expect(await claimJob(db(), "third")).toBeNull();
  });

  it("concurrent claimers never get the same job (FOR UPDATE SKIP LOCKED)", async () => {
    await clearJobs();
    for (let i = 0; i < 20; i++) await enqueueJob(db(), "test.many", { i });
    const claims = await Promise.all(Array.from({ length: 30 }, (_, k) => claimJob(db(), `w${k}`)));
    const got = claims.filter(Boolean).map((c) => c!.id);
    expect(got).toHaveLength(20);
    expect(new Set(got).size).toBe(20);
  });

  it("a started worker drains the queue and stops cleanly", async () => {
    await clearJobs();
    const done: number[] = [];
    for (let i = 0; i < 5; i++) await enqueueJob(db(), "test.drain", { i });
    const worker = startWorker(db(), { "test.drain": async (j) => void done.push((j.payload as { i: number }).i) }, { idleMs: 20 });
    await expect.poll(() => done.length, { timeout: 10_000 }).toBe(5);
    await worker.stop();
    expect(done.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("prunes finished jobs older than a week, and keeps failed and recent ones", async () => {
    await clearJobs();
    const old = new Date(Date.now() - 8 * 86_400_000);
    await db().job.createMany({
      data: [
        { kind: "test.old", status: "done", updatedAt: old },
        { kind: "test.oldfailed", status: "failed", updatedAt: old },
        { kind: "test.recent", status: "done" },
      ],
    });
    expect(await pruneDoneJobs(db())).toBe(1);
    expect((await db().job.findMany({ select: { kind: true }, orderBy: { kind: "asc" } })).map((j) => j.kind)).toEqual(["test.oldfailed", "test.recent"]);
  });

  // Issue 14, crash test: a job held by a killed server waited for its 5-minute lease, and one on
  // its last attempt stayed 'running' for ever.
  it("at start, jobs held by a worker that is gone are queued again, and one on its last attempt is marked failed", async () => {
    await clearJobs();
    const deadWorker = `${os.hostname()}:4194303`;
    const a = await enqueueJob(db(), "test.mail", {}, { maxAttempts: 8 });
    const b = await enqueueJob(db(), "test.scan", {}, { maxAttempts: 1 });
    const c = await enqueueJob(db(), "test.elsewhere", {}, { maxAttempts: 8 });
    for (const kind of ["test.mail", "test.scan"]) await claimJob(db(), deadWorker, [kind]);
    await claimJob(db(), "another-machine:42", ["test.elsewhere"]);
    expect(await db().job.count({ where: { status: "running" } })).toBe(3);

    // PostgreSQL: only this host's dead processes count; another machine's job keeps its lease.
    expect(await releaseJobsOfDeadWorkers(db())).toEqual({ requeued: 1, failed: 1 });
    expect(await db().job.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "queued", lockedBy: null, attempts: 1 });
    expect(await db().job.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "failed", lockedBy: null, lastError: DIED_WHILE_RUNNING });
    expect(await db().job.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "running", lockedBy: "another-machine:42" });
    // The queued job runs again at once.
    const seen: string[] = [];
    expect(await runOneJob(db(), { "test.mail": async (j) => void seen.push(j.id) })).toBe(true);
    expect(seen).toEqual([a.id]);

    // The embedded default holds the folder lock: every holder is gone.
    expect(await releaseJobsOfDeadWorkers(db(), { everyHolder: true })).toEqual({ requeued: 1, failed: 0 });
    expect(await db().job.count({ where: { status: "running" } })).toBe(0);
  });

  it("holderMayRun: another host's holder may run; this host's dead process, or this very process before its worker, may not", () => {
    const self = { host: "h1", pid: 100 };
    const runs = (pid: number) => pid === 200;
    expect(holderMayRun("h2:300", self, runs)).toBe(true);
    expect(holderMayRun("h1:200", self, runs)).toBe(true);
    expect(holderMayRun("h1:300", self, runs)).toBe(false);
    expect(holderMayRun("h1:100", self, runs)).toBe(false);
    expect(holderMayRun(null, self, runs)).toBe(false);
  });

  // Issue 15, several instances: a lease short enough for a test must not run a healthy long job twice.
  it("a job longer than its lease keeps it (the worker renews it) and another worker polling all along never runs it", async () => {
    await clearJobs();
    const leaseMs = 2_000;
    const runs: string[] = [];
    const { id } = await enqueueJob(db(), "test.long", {});
    let started!: () => void;
    const aHasIt = new Promise<void>((r) => (started = r));
    const slow = { "test.long": async () => { runs.push("A"); started(); await new Promise((r) => setTimeout(r, 5_000)); } };
    const running = runOneJob(db(), slow, "host-a:1", leaseMs);
    // A claims first (otherwise B's first poll may win the race for the claim, which is not what is tested).
    await aHasIt;
    // Instance B polls for the same kind every 200 ms during the whole run (2.5 leases).
    const polls: boolean[] = [];
    const until = Date.now() + 5_500;
    while (Date.now() < until) {
      polls.push(await runOneJob(db(), { "test.long": async () => void runs.push("B") }, "host-b:2", leaseMs));
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await running).toBe(true);
    expect(runs).toEqual(["A"]);
    expect(polls.some(Boolean)).toBe(false);
    expect(await db().job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "done", attempts: 1, lockedBy: null });
  });

  it("a worker that stalled past its lease and was taken over does not mark the new holder's run done", async () => {
    await clearJobs();
    const { id } = await enqueueJob(db(), "test.stall", {});
    await claimJob(db(), "stalled:1", ["test.stall"], 1_000);
    await db().job.update({ where: { id }, data: { lockedUntil: new Date(Date.now() - 1) } });
    expect((await claimJob(db(), "taker:2", ["test.stall"], 60_000))?.id).toBe(id);
    expect(await completeJob(db(), id, "stalled:1")).toBe(false);
    expect(await db().job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "running", lockedBy: "taker:2", attempts: 2 });
    expect(await completeJob(db(), id, "taker:2")).toBe(true);
    expect(await db().job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "done", lockedBy: null });
  });

  it("two instances enqueueing the same dedupe key at once keep one job", async () => {
    await clearJobs();
    const ids = await Promise.all(Array.from({ length: 6 }, () => enqueueJob(db(), "test.scan", {}, { dedupeKey: "test.scan:2026-12-05T17:00" })));
    expect(new Set(ids.map((j) => j.id)).size).toBe(1);
    expect(await db().job.count({ where: { kind: "test.scan" } })).toBe(1);
  });
});
