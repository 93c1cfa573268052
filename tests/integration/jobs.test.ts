import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { claimJob, enqueueJob, pruneDoneJobs, runOneJob, startWorker } from "@/lib/jobs";
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
});
