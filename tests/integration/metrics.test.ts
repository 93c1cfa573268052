// /api/metrics's text (issue 14): jobs by state and kind and the outbox by status, read at scrape;
// redaction throughput counted by the job; default process metrics.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { enqueueJob } from "@/lib/jobs";
import { renderMetrics } from "@/lib/metrics";
import { countRedaction, metrics, observeRequest } from "@/lib/metrics/registry";
import { useTestDatabase } from "../support/db";

useTestDatabase();

const sample = (text: string, name: string, labels = "") => {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line === undefined ? undefined : Number(line.split(" ").pop());
};

describe("/api/metrics text", () => {
  it("gives jobs by state and kind, the outbox by status, redaction throughput and process metrics", async () => {
    await db().job.deleteMany({});
    await enqueueJob(db(), "metrics.test", {});
    await enqueueJob(db(), "metrics.test", {});
    const done = await enqueueJob(db(), "metrics.other", {});
    await db().job.update({ where: { id: done!.id }, data: { status: "done" } });
    const now = new Date();
    await db().outboxMessage.createMany({
      data: [
        { kind: "t", toAddress: "a@corp.example", subject: "s", body: "b", messageId: "<m1@x>", createdAt: new Date(now.getTime() - 90_000) },
        { kind: "t", toAddress: "a@corp.example", subject: "s", body: "b", messageId: "<m2@x>", status: "sent", sentAt: now },
        { kind: "t", toAddress: "a@corp.example", subject: "s", body: "b", messageId: "<m3@x>", status: "failed" },
        { kind: "t", toAddress: "a@corp.example", subject: "s", body: "b", messageId: "<m4@x>", status: "failed" },
      ],
    });
    const before = (await metrics().redactionRawBytes.get()).values[0]?.value ?? 0;
    countRedaction({ rawBytes: 1000, rawLines: 10, redactedBytes: 900, redactedLines: 9 });
    observeRequest("GET", "/cases/[id]", 200, 0.042);

    const { contentType, body } = await renderMetrics(db(), now);
    expect(contentType).toMatch(/^text\/plain/);
    expect(sample(body, "logdesk_jobs", 'state="queued",kind="metrics.test"')).toBe(2);
    expect(sample(body, "logdesk_jobs", 'state="done",kind="metrics.other"')).toBe(1);
    expect(sample(body, "logdesk_outbox_messages", 'status="pending"')).toBe(1);
    expect(sample(body, "logdesk_outbox_messages", 'status="sent"')).toBe(1);
    expect(sample(body, "logdesk_outbox_messages", 'status="failed"')).toBe(2);
    expect(sample(body, "logdesk_outbox_oldest_pending_seconds")).toBe(90);
    expect(sample(body, "logdesk_redaction_raw_bytes_total")).toBe(before + 1000);
    expect(sample(body, "logdesk_http_request_duration_seconds_count", 'method="GET",route="/cases/[id]",status="2xx"')).toBeGreaterThanOrEqual(1);
    expect(body).toContain("logdesk_process_cpu_seconds_total");
    expect(body).toContain("logdesk_nodejs_heap_size_used_bytes");

    // A kind whose jobs are gone disappears at the next scrape.
    await db().job.deleteMany({ where: { kind: "metrics.other" } });
    expect(sample((await renderMetrics(db(), now)).body, "logdesk_jobs", 'state="done",kind="metrics.other"')).toBeUndefined();
  });
});

describe("GET /api/metrics refusals", () => {
  const TOKEN = "m".repeat(40);
  const get = (authorization?: string) => GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

  it("a missing or wrong token is 401 and a security event (never the token presented); the right one is 200 and none", async () => {
    const saved = process.env.METRICS_TOKEN;
    process.env.METRICS_TOKEN = TOKEN;
    resetEnvCache();
    try {
      const before = await db().securityEvent.count();
      expect((await get()).status).toBe(401);
      expect((await get(`Bearer ${"W".repeat(40)}`)).status).toBe(401);
      expect((await get(`Bearer ${TOKEN}`)).status).toBe(200);
      const events = await db().securityEvent.findMany({ orderBy: { id: "asc" }, skip: before });
      expect(events).toMatchObject([
        { kind: "refused", target: "route:GET /api/metrics", outcome: "UNAUTHENTICATED", detail: { token: "missing" } },
        { kind: "refused", target: "route:GET /api/metrics", outcome: "UNAUTHENTICATED", detail: { token: "presented" } },
      ]);
      expect(JSON.stringify(events.map((e) => ({ ...e, id: String(e.id) })))).not.toContain("WWWW");
    } finally {
      if (saved === undefined) delete process.env.METRICS_TOKEN;
      else process.env.METRICS_TOKEN = saved;
      resetEnvCache();
    }
  });
});
