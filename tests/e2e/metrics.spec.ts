import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { rememberSecret } from "./secrets-seen";
import { specServerStdio } from "./spec-server-output";

// /api/metrics over HTTP (issue 14). The shared e2e server has no METRICS_TOKEN: the route is off
// (404, token or not). This file starts a server of its own with one, on its own data folder.
const port = Number(
  execFileSync(process.execPath, ["-e", 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})']).toString(),
);
const baseURL = `http://localhost:${port}`;
const sharedURL = `http://localhost:${process.env.E2E_PORT}`;
const dataDir = path.resolve("tmp", `e2e-metrics-${port}`);
const TOKEN = randomBytes(24).toString("base64url"); // 32 characters
rememberSecret(TOKEN); // no log line may hold it (global-teardown.ts)

let server: ChildProcess | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  rmSync(dataDir, { recursive: true, force: true });
  server = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1", LOGDESK_DATA_DIR: dataDir, NEXTAUTH_URL: baseURL, SMTP_URL: "", LOGDESK_DEMO_HISTORY: "off", METRICS_TOKEN: TOKEN },
    stdio: specServerStdio("metrics", port),
  });
  for (let i = 0; ; i++) {
    const ok = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 400 || server.exitCode !== null) throw new Error("the metrics server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const scrape = (base: string, authorization?: string) => fetch(`${base}/api/metrics`, { headers: authorization ? { Authorization: authorization } : {} });

test("without METRICS_TOKEN the route is off: 404, with a token or without", async () => {
  for (const auth of [undefined, `Bearer ${TOKEN}`]) {
    const res = await scrape(sharedURL, auth);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("logdesk_");
  }
});

test("with METRICS_TOKEN: 401 without it or with a wrong one, nothing of the metrics", async () => {
  for (const auth of [undefined, `Bearer ${"x".repeat(32)}`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, `Basic ${TOKEN}`]) {
    const res = await scrape(baseURL, auth);
    expect(res.status, String(auth)).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await res.text()).not.toContain("logdesk_");
  }
});

test("the right token gets Prometheus text, with a latency sample by route pattern for a route just requested", async () => {
  const id = randomUUID();
  // Signed out, a case page sends to /signin: still a request of the route /cases/[id].
  const page = await fetch(`${baseURL}/cases/${id}`, { redirect: "manual" });
  expect(page.status).toBeGreaterThanOrEqual(300);
  expect((await fetch(`${baseURL}/api/health`)).status).toBe(200);

  const res = await scrape(baseURL, `Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(res.headers.get("cache-control")).toBe("no-store");
  const text = await res.text();
  expect(text).toMatch(/^logdesk_http_request_duration_seconds_count\{method="GET",route="\/cases\/\[id\]",status="3xx"\} [1-9]/m);
  expect(text).toMatch(/^logdesk_http_request_duration_seconds_bucket\{le="[0-9.]+",method="GET",route="\/api\/health",status="2xx"\} /m);
  expect(text, "never the raw path").not.toContain(id);
  // Jobs by state and kind (the worker's reminder scan), the outbox, redaction and process metrics.
  expect(text).toMatch(/^logdesk_jobs\{state="[a-z]+",kind="[a-z.]+"\} \d+/m);
  expect(text).toMatch(/^logdesk_outbox_messages\{status="pending"\} \d+/m);
  expect(text).toMatch(/^logdesk_redaction_raw_bytes_total \d+/m);
  expect(text).toMatch(/^logdesk_process_cpu_seconds_total \d/m);

  // /api/health on the same server: the backlog, counts and times only.
  const health = (await (await fetch(`${baseURL}/api/health`)).json()) as Record<string, unknown>;
  expect(health).toMatchObject({ ok: true, outbox: { waiting: expect.any(Number) }, jobs: expect.any(Object) });
  expect(health).toHaveProperty("auditCheckpoint");
});
