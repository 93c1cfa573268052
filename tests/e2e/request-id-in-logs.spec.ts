import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";

// Issue 14: every request gets an id, echoed in the answer and on the request's JSON log line (the
// server's stdout, kept in E2E_LOG_FILE). The e2e server trusts no proxy (TRUSTED_PROXY_HOPS=0): a
// client's x-request-id is not taken as the id (it could reuse another's), only noted beside it.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function logLines(): Record<string, unknown>[] {
  const text = readFileSync(process.env.E2E_LOG_FILE!, "utf8");
  return text.split("\n").slice(0, -1).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

test("with no trusted proxy a client's x-request-id is noted, not taken; the server's own id is echoed and logged", async ({ request }) => {
  const mine = `e2e-${Date.now()}`;
  const answered = await request.get("/api/health?probe=secret-query", { headers: { "x-request-id": mine } });
  const id = answered.headers()["x-request-id"]!;
  expect(id).toMatch(UUID);
  await expect.poll(() => logLines().find((l) => l.requestId === id)).toMatchObject({ level: "info", msg: "request", method: "GET", path: "/api/health", status: answered.status(), clientRequestId: mine });
  expect(logLines().some((l) => l.requestId === mine)).toBe(false);
  expect(JSON.stringify(logLines().filter((l) => l.requestId === id))).not.toContain("secret-query");

  const replaced = await request.get("/api/health", { headers: { "x-request-id": "not a token; <script>" } });
  expect(replaced.headers()["x-request-id"]).toMatch(UUID);

  const fresh = await request.get("/api/health");
  expect(fresh.headers()["x-request-id"]).toMatch(UUID);
  expect(fresh.headers()["x-request-id"]).not.toBe(replaced.headers()["x-request-id"]);
});
