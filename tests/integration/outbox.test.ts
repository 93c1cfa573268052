import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runOneJob } from "@/lib/jobs";
import { metrics } from "@/lib/metrics/registry";
import { queueNotification } from "@/lib/outbox";
import { jobHandlers } from "@/lib/server/background";
import { useTestDatabase } from "../support/db";
import { startSmtpServer } from "../support/smtp";

useTestDatabase();

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer({ failFirst: 1 });
});
afterAll(() => smtp.close());

const FROM = "Logdesk <logdesk@corp.example>";

describe("notification outbox", () => {
  it("is written in the caller's transaction: a rolled-back change leaves no message", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await queueNotification(tx, { kind: "test", to: "x@corp.example", subject: "s", body: "b" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db().outboxMessage.count({ where: { toAddress: "x@corp.example" } })).toBe(0);
    expect(await db().job.count({ where: { kind: "outbox.deliver" } })).toBe(0);
  });

  it("delivers over real SMTP at least once, retrying after a failure, with a stable Message-ID", async () => {
    const msg = await db().$transaction((tx) =>
      queueNotification(tx, { kind: "sirt.tagged", to: "sirt@corp.example", subject: "IR-2026-0001 routed to SIRT", body: "A new case is in your queue." }),
    );
    const handlers = jobHandlers(db(), { SMTP_URL: smtp.url, MAIL_FROM: FROM });
    const delivered = async (result: string) => (await metrics().outboxDeliveries.get()).values.find((v) => v.labels.result === result)?.value ?? 0;
    const [retriesBefore, sentBefore] = [await delivered("retry"), await delivered("sent")];

    await runOneJob(db(), handlers); // the server answers 451 the first time
    const afterFailure = await db().outboxMessage.findUniqueOrThrow({ where: { id: msg.id } });
    expect(afterFailure).toMatchObject({ status: "pending", attempts: 1 });
    expect(afterFailure.lastError).toMatch(/451|temporarily/);
    expect(smtp.received).toHaveLength(0);

    await db().job.updateMany({ where: { kind: "outbox.deliver" }, data: { runAt: new Date(Date.now() - 1) } });
    await runOneJob(db(), handlers);
    const sent = await db().outboxMessage.findUniqueOrThrow({ where: { id: msg.id } });
    expect(sent).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(["sirt@corp.example"]);
    expect(smtp.received[0]!.raw).toContain(`Message-ID: ${sent.messageId}`);
    expect(smtp.received[0]!.raw).toContain("Subject: IR-2026-0001 routed to SIRT");
    // /api/metrics's delivery counter: one retry, one sent.
    expect([(await delivered("retry")) - retriesBefore, (await delivered("sent")) - sentBefore]).toEqual([1, 1]);
  });

  it("without SMTP settings keeps the message pending, readable in the portal", async () => {
    const msg = await db().$transaction((tx) => queueNotification(tx, { kind: "test", to: "kept@corp.example", subject: "kept", body: "kept" }));
    await runOneJob(db(), jobHandlers(db(), { SMTP_URL: undefined, MAIL_FROM: FROM }));
    expect(await db().outboxMessage.findUniqueOrThrow({ where: { id: msg.id } })).toMatchObject({ status: "pending", sentAt: null });
  });

  it("one message per dedupe key", async () => {
    for (let i = 0; i < 2; i++) {
      await db().$transaction((tx) => queueNotification(tx, { kind: "reminder", to: "csm@corp.example", subject: "due", body: "due", dedupeKey: "due:case-9:2026-11-24T09:00Z" }));
    }
    expect(await db().outboxMessage.count({ where: { dedupeKey: "due:case-9:2026-11-24T09:00Z" } })).toBe(1);
  });
});
