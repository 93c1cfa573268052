import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/evaluate/route";
import { issueApiToken } from "@/lib/api-tokens/service";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createAccount, createUser } from "../support/factories";

// Issue 12, finding 6: a NUL byte or a year-0 date sent to POST /api/v1/evaluate was an HTTP 500.
// Now a 400 naming the field, and nothing is evaluated or logged.
useTestDatabase();

async function setUp() {
  const admin = await createUser("admin");
  const token = await issueApiToken({ kind: "user", id: admin.id, role: admin.role }, { name: `Hostile ${Math.random()}` });
  const account = await createAccount();
  return { token: token.secret, account };
}

function post(token: string, body: unknown) {
  return POST(new Request("http://logdesk.test/api/v1/evaluate", { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: JSON.stringify(body) }));
}

const body = (slug: string, over: Record<string, unknown> = {}) => ({
  account: slug,
  resources: [{ kind: "group", path: slug }],
  eventTypes: ["user_login"],
  logSources: ["application"],
  window: { from: "2026-03-01T00:00:00Z", to: "2026-03-03T00:00:00Z" },
  personalData: false,
  ...over,
});

describe("POST /api/v1/evaluate refuses hostile input with a 400", () => {
  it.each([
    ["a NUL in a path", (slug: string) => ({ resources: [{ kind: "group", path: `${slug}\u0000` }] }), "resources.0.path"],
    ["a NUL in an event type", () => ({ eventTypes: ["user\u0000login"] }), "eventTypes.0"],
    ["a NUL in the account", (slug: string) => ({ account: `${slug}\u0000` }), "account"],
    ["a window starting in year 0", () => ({ window: { from: "0000-01-01T00:00:00Z", to: "2026-03-03T00:00:00Z" } }), "window.from"],
    ["a window ending in year 275760", () => ({ window: { from: "2026-03-01T00:00:00Z", to: "+275760-09-13T00:00:00Z" } }), "window.to"],
  ])("%s", async (_name, over, field) => {
    const { token, account } = await setUp();
    const res = await post(token, body(account.slug, over(account.slug)));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fields)).toContain(field);
    expect(await db().activityLog.count({ where: { action: "api.evaluate", entityId: account.id } })).toBe(0);
  });
});
