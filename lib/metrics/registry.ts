import client from "prom-client";

/**
 * The process's Prometheus metrics (issue 14), served by /api/metrics. One registry per process,
 * kept on globalThis: server.ts (run by tsx) and the route handler (bundled by Next) load this
 * module separately, and both must see the same counters. No `server-only`: server.ts uses it.
 */
export interface Metrics {
  registry: client.Registry;
  /** Request latency by App Router route pattern (lib/metrics/route-pattern.ts), method and status class. */
  httpDuration: client.Histogram<"method" | "route" | "status">;
  /** Redactions completed by this process's worker, and what they read and wrote. */
  redactions: client.Counter;
  redactionRawBytes: client.Counter;
  redactionRawLines: client.Counter;
  redactionRedactedBytes: client.Counter;
  redactionRedactedLines: client.Counter;
  /** SMTP delivery attempts by this process's worker, by result (sent, retry, failed). */
  outboxDeliveries: client.Counter<"result">;
  /** Collected at scrape from the database (lib/metrics/collect.ts). */
  jobs: client.Gauge<"state" | "kind">;
  outboxMessages: client.Gauge<"status">;
  outboxOldestPendingSeconds: client.Gauge;
}

const KEY = Symbol.for("logdesk.metrics");

function create(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "logdesk_" });
  const counter = (name: string, help: string) => new client.Counter({ name, help, registers: [registry] });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "logdesk_http_request_duration_seconds",
      help: "Time to answer a request, by App Router route pattern, method and status class.",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    redactions: counter("logdesk_redactions_completed_total", "Redactions this process completed."),
    redactionRawBytes: counter("logdesk_redaction_raw_bytes_total", "Bytes of raw files read by completed redactions."),
    redactionRawLines: counter("logdesk_redaction_raw_lines_total", "Lines of raw files read by completed redactions."),
    redactionRedactedBytes: counter("logdesk_redaction_redacted_bytes_total", "Bytes of redacted files written by completed redactions."),
    redactionRedactedLines: counter("logdesk_redaction_redacted_lines_total", "Lines of redacted files written by completed redactions."),
    outboxDeliveries: new client.Counter({ name: "logdesk_outbox_deliveries_total", help: "SMTP delivery attempts by this process, by result: sent, retry (a failure retried later) or failed (the last attempt failed).", labelNames: ["result"], registers: [registry] }),
    jobs: new client.Gauge({ name: "logdesk_jobs", help: "Background jobs in the database, by state and kind.", labelNames: ["state", "kind"], registers: [registry] }),
    outboxMessages: new client.Gauge({ name: "logdesk_outbox_messages", help: "Notifications in the outbox, by delivery status (pending, sent, failed).", labelNames: ["status"], registers: [registry] }),
    outboxOldestPendingSeconds: new client.Gauge({ name: "logdesk_outbox_oldest_pending_seconds", help: "Age of the oldest notification not yet sent (0 when none waits).", registers: [registry] }),
  };
}

export function metrics(): Metrics {
  const g = globalThis as unknown as Record<symbol, Metrics | undefined>;
  return (g[KEY] ??= create());
}

/** The status class of an HTTP status ("2xx"): few series, and a 404 on a guessed id is not its own. */
export const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/** Records one answered request (server.ts, when the response finishes or the client goes away). */
export function observeRequest(method: string | undefined, route: string, status: number, seconds: number) {
  const m = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].includes(method ?? "") ? method! : "OTHER";
  metrics().httpDuration.observe({ method: m, route, status: statusClass(status) }, seconds);
}

/** Counts a completed redaction (lib/artefacts/job.ts, after its result is committed). */
export function countRedaction(r: { rawBytes: number; rawLines: number; redactedBytes: number; redactedLines: number }) {
  const m = metrics();
  m.redactions.inc();
  m.redactionRawBytes.inc(r.rawBytes);
  m.redactionRawLines.inc(r.rawLines);
  m.redactionRedactedBytes.inc(r.redactedBytes);
  m.redactionRedactedLines.inc(r.redactedLines);
}

/** Counts one SMTP delivery attempt (lib/outbox, after its outcome is written). */
export function countDelivery(result: "sent" | "retry" | "failed") {
  metrics().outboxDeliveries.inc({ result });
}
