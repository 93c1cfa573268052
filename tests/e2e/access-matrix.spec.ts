// The access matrix (issue 12): every identity against every server action (called by direct POST,
// without the page), every route handler and every page of the production build, over HTTP only.
// Generated from the permission table (lib/auth/permissions.ts), ACTION_RULES and PAGE_RULES /
// ROUTE_RULES, and from the build's own lists of actions and paths, so an action, page or route
// added without a rule fails here. It creates its own cases and its own (deactivated) staff member
// through the portal's actions and touches no other spec's data.
import { request as playwrightRequest, test, expect, type APIRequestContext } from "@playwright/test";
import { ACTION_RULES, PUBLIC, permissionsOf, type ActionRule } from "../../lib/auth/action-rules";
import { API_TOKEN, METRICS_TOKEN, PAGE_RULES, ROUTE_RULES, SIGNED_IN, type PageRule, type RouteRule } from "../../lib/auth/page-rules";
import { can, ROLES, type Role } from "../../lib/auth/permissions";
import { staff } from "./fixtures";
import { appPaths, callAction, serverActions, urlOf, type ActionAnswer } from "./server-actions";

const baseURL = `http://localhost:${process.env.E2E_PORT}`;
const ACTIONS = serverActions();
const NO_RECORD = "00000000-0000-4000-8000-000000000000";
const DAY = 86_400_000;

type Identity = { name: string; role: Role | null; kind: "staff" | "signed-out" | "deactivated" | "signed-out-cookie"; api: APIRequestContext };
const identities: Identity[] = [];
const ids: Record<string, string> = {};
const as = (role: Role) => identities.find((i) => i.role === role && i.kind === "staff")!;

/** Runs `fn` over `items`, a few at a time (the server and this machine are small). */
async function pool<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, size = 4): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

async function signedIn(email: string, password: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await api.post("/api/auth/callback/credentials", { form: { email, password, csrfToken, json: "true" }, maxRedirects: 0 });
  const url = new URL(((await res.json()) as { url: string }).url, baseURL);
  expect(url.searchParams.get("error"), `sign-in of ${email}`).toBeNull();
  return api;
}

/** A signed-in context's cookies in a fresh context (the copy a thief would keep). */
async function copyOf(api: APIRequestContext): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, storageState: await api.storageState() });
}

const act = (who: Identity, name: string, args: unknown[], params?: Record<string, string>) => {
  const action = ACTIONS.get(name);
  if (!action) throw new Error(`${name} is not a server action of this build`);
  return callAction(who.api, action, args, { baseURL, params });
};

/** The ActionResult of a call, failing with the raw answer when there is none. */
function resultOf(a: ActionAnswer, label: string) {
  expect(a.result, `${label}: HTTP ${a.status}, no ActionResult in: ${a.body.slice(0, 300)}`).not.toBeNull();
  return a.result!;
}

async function okData<T>(a: Promise<ActionAnswer>, label: string): Promise<T> {
  const r = resultOf(await a, label);
  expect(r, label).toMatchObject({ ok: true });
  return r.data as T;
}

const draftOf = (accountId: string, personalData: boolean, project = "acme/infra/api") => {
  const end = Date.now() - 5 * 60_000;
  return {
    accountId,
    requesterName: "Matrix Customer",
    requesterEmail: "matrix@customer.example",
    summary: "Access matrix: a token was used from an unknown location.",
    resources: [{ kind: "project", path: project }],
    eventTypes: ["personal_access_token_created"],
    logSources: ["application"],
    windowFrom: new Date(end - 2 * DAY).toISOString(),
    windowTo: new Date(end).toISOString(),
    personalData,
  };
};

// One worker runs the file in order (the project is not fully parallel); a failed test does not skip the rest.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  for (const role of ROLES) identities.push({ name: role, role, kind: "staff", api: await signedIn(staff(role).email, staff(role).password) });
  identities.push({ name: "signed-out", role: null, kind: "signed-out", api: await playwrightRequest.newContext({ baseURL }) });

  // A signed-out cookie: signed in, kept, then signed out on the server.
  const leaver = await signedIn(staff("support").email, staff("support").password);
  const kept = await copyOf(leaver);
  const { csrfToken } = (await (await leaver.get("/api/auth/csrf")).json()) as { csrfToken: string };
  expect((await leaver.post("/api/auth/signout", { form: { csrfToken, json: "true" } })).ok()).toBe(true);
  identities.push({ name: "signed-out cookie", role: "support", kind: "signed-out-cookie", api: kept });

  // A deactivated staff member: invited by Admin, accepted, signed in, then deactivated.
  const admin = as("admin");
  const email = `matrix-${Date.now()}@logdesk.test`;
  const invited = await okData<{ id: string; link: string | null }>(act(admin, "inviteStaffAction", [{ email, name: "Matrix Leaver", role: "support" }]), "invite");
  expect(invited.link, "the e2e server signs in with passwords, so an invitation carries its link").toBeTruthy();
  const token = new URL(invited.link!, baseURL).pathname.split("/").pop()!;
  const password = "matrix-leaver-pass-1";
  await okData(act(identities.find((i) => i.kind === "signed-out")!, "acceptInviteAction", [{ token, password, confirm: password }], { token }), "accept invite");
  const leaverApi = await signedIn(email, password);
  await okData(act(admin, "setActiveAction", [{ userId: invited.id, active: false }]), "deactivate");
  identities.push({ name: "deactivated", role: "support", kind: "deactivated", api: leaverApi });
  ids.deactivatedUser = invited.id;

  // Cases of its own: a draft, a case routed to Support with an artefact in review, one routed to SIRT.
  const support = as("support");
  const newPage = await (await support.api.get("/cases/new")).text();
  const acme = /<option value="([0-9a-f-]{36})"[^>]*>Acme Corporation/.exec(newPage)?.[1];
  expect(acme, "the intake form lists Acme").toBeTruthy();
  ids.account = acme!;
  const file = async (who: Identity, personalData: boolean, accountId = acme!, project?: string) => {
    const saved = await okData<{ id: string; version: number }>(act(who, "saveDraftAction", [{ draft: draftOf(accountId, personalData, project) }]), "save draft");
    const submitted = await okData<{ status: string }>(act(who, "submitCaseAction", [{ id: saved.id, version: saved.version }]), "submit");
    return { id: saved.id, status: submitted.status };
  };
  ids.draft = (await okData<{ id: string }>(act(support, "saveDraftAction", [{ draft: draftOf(acme!, false) }]), "draft")).id;
  // Support's case, and SIRT's filed by the CSM (so Support, not its author, does not see it).
  const supportCase = await file(support, false);
  const sirtCase = await file(as("csm"), true);
  ids.supportCase = supportCase.id;
  ids.sirtCase = sirtCase.id;
  // A case on Acme-X, an account the demo CSM does not manage.
  const acmeX = /<option value="([0-9a-f-]{36})"[^>]*>Acme-X/i.exec(newPage)?.[1];
  expect(acmeX, "the intake form lists Acme-X").toBeTruthy();
  ids.otherAccountCase = (await file(support, false, acmeX!, "acme-x/robots")).id;
  // Each team uploads an extract to its case once the step-5 checklist is ticked (by the case's author);
  // once redacted it is in review, and SIRT and Legal see Support's case, Legal SIRT's.
  const lines = Array.from({ length: 20 }, (_, i) =>
    JSON.stringify({ time: new Date(Date.now() - DAY - i * 60_000).toISOString(), severity: "INFO", project_path: "acme/infra/api", meta: { user: "alice" }, message: `matrix line ${i}` }),
  ).join("\n");
  const upload = async (author: Identity, team: Identity, caseId: string) => {
    for (const item of ["identity", "ownership", "plan", "scope", "audit-events", "no-customer-access"]) {
      await okData(act(author, "setVerificationAction", [{ id: caseId, item, checked: true }]), `tick ${item}`);
    }
    const up = await team.api.post(`/api/cases/${caseId}/artefacts?filename=matrix.log`, { headers: { "x-logdesk-upload": "1", "content-type": "application/octet-stream" }, data: Buffer.from(`${lines}\n`) });
    expect(up.status(), await up.text()).toBe(201);
    const id = ((await up.json()) as { id: string }).id;
    await expect.poll(async () => ((await (await team.api.get(`/api/artefacts/${id}`)).json()) as { status: string }).status, { timeout: 60_000 }).toBe("in_review");
    return id;
  };
  [ids.supportArtefact, ids.sirtArtefact] = await Promise.all([upload(support, support, ids.supportCase), upload(as("csm"), as("sirt"), ids.sirtCase)]);
});

test.afterAll(async () => {
  await Promise.all(identities.map((i) => i.api.dispose()));
});

// ---------------------------------------------------------------------------------------------
// The lists agree: every action, page and route of the build has a rule, and every rule a target.

test("every server action of the build has a rule in ACTION_RULES, and every rule an action", () => {
  expect([...ACTIONS.keys()].filter((n) => !(n in ACTION_RULES)), "actions without a rule").toEqual([]);
  expect(Object.keys(ACTION_RULES).filter((n) => !ACTIONS.has(n)), "rules without an action").toEqual([]);
});

test("every page and route handler of the build has a rule in lib/auth/page-rules.ts", () => {
  const { pages, routes } = appPaths();
  expect(pages.filter((p) => !(p in PAGE_RULES)), "pages without a rule").toEqual([]);
  expect(routes.filter((r) => !(r in ROUTE_RULES)), "routes without a rule").toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Server actions: one test per action, every identity in it.

const GARBAGE: unknown[][] = [[{}], ["garbage"], [{ id: "../../etc", userId: 7, email: ["x"], token: null }]];
const allowed = (rule: ActionRule, role: Role) => rule === PUBLIC || permissionsOf(rule).some((p) => can(role, p));

for (const [name, rule] of Object.entries(ACTION_RULES) as [string, ActionRule][]) {
  test(`action ${name} (${rule === PUBLIC ? "public" : permissionsOf(rule).join(" or ")})`, async () => {
    await pool(identities, async (who) => {
      const label = `${name} as ${who.name}`;
      if (rule === PUBLIC) {
        // The invitation token is the authorization: a made-up one is refused, whoever asks.
        const r = resultOf(await act(who, name, [{ token: "x".repeat(43), password: "matrix-pass-123456", confirm: "matrix-pass-123456" }], { token: "x".repeat(43) }), label);
        expect(r.ok, label).toBe(false);
        expect(["NOT_FOUND", "VALIDATION", "INVALID_STATE"], label).toContain(r.code);
        return;
      }
      if (who.kind !== "staff") {
        for (const args of GARBAGE.slice(0, 2)) {
          const a = await act(who, name, args);
          const r = resultOf(a, label);
          expect(r, label).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
          expect(r.fieldErrors, label).toBeUndefined();
        }
        return;
      }
      if (!allowed(rule, who.role!)) {
        for (const args of GARBAGE) {
          const r = resultOf(await act(who, name, args), label);
          expect(r, `${label} ${JSON.stringify(args)}`).toMatchObject({ ok: false, code: "FORBIDDEN" });
          expect(r.fieldErrors, `${label}: a refused role learns nothing of the fields`).toBeUndefined();
        }
        return;
      }
      // Past the gate: the input is read (a string is no action's input), nothing else happens.
      if (name === "signOutEverywhereAction") return; // takes no input: it would end this identity's sessions (sessions.test.ts and the sign-out spec cover it)
      const r = resultOf(await act(who, name, ["garbage"]), label);
      expect(r, `${label} gets past the role check to the input`).toMatchObject({ ok: false, code: "VALIDATION" });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Pages and route handlers.

type PageAnswer = "ok" | "not-found" | "signin" | "any" | { redirect: RegExp };

/**
 * What opening a page answers `who`, from PAGE_RULES: a public page anything but an error, a
 * signed-out identity the sign-in page, a role without the permission the 404 page; case pages
 * are opened on the matrix's Support case (its artefact in review: Support, the CSM of Acme, SIRT
 * and Legal see it), whose state no longer allows a change of scope (the edit page sends back to it).
 */
function expectedPage(p: string, rule: PageRule, who: Identity): PageAnswer {
  if (rule === PUBLIC) return "any";
  if (who.kind !== "staff") return "signin";
  if (rule !== SIGNED_IN && !can(who.role!, rule)) return "not-found";
  if (p === "/") return { redirect: /^\/cases$/ };
  if (p.startsWith("/cases/[id]")) {
    if (!["support", "csm", "sirt", "legal"].includes(who.role!)) return "not-found";
    if (p === "/cases/[id]/edit") return { redirect: new RegExp(`^/cases/${ids.supportCase}$`) };
  }
  return "ok";
}

test("every page answers each identity as the table says (no content for a role without the permission)", async () => {
  const cells = Object.entries(PAGE_RULES).flatMap(([p, rule]) => identities.map((who) => ({ p, rule: rule as PageRule, who })));
  const failures: string[] = [];
  await pool(cells, async ({ p, rule, who }) => {
    const url = urlOf(p, { id: p.startsWith("/admin") ? ids.account! : ids.supportCase!, artefactId: ids.supportArtefact!, token: "x".repeat(43) });
    const res = await who.api.get(url, { maxRedirects: 0 });
    const status = res.status();
    const location = (res.headers()["location"] ?? "").replace(baseURL, "");
    const body = status === 200 || status === 404 ? await res.text() : "";
    const got = status === 200 ? "ok" : status === 404 ? "not-found" : status >= 300 && status < 400 && /^\/signin/.test(location) ? "signin" : `HTTP ${status} ${location}`;
    const want = expectedPage(p, rule, who);
    const label = `${url} as ${who.name}`;
    if (want === "any") {
      if (status >= 500) failures.push(`${label}: HTTP ${status}`);
    } else if (typeof want === "object") {
      if (!(status >= 300 && status < 400 && want.redirect.test(location))) failures.push(`${label}: wanted a redirect to ${want.redirect}, got ${got}`);
    } else if (got !== want) {
      failures.push(`${label}: wanted ${want}, got ${got}`);
    }
    // The 404 page shows nothing of the case or of Admin's pages.
    if (want === "not-found" && /Matrix Customer|Acme Corporation|matrix\.log/.test(body)) failures.push(`${label}: the 404 page shows content`);
  });
  expect(failures).toEqual([]);
});

test("every route handler answers each identity as the table says", async () => {
  const failures: string[] = [];
  const routeCalls: Record<string, (api: APIRequestContext) => Promise<number>> = {
    "/api/health": async (api) => (await api.get("/api/health")).status(),
    "/api/health/db": async (api) => (await api.get("/api/health/db")).status(),
    "/api/release-key": async (api) => (await api.get("/api/release-key")).status(),
    "/api/auth/[...nextauth]": async (api) => (await api.get("/api/auth/session")).status(),
    "/api/v1/evaluate": async (api) => (await api.post("/api/v1/evaluate", { data: {} })).status(),
    "/api/v1/openapi.json": async (api) => (await api.get("/api/v1/openapi.json")).status(),
    "/api/metrics": async (api) => (await api.get("/api/metrics")).status(),
    "/api/artefacts/[id]": async (api) => (await api.get(`/api/artefacts/${ids.supportArtefact}`)).status(),
    "/api/artefacts/[id]/download": async (api) => (await api.get(`/api/artefacts/${ids.supportArtefact}/download`)).status(),
    "/api/artefacts/[id]/shares/[shareId]/manifest": async (api) => (await api.get(`/api/artefacts/${ids.supportArtefact}/shares/${NO_RECORD}/manifest`)).status(),
    "/api/activity/export": async (api) => (await api.get("/api/activity/export?action=matrix")).status(),
    "/api/activity/checkpoints": async (api) => (await api.get("/api/activity/checkpoints")).status(),
    "/api/security-events/export": async (api) => (await api.get("/api/security-events/export?kind=refused")).status(),
    "/api/gaps/export.csv": async (api) => (await api.get("/api/gaps/export.csv")).status(),
    "/api/gaps/export.json": async (api) => (await api.get("/api/gaps/export.json")).status(),
    "/api/event-types": async (api) => (await api.get("/api/event-types")).status(),
    "/api/cases/filter-options": async (api) => (await api.get("/api/cases/filter-options")).status(),
    "/api/accounts/search": async (api) => (await api.get("/api/accounts/search?q=acme")).status(),
    "/api/cases/[id]/report.pdf": async (api) => (await api.get(`/api/cases/${ids.sirtCase}/report.pdf`)).status(),
    "/api/cases/export": async (api) => (await api.get("/api/cases/export?status=accepted")).status(),
    "/api/updates/export": async (api) => (await api.get("/api/updates/export?scope=team")).status(),
    "/api/reports/[chart]": async (api) => (await api.get("/api/reports/outcomes.csv")).status(),
    "/api/cases/[id]/artefacts": async (api) =>
      (await api.post(`/api/cases/${ids.sirtCase}/artefacts?filename=x.log`, { headers: { "x-logdesk-upload": "1" }, data: Buffer.from("x\n") })).status(),
  };
  expect(Object.keys(routeCalls).sort()).toEqual(Object.keys(ROUTE_RULES).sort());
  const cells = Object.entries(ROUTE_RULES).flatMap(([r, rule]) => identities.map((who) => ({ r, rule: rule as RouteRule, who })));
  await pool(cells, async ({ r, rule, who }) => {
    const status = await routeCalls[r]!(who.api);
    const label = `${r} as ${who.name}`;
    if (rule === PUBLIC) {
      if (status !== 200) failures.push(`${label}: wanted 200, got ${status}`);
    } else if (rule === API_TOKEN) {
      if (status !== 401) failures.push(`${label}: a session is no API token, wanted 401, got ${status}`);
    } else if (rule === METRICS_TOKEN) {
      // This server has no METRICS_TOKEN: the route is off, whoever asks (tests/e2e/metrics.spec.ts sets one).
      if (status !== 404) failures.push(`${label}: no METRICS_TOKEN configured, wanted 404, got ${status}`);
    } else if (who.kind !== "staff") {
      if (status !== 401) failures.push(`${label}: wanted 401, got ${status}`);
    } else if (rule !== SIGNED_IN && !can(who.role!, rule)) {
      if (![403, 404].includes(status)) failures.push(`${label}: no ${rule}, wanted 403/404, got ${status}`);
    } else if (status === 401 || status >= 500) {
      failures.push(`${label}: wanted past the gate, got ${status}`);
    }
  });
  expect(failures).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Case states and other teams' ids.

test("finding 3: SIRT reads Support's case while its artefact is in review, but writes nothing to it", async () => {
  const sirt = as("sirt");
  expect((await sirt.api.get(`/cases/${ids.supportCase}`, { maxRedirects: 0 })).status()).toBe(200);
  const version = 1;
  for (const [name, input] of [
    ["addEntryAction", { caseId: ids.supportCase, kind: "finding", visibility: "internal", body: "SIRT writing on Support's case" }],
    ["recordIncidentImpactAction", { id: ids.supportCase, version }],
    ["changeScopeAction", { id: ids.supportCase, version, draft: draftOf(ids.account!, false) }],
    ["withdrawArtefactAction", { artefactId: ids.supportArtefact, version, reason: "SIRT withdrawing Support's artefact" }],
    ["redactAgainAction", { artefactId: ids.supportArtefact, version }],
    ["redactAgainWithNewSettingsAction", { artefactId: ids.supportArtefact, version }],
  ] as const) {
    const r = resultOf(await act(sirt, name, [input]), name);
    expect(r, `${name} as SIRT on Support's case`).toMatchObject({ ok: false, code: "FORBIDDEN" });
  }
  // Nothing of it landed: Support's case page shows no entry of SIRT's, and the artefact is still in review.
  const page = await (await as("support").api.get(`/cases/${ids.supportCase}`)).text();
  expect(page).toContain("matrix.log");
  expect(page).not.toContain("SIRT writing on Support");
  expect(((await (await as("support").api.get(`/api/artefacts/${ids.supportArtefact}`)).json()) as { status: string }).status).toBe("in_review");
});

test("another team's ids are not found: actions, pages and routes", async () => {
  const support = as("support");
  const legal = as("legal");
  const sirt = as("sirt");
  const failures: string[] = [];
  // Support on SIRT's case, SIRT and the CSM on Support's draft and on a case of an account the CSM does not manage.
  const tries: [Identity, string, unknown][] = [
    [support, "addEntryAction", { caseId: ids.sirtCase, kind: "note", visibility: "internal", body: "Support on SIRT's case" }],
    [support, "recordIncidentImpactAction", { id: ids.sirtCase, version: 1 }],
    [support, "changeScopeAction", { id: ids.sirtCase, version: 1, draft: draftOf(ids.account!, false) }],
    [support, "assignCaseAction", { id: ids.sirtCase, version: 1, assigneeId: null }],
    [support, "setVerificationAction", { id: ids.sirtCase, item: "identity", checked: true }],
    [support, "requestExceptionAction", { id: ids.sirtCase, version: 1, reason: "Support asking on SIRT's case" }],
    [as("csm"), "discardDraftAction", { id: ids.draft }],
    [as("csm"), "addEntryAction", { caseId: ids.otherAccountCase, kind: "note", visibility: "internal", body: "CSM on an account it does not manage" }],
    [as("csm"), "recordCostNoticeAction", { id: ids.otherAccountCase, version: 1, estimate: "USD 1,000, a day" }],
    [as("csm"), "submitCaseAction", { id: ids.draft, version: 1 }],
    [sirt, "addEntryAction", { caseId: ids.draft, kind: "note", visibility: "internal", body: "SIRT on a draft" }],
    [legal, "decideArtefactAction", { artefactId: NO_RECORD, version: 1, decision: "rejected", comment: "No such artefact" }],
  ];
  await pool(tries, async ([who, name, input]) => {
    const r = resultOf(await act(who, name, [input]), name);
    if (r.code !== "NOT_FOUND") failures.push(`${name} as ${who.name}: wanted NOT_FOUND, got ${r.code} ${r.error}`);
  });
  for (const [who, url] of [
    [support, `/cases/${ids.sirtCase}`],
    [support, `/cases/${ids.sirtCase}/edit`],
    [legal, `/cases/${ids.otherAccountCase}`],
    [support, `/cases/${ids.sirtCase}/artefacts/${ids.sirtArtefact}`],
    [as("admin"), `/cases/${ids.supportCase}`],
    [sirt, `/cases/${ids.draft}`],
    [as("csm"), `/cases/${ids.draft}`],
    [as("csm"), `/cases/${ids.otherAccountCase}`],
    [sirt, `/cases/${ids.otherAccountCase}`],
    [support, `/cases/${ids.sirtCase}/artefacts/${ids.supportArtefact}`],
  ] as const) {
    const s = (await who.api.get(url, { maxRedirects: 0 })).status();
    if (s !== 404) failures.push(`${url} as ${who.name}: wanted 404, got ${s}`);
  }
  for (const [who, method, url] of [
    [support, "get", `/api/artefacts/${ids.sirtArtefact}`],
    [support, "get", `/api/artefacts/${ids.sirtArtefact}/download`],
    [support, "get", `/api/artefacts/${ids.sirtArtefact}/shares/${NO_RECORD}/manifest`],
    [support, "get", `/api/artefacts/${NO_RECORD}`],
    [support, "get", `/api/artefacts/${ids.supportArtefact}/shares/${NO_RECORD}/manifest`],
    [support, "post", `/api/cases/${ids.sirtCase}/artefacts?filename=x.log`],
    [support, "get", `/api/cases/${ids.sirtCase}/report.pdf?internal=1`],
  ] as const) {
    const res = method === "get" ? await who.api.get(url) : await who.api.post(url, { headers: { "x-logdesk-upload": "1" }, data: Buffer.from("x\n") });
    if (res.status() !== 404) failures.push(`${method.toUpperCase()} ${url} as ${who.name}: wanted 404, got ${res.status()}`);
  }
  expect(failures).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Every action that takes an id, by what the id names; an action added to ACTION_RULES must be
// placed here too (or in NO_ID), so it is tried with ids its caller may not see.

const CASE_ID_ACTIONS: Record<string, (caseId: string) => unknown> = {
  saveDraftAction: (id) => ({ id, version: 1, draft: draftOf(ids.account!, false) }),
  discardDraftAction: (id) => ({ id }),
  submitCaseAction: (id) => ({ id, version: 1 }),
  changeScopeAction: (id) => ({ id, version: 1, draft: draftOf(ids.account!, false) }),
  requestExceptionAction: (id) => ({ id, version: 1, reason: "An exception asked on a case the caller does not see." }),
  recordCostNoticeAction: (id) => ({ id, version: 1, estimate: "USD 1,000, about a day" }),
  acceptCostNoticeAction: (id) => ({ id, version: 1, noticeId: NO_RECORD, acceptedAt: new Date().toISOString() }),
  setVerificationAction: (id) => ({ id, item: "identity", checked: true }),
  overrideVerificationAction: (id) => ({ id, reason: "An override on a case the caller does not see." }),
  addEntryAction: (caseId) => ({ caseId, kind: "note", visibility: "internal", body: "On a case the caller does not see" }),
  relayEntryAction: (caseId) => ({ caseId, entryId: NO_RECORD, channel: "email" }),
  recordIncidentImpactAction: (id) => ({ id, version: 1 }),
  recordCustomerNotifiedAction: (id) => ({ id, version: 1, text: "A notice long enough to pass the schema's forty characters.", sentAt: new Date().toISOString() }),
  assignCaseAction: (id) => ({ id, version: 1, assigneeId: null }),
  setPriorityAction: (id) => ({ id, version: 1, priority: 2 }),
  markNeedsRescopeAction: (id) => ({ id, version: 1, reason: "Narrow it: a case the caller does not see." }),
  closeCaseAction: (id) => ({ id, version: 1, resolution: "withdrawn", note: "Withdrawn on a case the caller does not see." }),
  reopenCaseAction: (id) => ({ id, version: 1, reason: "Reopened on a case the caller does not see." }),
  recordGapAction: (caseId) => ({ caseId, noGap: false, eventTypes: ["user_email_changed"], neededFor: "On a case the caller does not see." }),
  retryGapFilingAction: (caseId) => ({ caseId }),
};
const ARTEFACT_ID_ACTIONS: Record<string, (artefactId: string) => unknown> = {
  decideArtefactAction: (artefactId) => ({ artefactId, version: 1, decision: "rejected", comment: "Rejected by someone who cannot see it." }),
  redactAgainAction: (artefactId) => ({ artefactId, version: 1 }),
  shareArtefactAction: (artefactId) => ({ artefactId, version: 1, recipient: "dana@customer.example", channel: "email" }),
  withdrawArtefactAction: (artefactId) => ({ artefactId, version: 1, reason: "Withdrawn by someone who cannot see it" }),
  redactAgainWithNewSettingsAction: (artefactId) => ({ artefactId, version: 1 }),
  proposeInternalHostAction: (artefactId) => ({ artefactId, host: "build.internal.example", reason: "" }),
};
/** Actions on other records (staff, accounts, settings, exceptions, referrals) or none: Admin's own, Legal's decisions, the public invite. */
const NO_ID = [
  "inviteStaffAction", "changeRoleAction", "setActiveAction", "setTeamLeadAction", "revokeSessionsAction", "issueApiTokenAction", "revokeApiTokenAction",
  "createAccountAction", "updateAccountAction", "addResourceAction", "removeResourceAction", "setManagersAction", "previewImportAction", "applyImportAction",
  "updateCalendarAction", "saveSettingsAction", "previewPolicyAction", "previewRetentionAction", "acceptHostProposalAction", "declineHostProposalAction",
  "loadIntakeAccountAction", "decideExceptionAction", "recordReferralOutcomeAction", "signOutEverywhereAction", "acceptInviteAction",
];

test("every action is placed: it takes a case id, an artefact id, or neither", () => {
  const placed = [...Object.keys(CASE_ID_ACTIONS), ...Object.keys(ARTEFACT_ID_ACTIONS), ...NO_ID].sort();
  expect(placed).toEqual(Object.keys(ACTION_RULES).sort());
});

/**
 * A submitted case each role does not see: SIRT's (filed by the CSM) for Support, Acme-X's
 * (Support's, no artefact in review) for the others; and an artefact: SIRT's for Support, none for
 * the others (the made-up id; every other role sees both artefacts, as their cases' team, CSM or reviewer).
 */
const unseenCase = (role: Role) => (role === "support" ? ids.sirtCase! : ids.otherAccountCase!);
const unseenArtefact = (role: Role) => (role === "support" ? ids.sirtArtefact! : NO_RECORD);

test("every action that takes an id answers NOT_FOUND for a case or artefact its caller does not see", async () => {
  const cells = [
    ...Object.entries(CASE_ID_ACTIONS).flatMap(([name, input]) => ROLES.filter((r) => allowed(ACTION_RULES[name as keyof typeof ACTION_RULES], r)).map((role) => ({ name, role, input: input(unseenCase(role)) }))),
    // Someone else's draft, for those who write drafts.
    ...["saveDraftAction", "discardDraftAction", "submitCaseAction"].map((name) => ({ name, role: "csm" as Role, input: CASE_ID_ACTIONS[name]!(ids.draft!) })),
    ...Object.entries(ARTEFACT_ID_ACTIONS).flatMap(([name, input]) => ROLES.filter((r) => allowed(ACTION_RULES[name as keyof typeof ACTION_RULES], r)).map((role) => ({ name, role, input: input(unseenArtefact(role)) }))),
  ];
  const failures: string[] = [];
  await pool(cells, async ({ name, role, input }) => {
    const r = resultOf(await act(as(role), name, [input]), `${name} as ${role}`);
    if (r.code !== "NOT_FOUND") failures.push(`${name} as ${role}: wanted NOT_FOUND, got ${r.code}: ${r.error} ${JSON.stringify(r.fieldErrors ?? {})}`);
  });
  expect(failures).toEqual([]);
});
