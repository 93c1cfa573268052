import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";

// Issue 14: every request gets an id (the caller's x-request-id when it is a short token), echoed in
// the answer and on the request's JSON log line (the server's stdout, kept in E2E_LOG_FILE).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function logLines(): Record<string, unknown>[] {
  const text = readFileSync(process.env.E2E_LOG_FILE!, "utf8");
  return text.split("\n").slice(0, -1).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

test("a valid x-request-id is kept, echoed and logged; an invalid one is replaced", async ({ request }) => {
  const mine = `e2e-${Date.now()}`;
  const kept = await request.get("/api/health?probe=secret-query", { headers: { "x-request-id": mine } });
  expect(kept.headers()["x-request-id"]).toBe(mine);
  await expect.poll(() => logLines().find((l) => l.requestId === mine)).toMatchObject({ level: "info", msg: "request", method: "GET", path: "/api/health", status: kept.status() });
  expect(JSON.stringify(logLines().filter((l) => l.requestId === mine))).not.toContain("secret-query");

  const replaced = await request.get("/api/health", { headers: { "x-request-id": "not a token; <script>" } });
  expect(replaced.headers()["x-request-id"]).toMatch(UUID);

  const fresh = await request.get("/api/health");
  expect(fresh.headers()["x-request-id"]).toMatch(UUID);
  expect(fresh.headers()["x-request-id"]).not.toBe(replaced.headers()["x-request-id"]);
});
