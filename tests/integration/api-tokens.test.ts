import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DELETE, GET, POST } from "@/app/api/v1/evaluate/route";
import { authenticateToken, issueApiToken, listApiTokens, revokeApiToken } from "@/lib/api-tokens/service";
import { db } from "@/lib/db";
import { evaluateRequest, type RequestFacts } from "@/lib/workflow";
import { useTestDatabase } from "../support/db";
import { createAccount, createUser } from "../support/factories";

useTestDatabase();

const asActor = (u: { id: string; role: string }) => ({ kind: "user" as const, id: u.id, role: u.role });
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const DAY = 86_400_000;
let n = 0;
const uniqueName = (base: string) => `${base} ${++n}`;

async function issue(name = uniqueName("Helpdesk")) {
  const admin = await createUser("admin");
  return { admin, token: await issueApiToken(asActor(admin), { name }) };
}

/** A premium SaaS account that owns group `<slug>` and project `<slug>/infra/api`, like the demo's Acme. */
async function premiumAccount() {
  const account = await createAccount();
  await db().ownedResource.createMany({
    data: [
      { accountId: account.id, kind: "group", path: account.slug, pathLower: account.slug },
      { accountId: account.id, kind: "project", path: `${account.slug}/infra/api`, pathLower: `${account.slug}/infra/api` },
      { accountId: account.id, kind: "user", path: "alice", pathLower: "alice", email: "alice@example.com" },
    ],
  });
  return account;
}

function threeDayBody(slug: string, over: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    account: slug,
    resources: [{ kind: "group", path: slug }, { kind: "project", path: `${slug}/infra/api` }],
    eventTypes: ["user_login"],
    logSources: ["application"],
    window: { from: new Date(now - 3 * DAY).toISOString(), to: new Date(now - 60_000).toISOString() },
    personalData: false,
    ...over,
  };
}

function post(body: unknown, opts: { token?: string | null; headers?: Record<string, string>; raw?: boolean } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json", ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  return POST(new Request("http://logdesk.test/api/v1/evaluate", { method: "POST", headers, body: opts.raw ? (body as string) : JSON.stringify(body) }));
}

/** The response's facts back as RequestFacts (its dates arrive as ISO strings). */
function reviveFacts(f: { requestedAt: string; window: { from: string; to: string } }): RequestFacts {
  return { ...f, requestedAt: new Date(f.requestedAt), window: { from: new Date(f.window.from), to: new Date(f.window.to) } } as RequestFacts;
}

describe("API tokens", () => {
  it("issuing stores only the SHA-256 and the first 8 characters, returns the secret once, and is logged without it", async () => {
    const { admin, token } = await issue("Zendesk");
    expect(token.secret).toMatch(/^ldk_[A-Za-z0-9_-]{43}$/);
    expect(token.prefix).toBe(token.secret.slice(0, 8));

    const row = await db().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row).toMatchObject({ name: "Zendesk", prefix: token.secret.slice(0, 8), tokenHash: sha256(token.secret), createdById: admin.id, revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(row)).not.toContain(token.secret.slice(8));

    const log = await db().activityLog.findFirstOrThrow({ where: { action: "apiToken.issue", entityId: token.id } });
    expect(log).toMatchObject({ actorId: admin.id, actorRole: "admin", entityType: "ApiToken", after: { name: "Zendesk", prefix: token.prefix } });
    expect(JSON.stringify({ ...log, id: String(log.id) })).not.toContain(token.secret.slice(8));

    const listed = (await listApiTokens()).find((t) => t.id === token.id);
    expect(listed).toEqual({ id: token.id, name: "Zendesk", prefix: token.prefix, createdBy: admin.name, createdAt: row.createdAt, lastUsedAt: null, revokedAt: null });
    expect(Object.keys(listed!)).not.toContain("tokenHash");
  });

  it("two issued tokens differ, and two active tokens cannot share a name", async () => {
    const { admin, token } = await issue("Freshdesk");
    await expect(issueApiToken(asActor(admin), { name: "freshdesk" })).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { name: [expect.stringMatching(/already has this name/)] } });
    await revokeApiToken(asActor(admin), token.id);
    const again = await issueApiToken(asActor(admin), { name: "Freshdesk" });
    expect(again.secret).not.toBe(token.secret);
  });

  it("authenticates the secret, and notes its use at most once a minute", async () => {
    const { token } = await issue();
    expect(await authenticateToken(token.secret)).toEqual({ id: token.id, name: token.name });
    const first = (await db().apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);

    await authenticateToken(token.secret);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toEqual(first);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: twoMinutesAgo } });
    await authenticateToken(token.secret);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime());
  });

  it.each([
    ["nothing", undefined, /Send an API token/],
    ["an empty string", "", /Send an API token/],
    ["a malformed secret", "not-a-token", /not valid/],
    ["a well-formed secret nobody issued", `ldk_${"A".repeat(43)}`, /not valid/],
  ])("refuses %s", async (_what, secret, message) => {
    await expect(authenticateToken(secret)).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(message) });
  });

  it("refuses the stored hash presented as the secret", async () => {
    const { token } = await issue();
    await expect(authenticateToken(sha256(token.secret))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("revoking refuses the token from then on; revoking again changes and logs nothing", async () => {
    const { admin, token } = await issue();
    const { revokedAt } = await revokeApiToken(asActor(admin), token.id);
    await expect(authenticateToken(token.secret)).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/revoked/) });

    const again = await revokeApiToken(asActor(admin), token.id);
    expect(again.revokedAt).toEqual(revokedAt);
    expect(await db().activityLog.count({ where: { action: "apiToken.revoke", entityId: token.id } })).toBe(1);
    const log = await db().activityLog.findFirstOrThrow({ where: { action: "apiToken.revoke", entityId: token.id } });
    expect(log).toMatchObject({ actorId: admin.id, before: { revokedAt: null }, after: { name: token.name, prefix: token.prefix } });

    const listed = await listApiTokens();
    expect(listed.find((t) => t.id === token.id)?.revokedAt).toEqual(revokedAt);
    // Active tokens are listed before revoked ones.
    const firstRevoked = listed.findIndex((t) => t.revokedAt);
    expect(listed.slice(firstRevoked).every((t) => t.revokedAt)).toBe(true);
  });

  it("revoking an unknown token is NOT_FOUND", async () => {
    const admin = await createUser("admin");
    await expect(revokeApiToken(asActor(admin), "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("POST /api/v1/evaluate", () => {
  it("a good token gets 200 with the decision evaluateRequest gives for the stored account, and the use is logged", async () => {
    const { token } = await issue();
    const account = await premiumAccount();
    const before = Date.now();
    // The slug is matched case-insensitively.
    const res = await post(threeDayBody(account.slug, { account: account.slug.toUpperCase() }), { token: token.secret });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body.decision).toMatchObject({ outcome: "eligible", route: "support", extended: false });
    expect(body.decision.checks).toHaveLength(7);

    // The same facts, built here from what we stored, give the same decision.
    const requestedAt = new Date(body.facts.requestedAt);
    expect(requestedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(requestedAt.getTime()).toBeLessThanOrEqual(Date.now());
    const sent = threeDayBody(account.slug);
    const expected: RequestFacts = {
      requestedAt,
      account: {
        plan: "premium",
        deployment: "saas",
        paying: true,
        supportPlan: "current",
        owned: [{ kind: "group", path: account.slug }, { kind: "project", path: `${account.slug}/infra/api` }, { kind: "user", path: "alice" }],
      },
      resources: sent.resources as RequestFacts["resources"],
      eventTypes: ["user_login"],
      logSources: ["application"],
      window: { from: new Date(body.facts.window.from), to: new Date(body.facts.window.to) },
      personalData: false,
    };
    // The answer leaves out what the account owns (issue 12, finding 10); the decision was made with it.
    const { owned: _owned, ...answeredAccount } = expected.account;
    expect(reviveFacts(body.facts)).toEqual({ ...expected, account: answeredAccount });
    expect(body.decision).toEqual(JSON.parse(JSON.stringify(evaluateRequest(expected))));

    const log = await db().activityLog.findFirstOrThrow({ where: { action: "api.evaluate", entityId: account.id } });
    expect(log).toMatchObject({ actorId: token.id, actorRole: "token", entityType: "Account", after: { outcome: "eligible", route: "support", policyVersion: body.decision.policyVersion } });
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).not.toBeNull();
  });

  // Issue 12, finding 10: the answer echoed every resource and user (with email) the account owns.
  it("answers only the decision and what the caller sent: nothing the account owns beyond it", async () => {
    const { token } = await issue();
    const account = await premiumAccount();
    const sent = threeDayBody(account.slug, { resources: [{ kind: "project", path: `${account.slug}/infra/api` }] });
    const body = await (await post(sent, { token: token.secret })).json();
    expect(Object.keys(body).sort()).toEqual(["decision", "facts"]);
    expect(body.facts.account).toEqual({ plan: "premium", deployment: "saas", paying: true, supportPlan: "current" });
    expect(body.facts.resources).toEqual(sent.resources);
    const text = JSON.stringify(body);
    expect(text).not.toContain("alice");
    expect(text).not.toContain("owned");
    expect(text).not.toContain(`"path":"${account.slug}"`);
  });

  it("answers a business 'no' with 200 and the reasons", async () => {
    const { token } = await issue();
    const account = await premiumAccount();
    const res = await post(threeDayBody(account.slug, { resources: [{ kind: "project", path: "globex/api" }], logSources: ["access"] }), { token: token.secret });
    expect(res.status).toBe(200);
    const { decision } = await res.json();
    expect(decision.outcome).toBe("ineligible");
    expect(decision.checks.find((c: { id: string }) => c.id === "ownership")).toMatchObject({ result: "fail", message: expect.stringContaining("globex/api") });
  });

  /** Puts a settings version with `policy` in force (Admin -> Settings writes them); returns its number. */
  async function policyVersion(policy: Record<string, unknown>) {
    const top = await db().settingsVersion.findFirstOrThrow({ orderBy: { version: "desc" } });
    const version = top.version + 1;
    await db().settingsVersion.create({ data: { version, internalHosts: top.internalHosts as string[], productHosts: top.productHosts as string[], policy: { ...(top.policy as object), ...policy } as object } });
    return version;
  }

  it("uses the policy values of the settings in force, merged onto the defaults", async () => {
    const { token } = await issue();
    const account = await premiumAccount();
    const version = await policyVersion({ standardWindowDays: 2, waived: ["plan"] });
    try {
      const { decision } = await (await post(threeDayBody(account.slug), { token: token.secret })).json();
      expect(decision).toMatchObject({ outcome: "eligible", route: "sirt", extended: true });
      // A global waiver would bypass Legal: it is ignored.
      expect(decision.policyVersion).toBe("rules-1:window=1mo,standard=2d,resources=20,events=10,support=5,waived=none");
    } finally {
      await db().settingsVersion.delete({ where: { version } });
    }
  });

  it("a broken stored policy is a 500 with a reference, never a stack trace", async () => {
    const { token } = await issue();
    const account = await premiumAccount();
    const version = await policyVersion({ maxResources: -1 });
    try {
      const res = await post(threeDayBody(account.slug), { token: token.secret });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: expect.stringMatching(/reference ERR-/) } });
      expect(text).not.toMatch(/\bat \w|\.ts:|stack/i);
    } finally {
      await db().settingsVersion.delete({ where: { version } });
    }
  });

  it.each([
    ["no Authorization header", null, {}, /Send an API token/, 'Bearer realm="logdesk"'],
    ["another scheme", null, { Authorization: "Basic YWRtaW46cGFzcw==" }, /Send an API token/, 'Bearer realm="logdesk"'],
    ["an unknown token", `ldk_${"B".repeat(43)}`, {}, /not valid/, 'Bearer realm="logdesk", error="invalid_token"'],
  ])("%s is 401 with a Bearer challenge", async (_what, secret, headers, message, challenge) => {
    const account = await premiumAccount();
    const res = await post(threeDayBody(account.slug), { token: secret, headers });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(challenge);
    expect(await res.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.stringMatching(message) } });
  });

  it("a revoked token is 401, and nothing is evaluated or logged for it", async () => {
    const { admin, token } = await issue();
    const account = await premiumAccount();
    await revokeApiToken(asActor(admin), token.id);
    const res = await post(threeDayBody(account.slug), { token: token.secret });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("invalid_token");
    expect((await res.json()).error.message).toMatch(/revoked/);
    expect(await db().activityLog.count({ where: { action: "api.evaluate", entityId: account.id } })).toBe(0);
  });

  it("bad JSON is 400", async () => {
    const { token } = await issue();
    const res = await post("{ not json", { token: token.secret, raw: true });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "VALIDATION", message: "The request body is not valid JSON." } });
  });

  it("a body that breaks the schema is 400 with a message per field", async () => {
    const { token } = await issue();
    const res = await post(
      { account: "", resources: [{ kind: "namespace", path: "acme" }], eventTypes: "user_login", logSources: ["syslog"], window: { from: "yesterday", to: "2026-03-01T00:00:00Z" }, personalData: "no", requestedAt: "2020-01-01T00:00:00Z" },
      { token: token.secret },
    );
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fields).sort()).toEqual(["_form", "account", "eventTypes", "logSources.0", "personalData", "resources.0.kind", "window.from"]);
    expect(error.fields["window.from"]).toEqual([expect.stringMatching(/ISO 8601/)]);
    expect(error.fields._form).toEqual([expect.stringMatching(/Unknown field: requestedAt/)]);
  });

  it("an unknown account is 404 and names the field", async () => {
    const { token } = await issue();
    const res = await post(threeDayBody("no-such-account"), { token: token.secret });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: 'Unknown account "no-such-account".', fields: { account: ["No customer account has this slug."] } } });
  });

  it("refusals are recorded as security events: a bad token (never the token itself) and an unknown account (with the token's id)", async () => {
    const { token } = await issue();
    const before = await db().securityEvent.count();
    await post(threeDayBody("no-such-account"), { token: `ldk_${"C".repeat(43)}` });
    await post(threeDayBody("no-such-account"), { token: token.secret });
    const events = await db().securityEvent.findMany({ orderBy: { id: "asc" }, skip: before });
    expect(events).toMatchObject([
      { kind: "refused", target: "route:POST /api/v1/evaluate", outcome: "UNAUTHENTICATED", detail: { token: "presented" } },
      { kind: "refused", target: "route:POST /api/v1/evaluate", outcome: "NOT_FOUND", detail: { token: token.id } },
    ]);
    expect(JSON.stringify(events.map((e) => ({ ...e, id: String(e.id) })))).not.toContain("CCCC");
  });

  it("a body over 64 KB is 413, whether or not its length is declared", async () => {
    const { token } = await issue();
    const account = await premiumAccount();
    const huge = threeDayBody(account.slug, { eventTypes: Array.from({ length: 4000 }, (_, i) => `event_type_number_${i}`) });
    const streamed = await post(huge, { token: token.secret });
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
    const declared = await post(threeDayBody(account.slug), { token: token.secret, headers: { "Content-Length": String(10 * 1024 * 1024) } });
    expect(declared.status).toBe(413);
  });

  it("other methods are 405 with Allow: POST", async () => {
    for (const handler of [GET, DELETE]) {
      const res = handler();
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
      expect((await res.json()).error.code).toBe("METHOD_NOT_ALLOWED");
    }
  });
});
