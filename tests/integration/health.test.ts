// /api/health's backlog (issue 14): outbox messages waiting, the oldest waiting job, the last audit
// checkpoint. Counts and times only: nothing of a message, a job's payload or the chain's hash.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { writeCheckpoint } from "@/lib/audit/checkpoint";
import { checkHealth } from "@/lib/health";
import { enqueueJob } from "@/lib/jobs";
import { useTestDatabase } from "../support/db";

useTestDatabase();

describe("/api/health's backlog", () => {
  it("says nothing waits on an empty database", async () => {
    await db().job.deleteMany({});
    const health = await checkHealth();
    expect(health.ok).toBe(true);
    expect(health.outbox).toEqual({ waiting: 0, oldestWaitingSeconds: null });
    expect(health.jobs).toEqual({ oldestWaiting: null });
  });

  it("counts pending messages, ages the oldest and the longest-waiting due job, and names the last checkpoint", async () => {
    const now = new Date();
    const ago = (s: number) => new Date(now.getTime() - s * 1000);
    await db().outboxMessage.createMany({
      data: [
        { kind: "t", toAddress: "secret-person@corp.example", subject: "IR-2026-0042 secret subject", body: "b", messageId: "<h1@x>", createdAt: ago(600) },
        { kind: "t", toAddress: "a@corp.example", subject: "s", body: "b", messageId: "<h2@x>", createdAt: ago(60) },
        { kind: "t", toAddress: "a@corp.example", subject: "s", body: "b", messageId: "<h3@x>", status: "sent", sentAt: now, createdAt: ago(9000) },
      ],
    });
    await enqueueJob(db(), "outbox.deliver", { secret: "payload-value" }, { runAt: ago(300) });
    await enqueueJob(db(), "artefact.redact", {}, { runAt: ago(120) });
    await enqueueJob(db(), "later.kind", {}, { runAt: new Date(now.getTime() + 3_600_000) }); // not due: not waiting
    const key = crypto.generateKeyPairSync("ed25519").privateKey;
    await writeCheckpoint(db(), key, ago(30));

    const health = await checkHealth(now);
    expect(health.ok).toBe(true);
    expect(health.outbox).toEqual({ waiting: 2, oldestWaitingSeconds: 600 });
    expect(health.jobs).toEqual({ oldestWaiting: { kind: "outbox.deliver", ageSeconds: 300 } });
    const latest = await db().activityCheckpoint.findFirstOrThrow({ orderBy: { count: "desc" } });
    expect(health.auditCheckpoint).toEqual({ at: ago(30).toISOString(), count: Number(latest.count) });
    // Public: nothing of the messages, payloads or the chain.
    const text = JSON.stringify(health);
    for (const s of ["secret-person", "IR-2026-0042", "payload-value", latest.headHash, latest.signature]) expect(text).not.toContain(s);
  });
});
