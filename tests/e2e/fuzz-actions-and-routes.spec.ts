import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { ACTION_RULES, permissionsOf } from "../../lib/auth/action-rules";
import { PERMISSIONS, ROLES, type Role } from "../../lib/auth/permissions";
import { DEMO_STAFF } from "../../lib/demo/data";
import { expect, test } from "./fixtures";
import { postAction, listServerActions, type ServerActionRef } from "./server-actions";
import { SAMPLES } from "../support/schema-samples";

// Issue 12, fuzzing over HTTP: every server action in the build's manifest, called as each role
// that has its permission in turn, with fast-check generated arguments, never answers HTTP 500 nor
// an ActionResult with code INTERNAL; every route handler with fuzzed ids, query strings and bodies
// never answers 500; and a refused call writes nothing: every activity entry falls within a call
// that succeeded, and no entry written during a refused call names that call's target.
// The arguments reach past validation: before fuzzing, the spec files real records through the
// portal's own actions and routes (an account, a staff member, an API token, a draft, a case
// routed to Support and one to SIRT, each with an artefact in review, a timeline entry on each, a
// host proposal), and every id-like field draws from a pool of those ids mixed with ids that name
// nothing; most inputs are the action's own schema sample (tests/support/schema-samples.ts) with
// real ids and, half the time, one field made hostile.
// Runs against its own server on its own data folder (the fuzz changes and deactivates things the
// other specs rely on): first with the background worker, so the artefacts get redacted into
// review, then restarted on the same folder without it, so that every activity entry of the fuzz
// comes from a call. Fixed seed, printed; FUZZ_SEED and FUZZ_RUNS override.
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);
const DAY = 86_400_000;

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

let server: ChildProcess;
let base: string;
let port: number;
let dataDir: string;
const sessions = new Map<Role, APIRequestContext>();
/** Sequential calls, each with when it ran, whether it changed something (may have written), and the ids it named. */
type Call = { what: string; start: number; end: number; wrote: boolean; code?: string; targets: string[] };
const calls: Call[] = [];
let startedAt = 0;

/** The real records the fuzz draws ids from, by kind. */
type Kind = "case" | "draft" | "account" | "artefact" | "user" | "token" | "entry" | "proposal";
const real: Record<Kind, string[]> = { case: [], draft: [], account: [], artefact: [], user: [], token: [], entry: [], proposal: [] };
/** An accounts import the fuzz previewed, and the preview's token (so that applying it can succeed). */
const IMPORT_TEXT = "slug,name,plan,deployment,paying\nfuzz-import,Fuzz Import,premium,saas,yes\n";
let importToken = "";

function freePort(): number {
  return Number(execFileSync(process.execPath, ["-e", 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})']).toString());
}

async function startServer(worker: boolean) {
  server = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", LOGDESK_DATA_DIR: dataDir, NEXTAUTH_URL: base, LOGDESK_WORKER: String(worker), LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout!.on("data", (d) => (log = (log + d).slice(-20_000)));
  server.stderr!.on("data", (d) => (log = (log + d).slice(-20_000)));
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (i > 240 || server.exitCode !== null) throw new Error(`the fuzz server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stopServer() {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}

async function signInAll() {
  for (const role of ROLES) {
    await sessions.get(role)?.dispose();
    const who = DEMO_STAFF.find((s) => s.role === role)!;
    const start = Date.now();
    const api = await playwrightRequest.newContext({ baseURL: base });
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await api.post("/api/auth/callback/credentials", { form: { email: who.email, password: who.password, csrfToken, json: "true" }, maxRedirects: 0 });
    expect(new URL(((await res.json()) as { url: string }).url, base).searchParams.get("error"), `sign-in of ${who.email}`).toBeNull();
    sessions.set(role, api);
    calls.push({ what: `sign in as ${role}`, start, end: Date.now(), wrote: true, targets: [] }); // writes user.signIn
  }
}

const ACTIONS = new Map(listServerActions().map((a) => [a.name, a]));

/** Calls an action during the set-up, failing on anything but ok. */
async function setupCall<T>(role: Role, name: string, args: unknown[]): Promise<T> {
  const res = await postAction(sessions.get(role)!, base, ACTIONS.get(name)!, args);
  expect(res.result, `${name} as ${role}: HTTP ${res.status} ${res.body.slice(0, 300)}`).toMatchObject({ ok: true });
  return res.result!.data as T;
}

const draftOf = (accountId: string, personalData: boolean) => {
  const end = Date.now() - 5 * 60_000;
  return {
    accountId,
    requesterName: "Fuzz Customer",
    requesterEmail: "fuzz@customer.example",
    summary: "Fuzz: a token was used from an unknown location.",
    resources: [{ kind: "project", path: "acme/infra/api" }],
    eventTypes: ["personal_access_token_created"],
    logSources: ["application"],
    windowFrom: new Date(end - 2 * DAY).toISOString(),
    windowTo: new Date(end).toISOString(),
    personalData,
  };
};

/** The fuzz's own records, filed the way staff file them (the access matrix's recipe). */
async function fileFixtures() {
  const newPage = await (await sessions.get("support")!.get("/cases/new")).text();
  const acme = /<option value="([0-9a-f-]{36})"[^>]*>Acme Corporation/.exec(newPage)?.[1];
  expect(acme, "the intake form lists Acme").toBeTruthy();
  real.account.push(acme!);
  real.account.push((await setupCall<{ id: string }>("admin", "createAccountAction", [{ ...(SAMPLES.ZCreateAccountInput as object), name: "Fuzz Account", slug: "fuzz-account" }])).id);
  real.user.push((await setupCall<{ id: string }>("admin", "inviteStaffAction", [{ email: "fuzz-member@logdesk.test", name: "Fuzz Member", role: "support" }])).id);
  real.token.push((await setupCall<{ id: string }>("admin", "issueApiTokenAction", [{ name: "Fuzz pool" }])).id);
  real.draft.push((await setupCall<{ id: string }>("support", "saveDraftAction", [{ draft: draftOf(acme!, false) }])).id);
  const file = async (role: Role, personalData: boolean) => {
    const saved = await setupCall<{ id: string; version: number }>(role, "saveDraftAction", [{ draft: draftOf(acme!, personalData) }]);
    await setupCall(role, "submitCaseAction", [{ id: saved.id, version: saved.version }]);
    return saved.id;
  };
  // Support's case, and SIRT's (personal data: filed by the CSM, routed to SIRT).
  const supportCase = await file("support", false);
  const sirtCase = await file("csm", true);
  real.case.push(supportCase, sirtCase);
  const lines = Array.from({ length: 20 }, (_, i) =>
    JSON.stringify({ time: new Date(Date.now() - DAY - i * 60_000).toISOString(), severity: "INFO", project_path: "acme/infra/api", meta: { user: "alice" }, message: `fuzz line ${i}` }),
  ).join("\n");
  const upload = async (author: Role, team: Role, caseId: string) => {
    for (const item of ["identity", "ownership", "plan", "scope", "audit-events", "no-customer-access"]) await setupCall(author, "setVerificationAction", [{ id: caseId, item, checked: true }]);
    const api = sessions.get(team)!;
    const up = await api.post(`/api/cases/${caseId}/artefacts?filename=fuzz.log`, { headers: { "x-logdesk-upload": "1", "content-type": "application/octet-stream" }, data: Buffer.from(`${lines}\n`) });
    expect(up.status(), await up.text()).toBe(201);
    const id = ((await up.json()) as { id: string }).id;
    await expect.poll(async () => ((await (await api.get(`/api/artefacts/${id}`)).json()) as { status: string }).status, { timeout: 60_000 }).toBe("in_review");
    return id;
  };
  real.artefact.push(...(await Promise.all([upload("support", "support", supportCase), upload("csm", "sirt", sirtCase)])));
  real.entry.push((await setupCall<{ id: string }>("support", "addEntryAction", [{ caseId: supportCase, kind: "finding", visibility: "relayable", body: "Fuzz: a finding on Support's case." }])).id);
  real.entry.push((await setupCall<{ id: string }>("sirt", "addEntryAction", [{ caseId: sirtCase, kind: "finding", visibility: "relayable", body: "Fuzz: a finding on SIRT's case." }])).id);
  importToken = (await setupCall<{ token: string }>("admin", "previewImportAction", [{ format: "csv", text: IMPORT_TEXT }])).token;
  real.proposal.push((await setupCall<{ id: string }>("sirt", "proposeInternalHostAction", [{ artefactId: real.artefact[1], host: ".fuzz-vpn.example", reason: "Seen in the residue." }])).id);
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  port = freePort();
  base = `http://localhost:${port}`;
  dataDir = path.resolve("tmp", `fuzz-data-${port}`);
  rmSync(dataDir, { recursive: true, force: true });
  const t0 = Date.now();
  await startServer(true);
  await signInAll();
  await fileFixtures();
  // Without the background worker from here on: every activity entry of the fuzz comes from a call.
  await stopServer();
  await startServer(false);
  await signInAll();
  console.log(`fuzz: seed ${SEED}, ${RUNS} runs per target (FUZZ_SEED, FUZZ_RUNS), server ${base}, real records ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(Object.fromEntries(Object.entries(real).map(([k, v]) => [k, v.length])))}`);
  startedAt = Date.now();
});

test.afterAll(async () => {
  for (const s of sessions.values()) await s.dispose();
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The roles that may call the action (any role for a public one). */
const rolesFor = (name: string): Role[] => {
  const rule = (ACTION_RULES as Record<string, Parameters<typeof permissionsOf>[0]>)[name];
  if (rule === undefined) return [];
  const perms = permissionsOf(rule);
  if (perms.length === 0) return ["support"]; // public (the invitation): any caller
  return ROLES.filter((r) => perms.some((p) => (PERMISSIONS[p].roles as readonly Role[]).includes(r)));
};

// Hostile values: control characters, dates no case can have, huge and odd numbers, Flight's own
// escapes (a "$" string means something to Next's decoder), ids that name nothing.
const ID_POOL = ["00000000-0000-4000-8000-000000000000", "ffffffff-ffff-4fff-bfff-ffffffffffff"];
const hostileString = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\u001b[2J", "\u0007", "line\u2028break", "", " ", "x".repeat(30_000), "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "%00"),
  fc.constantFrom("0000-01-01T00:00", "+275760-09-13T00:00:00Z", "-000001-01-01T00:00:00Z", "2026-02-30T25:61", "NaN", "Infinity", "-1", "1e309"),
  fc.constantFrom("$undefined", "$NaN", "$Infinity", "$-0", "$D0000-01-01T00:00:00.000Z", "$D+275760-09-13T00:00:00.000Z", "$Dnot a date", "$n1", "$nxyz", "$Q1", "$W1", "$K1", "$@1", "$1", "$T", "$Sfoo", "$$"),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...ID_POOL),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.constantFrom(null, true, false, 0, -1, 1, 2 ** 53, -(2 ** 31), 1e308, 0.5),
  fc.array(hostileString, { maxLength: 4 }),
  fc.dictionary(fc.constantFrom("kind", "path", "start", "end", "from", "to"), hostileString, { maxKeys: 3 }),
);

/** The field names of every schema's sample, so generated objects hit real fields. */
const FIELDS = [...new Set(Object.values(SAMPLES).flatMap((s) => (s && typeof s === "object" && !Array.isArray(s) ? Object.keys(s) : [])))];
const SAMPLE_OBJECTS = Object.values(SAMPLES).filter((s) => s && typeof s === "object" && !Array.isArray(s)) as Record<string, unknown>[];

const randomArgs: fc.Arbitrary<unknown[]> = fc.oneof(
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 8 }).map((o) => [o]),
);

// Ids: a field named like an id draws mostly real ids of its kind, some of another kind, some that name nothing.
const ID_FIELD = /^(id|[a-z]+Id|[a-z]+Ids)$/;
const KINDS_OF: [RegExp, Kind[]][] = [
  [/^(id|caseId)$/, ["case", "draft", "account"]],
  [/^artefactId$/, ["artefact"]],
  [/^(userId|userIds|expectedUserIds|assigneeId)$/, ["user"]],
  [/^accountId$/, ["account"]],
  [/^entryId$/, ["entry"]],
  [/^tokenId$/, ["token"]],
  [/^proposalId$/, ["proposal"]],
];
const allReal = () => Object.values(real).flat();
function idArb(field: string): fc.Arbitrary<string> {
  const kinds = KINDS_OF.find(([re]) => re.test(field))?.[1] ?? [];
  const mine = kinds.flatMap((k) => real[k]);
  return fc.oneof(
    ...(mine.length ? [{ weight: 6, arbitrary: fc.constantFrom(...mine) }] : []),
    { weight: 2, arbitrary: fc.constantFrom(...allReal()) },
    { weight: 1, arbitrary: fc.constantFrom(...ID_POOL) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

/** A schema sample with its ids from the pool, small versions (some current, some stale), nested objects likewise. */
function withPool(sample: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(sample)) {
    if (ID_FIELD.test(k)) fields[k] = Array.isArray(v) ? fc.array(idArb(k), { maxLength: 2 }) : idArb(k);
    else if (k === "token" && importToken) fields[k] = fc.constantFrom(importToken, v);
    else if (/^(version|baseVersion)$/.test(k)) fields[k] = fc.integer({ min: 1, max: 3 });
    else if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) fields[k] = withPool(v as Record<string, unknown>);
    else fields[k] = fc.constant(v);
  }
  return fc.record(fields);
}

/** Near-valid: the sample with real ids, and half the time one field made hostile. */
const nearValid = (sample: Record<string, unknown>): fc.Arbitrary<unknown[]> =>
  fc.tuple(withPool(sample), fc.option(fc.tuple(fc.constantFrom(...Object.keys(sample)), hostileValue), { freq: 2, nil: null })).map(([o, h]) => [h ? { ...o, [h[0]]: h[1] } : o]);

const ID = "00000000-0000-4000-8000-000000000001";
/** Each action's own input, by the schema sample it parses (the few schemas lib keeps beside their action, inline). */
const INPUT_OF: Record<string, Record<string, unknown>> = {
  inviteStaffAction: SAMPLES.ZInviteStaffInput as Record<string, unknown>,
  changeRoleAction: SAMPLES.ZChangeRoleInput as Record<string, unknown>,
  setActiveAction: SAMPLES.ZSetActiveInput as Record<string, unknown>,
  setTeamLeadAction: SAMPLES.ZSetTeamLeadInput as Record<string, unknown>,
  revokeSessionsAction: SAMPLES.ZRevokeSessionsInput as Record<string, unknown>,
  issueApiTokenAction: SAMPLES.ZIssueApiTokenInput as Record<string, unknown>,
  revokeApiTokenAction: SAMPLES.ZRevokeApiTokenInput as Record<string, unknown>,
  createAccountAction: SAMPLES.ZCreateAccountInput as Record<string, unknown>,
  updateAccountAction: SAMPLES.ZUpdateAccountInput as Record<string, unknown>,
  addResourceAction: SAMPLES.ZAddResourceInput as Record<string, unknown>,
  removeResourceAction: SAMPLES.ZRemoveResourceInput as Record<string, unknown>,
  setManagersAction: SAMPLES.ZSetManagersInput as Record<string, unknown>,
  previewImportAction: { ...(SAMPLES.ZPreviewImportInput as Record<string, unknown>), text: IMPORT_TEXT },
  applyImportAction: { ...(SAMPLES.ZApplyImportInput as Record<string, unknown>), text: IMPORT_TEXT },
  updateCalendarAction: SAMPLES.ZUpdateCalendarInput as Record<string, unknown>,
  decideArtefactAction: SAMPLES.ZDecideArtefact as Record<string, unknown>,
  redactAgainAction: SAMPLES.ZRedactAgain as Record<string, unknown>,
  shareArtefactAction: SAMPLES.ZShareArtefact as Record<string, unknown>,
  withdrawArtefactAction: SAMPLES.ZWithdrawArtefact as Record<string, unknown>,
  redactAgainWithNewSettingsAction: SAMPLES.ZRedactWithNewSettingsInput as Record<string, unknown>,
  proposeInternalHostAction: SAMPLES.ZProposeHostInput as Record<string, unknown>,
  loadIntakeAccountAction: { accountId: ID },
  saveDraftAction: SAMPLES.ZSaveDraft as Record<string, unknown>,
  discardDraftAction: { id: ID },
  submitCaseAction: SAMPLES.ZSubmitCase as Record<string, unknown>,
  changeScopeAction: SAMPLES.ZChangeScope as Record<string, unknown>,
  requestExceptionAction: SAMPLES.ZRequestException as Record<string, unknown>,
  decideExceptionAction: SAMPLES.ZDecideException as Record<string, unknown>,
  recordCostNoticeAction: SAMPLES.ZRecordCostNotice as Record<string, unknown>,
  acceptCostNoticeAction: SAMPLES.ZAcceptCostNotice as Record<string, unknown>,
  recordReferralOutcomeAction: SAMPLES.ZReferralOutcome as Record<string, unknown>,
  setVerificationAction: SAMPLES.ZToggleVerification as Record<string, unknown>,
  overrideVerificationAction: SAMPLES.ZOverrideVerification as Record<string, unknown>,
  addEntryAction: SAMPLES.ZAddEntry as Record<string, unknown>,
  relayEntryAction: SAMPLES.ZRelayEntry as Record<string, unknown>,
  recordIncidentImpactAction: { id: ID, version: 1 },
  recordCustomerNotifiedAction: { id: ID, version: 1, text: "We confirm an incident affected your project; rotate the token and follow the case here.", sentAt: new Date(Date.now() - 3_600_000).toISOString() },
  assignCaseAction: SAMPLES.ZAssignCase as Record<string, unknown>,
  setPriorityAction: SAMPLES.ZSetPriority as Record<string, unknown>,
  markNeedsRescopeAction: SAMPLES.ZNeedsRescope as Record<string, unknown>,
  closeCaseAction: SAMPLES.ZCloseCase as Record<string, unknown>,
  reopenCaseAction: SAMPLES.ZReopenCase as Record<string, unknown>,
  saveSettingsAction: SAMPLES.ZSaveSettingsInput as Record<string, unknown>,
  previewPolicyAction: SAMPLES.ZPreviewPolicyInput as Record<string, unknown>,
  acceptHostProposalAction: SAMPLES.ZAcceptHostProposalInput as Record<string, unknown>,
  declineHostProposalAction: SAMPLES.ZDeclineHostProposalInput as Record<string, unknown>,
  acceptInviteAction: SAMPLES.ZAcceptInviteInput as Record<string, unknown>,
  recordGapAction: SAMPLES.ZRecordGap as Record<string, unknown>,
  retryGapFilingAction: SAMPLES.ZRetryGapFiling as Record<string, unknown>,
};

/** Mostly the action's own input near-valid, some another schema's, some random shapes. */
const argsFor = (name: string): fc.Arbitrary<unknown[]> => {
  const own = INPUT_OF[name];
  return fc.oneof(
    ...(own ? [{ weight: 6, arbitrary: nearValid(own) }] : []),
    { weight: 2, arbitrary: fc.constantFrom(...SAMPLE_OBJECTS).chain(nearValid) },
    { weight: 2, arbitrary: randomArgs },
  );
};

/** The ids a call's arguments name (its targets), at the top level and one level down. */
function targetsOf(args: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, depth));
    else if (v && typeof v === "object" && depth < 3) for (const [k, x] of Object.entries(v)) {
      if (ID_FIELD.test(k)) (Array.isArray(x) ? x : [x]).forEach((y) => typeof y === "string" && out.push(y));
      else walk(x, depth + 1);
    }
  };
  walk(args, 0);
  return out;
}

test("every server action: never 500, never INTERNAL", async () => {
  const actions = listServerActions();
  // Those that end the fuzz's own fixtures or sessions come last, in this order.
  const last = ["withdrawArtefactAction", "discardDraftAction", "setActiveAction", "revokeSessionsAction", "signOutEverywhereAction"];
  const ordered = [...actions.filter((a) => !last.includes(a.name)), ...last.map((n) => actions.find((a) => a.name === n)!)];
  expect(ordered.every(Boolean), "every action in the last group is in the build").toBe(true);
  const failures: string[] = [];
  const tally = new Map<string, { ok: number; refused: Record<string, number> }>();
  const t0 = Date.now();
  let n = 0;
  for (const [i, action] of ordered.entries()) {
    const roles = rolesFor(action.name);
    expect(roles.length, `${action.name} has a rule in ACTION_RULES`).toBeGreaterThan(0);
    const t = { ok: 0, refused: {} as Record<string, number> };
    tally.set(action.name, t);
    const samples = fc.sample(argsFor(action.name), { seed: SEED + i, numRuns: RUNS });
    for (const [k, args] of samples.entries()) {
      const role = roles[k % roles.length]!;
      const res = await timed(action.name, () => postAction(sessions.get(role)!, base, action as ServerActionRef, args, { skipRender: true }), (r) => r.result?.ok === true, (r) => r.result?.code ?? (r.result ? undefined : `HTTP ${r.status}`), targetsOf(args));
      n++;
      if (res.result?.ok) t.ok++;
      else {
        const code = res.result?.code ?? `HTTP ${res.status}`;
        t.refused[code] = (t.refused[code] ?? 0) + 1;
      }
      if (res.status >= 500 || res.result?.code === "INTERNAL") failures.push(`${action.name} as ${role} with ${JSON.stringify(args).slice(0, 300)} -> ${res.status} ${res.body.slice(0, 200)}`);
    }
  }
  // Past validation: answered ok, or refused by the service (NOT_FOUND, CONFLICT, INVALID_STATE, FORBIDDEN on the record), not by the schema, the gate (HTTP 4xx) or the session.
  const deep = (t: { ok: number; refused: Record<string, number> }) => t.ok + Object.entries(t.refused).filter(([c]) => !/^(VALIDATION|UNAUTHENTICATED|HTTP)/.test(c)).reduce((s, [, v]) => s + v, 0);
  const reached = [...tally.values()].filter((t) => deep(t) > 0).length;
  console.log(`fuzz: ${n} action calls in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${[...tally.values()].reduce((s, t) => s + t.ok, 0)} ok; ${reached} of ${tally.size} actions reached past validation (${[...tally.values()].reduce((s, t) => s + deep(t), 0)} calls); per action (ok / refused by code):`);
  for (const [name, t] of tally) console.log(`  ${name.padEnd(34)} ${String(t.ok).padStart(3)} ok  ${Object.entries(t.refused).map(([c, v]) => `${c} ${v}`).join(", ")}`);
  expect(failures).toEqual([]);
});

async function timed<T>(what: string, run: () => Promise<T>, wrote: (r: T) => boolean, code: (r: T) => string | undefined = () => undefined, targets: string[] = []): Promise<T> {
  const start = Date.now();
  const r = await run();
  calls.push({ what, start, end: Date.now(), wrote: wrote(r), code: code(r), targets });
  return r;
}

test("every route handler: never 500 on fuzzed ids, queries and bodies", async () => {
  await signInAll(); // the action fuzz ended with "sign out everywhere"
  const admin = sessions.get("admin")!;
  const issuer = listServerActions().find((a) => a.name === "issueApiTokenAction")!;
  const issued = await timed("issue the fuzz's API token", () => postAction(admin, base, issuer, [{ name: "Fuzz" }]), (r) => r.result?.ok === true);
  const secret = (issued.result?.data as { secret?: string } | undefined)?.secret;
  expect(secret).toBeTruthy();
  const idArb = fc.oneof(fc.constantFrom(...real.artefact, ...real.case, ...allReal()), fc.constantFrom(...ID_POOL, "%00", "..%2F..%2Fetc", "x".repeat(300), "%E0%A4%A", "null"), fc.uuid(), fc.string({ maxLength: 20 }).map(encodeURIComponent));
  const queryArb = fc.dictionary(fc.constantFrom("page", "q", "from", "to", "raw", "filename", "dropOutsideWindow", "dropOutsideScope", "disclosePersonalData", "download", "x"), hostileString, { maxKeys: 4 })
    .map((q) => new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v).slice(0, 2000)])).toString());
  const bodyArb = fc.oneof(fc.json().map((j) => ({ type: "application/json", data: j })), fc.uint8Array({ maxLength: 2000 }).map((b) => ({ type: "application/octet-stream", data: Buffer.from(b) })),
    fc.string({ maxLength: 200 }).map((s) => ({ type: "text/plain", data: s })), fc.constant({ type: "application/gzip", data: Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0]) }));
  const routes: { method: "GET" | "POST"; path: (id: string, id2: string) => string; role?: Role; bearer?: boolean }[] = [
    { method: "GET", path: (id) => `/api/artefacts/${id}`, role: "legal" },
    { method: "GET", path: (id) => `/api/artefacts/${id}/download`, role: "sirt" },
    { method: "GET", path: (id, id2) => `/api/artefacts/${id}/shares/${id2}/manifest`, role: "csm" },
    { method: "POST", path: (id) => `/api/cases/${id}/artefacts`, role: "sirt" },
    { method: "GET", path: (id) => `/api/auth/${id}` },
    { method: "POST", path: (id) => `/api/auth/${id}` },
    { method: "GET", path: () => "/api/health" },
    { method: "GET", path: () => "/api/release-key" },
    { method: "POST", path: () => "/api/v1/evaluate", bearer: true },
    { method: "POST", path: () => "/api/v1/evaluate", role: "support" },
    { method: "GET", path: () => "/api/gaps/export.csv", role: "sirt" },
    { method: "GET", path: () => "/api/gaps/export.json", role: "legal" },
  ];
  const failures: string[] = [];
  const t0 = Date.now();
  let n = 0;
  for (const [i, route] of routes.entries()) {
    const request = route.role ? sessions.get(route.role)! : await playwrightRequest.newContext({ baseURL: base });
    const samples = fc.sample(fc.tuple(idArb, idArb, queryArb, bodyArb), { seed: SEED + 1000 + i, numRuns: RUNS * 2 });
    for (const [id, id2, query, body] of samples) {
      const url = `${route.path(id, id2)}${query ? `?${query}` : ""}`;
      const headers: Record<string, string> = { Origin: base, ...(route.bearer ? { Authorization: `Bearer ${secret}` } : {}), ...(route.method === "POST" ? { "Content-Type": body.type } : {}) };
      const res = await timed(url, () => request.fetch(url, { method: route.method, headers, data: route.method === "POST" ? body.data : undefined, failOnStatusCode: false, maxRedirects: 0 }), (r) => r.status() < 400, (r) => (r.status() < 400 ? undefined : `HTTP ${r.status()}`), [id, id2]);
      n++;
      if (res.status() >= 500 && !(url === "/api/health" && res.status() === 503)) failures.push(`${route.method} ${url} (${body.type}) -> ${res.status()} ${(await res.text()).slice(0, 200)}`);
    }
  }
  console.log(`fuzz: ${n} route handler calls (${calls.filter((c) => c.what !== "issue the fuzz's API token" && !ACTIONS.has(c.what) && c.wrote).length} below 400) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  expect(failures).toEqual([]);
});

test("no partial write: every activity entry since the fuzz began falls within a call that succeeded, none names a refused call's target", async () => {
  await stopServer();
  const rows = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "tests/e2e/fuzz/activity-rows.ts"], { env: { ...process.env, LOGDESK_DATA_DIR: dataDir } }).toString(),
  ) as { id: string; at: string; actorId: string | null; action: string; entityId: string; caseId: string | null }[];
  const since = rows.filter((r) => Date.parse(r.at) >= startedAt);
  // A little slack for the clock's resolution at the edges of a call.
  const near = (t: number, c: Call) => t >= c.start - 5 && t <= c.end + 5;
  // The call whose time span holds the entry, else one within the slack: back-to-back calls are
  // closer than the slack, so an entry written first thing in a call (an export logs before it
  // streams) must not be charged to the refused call that ended a few ms earlier.
  const within = (t: number) => calls.find((c) => t >= c.start && t <= c.end) ?? calls.find((c) => near(t, c));
  const orphans = since.filter((r) => !within(Date.parse(r.at))?.wrote).map((r) => `${r.id} ${r.action} at ${r.at} during ${within(Date.parse(r.at))?.what ?? "no call"}`);
  // A refused call (VALIDATION, FORBIDDEN, NOT_FOUND, CONFLICT, any other code or a 4xx) leaves no entry naming its target.
  const refused = calls.filter((c) => !c.wrote && c.code !== undefined && c.targets.length > 0);
  const named = refused.flatMap((c) =>
    since.filter((r) => near(Date.parse(r.at), c) && (c.targets.includes(r.entityId) || (r.caseId !== null && c.targets.includes(r.caseId)))).map((r) => `${r.id} ${r.action} on ${r.entityId} during ${c.what} (${c.code})`),
  );
  const byCode = calls.filter((c) => !c.wrote).reduce<Record<string, number>>((m, c) => ((m[c.code ?? "no result"] = (m[c.code ?? "no result"] ?? 0) + 1), m), {});
  console.log(`fuzz: ${since.length} activity entries written by ${calls.filter((c) => c.wrote).length} successful calls of ${calls.length}; refused: ${JSON.stringify(byCode)}; ${refused.length} refused calls named a target, ${refused.filter((c) => c.targets.some((t) => allReal().includes(t))).length} of them a real record`);
  expect(orphans).toEqual([]);
  expect(named).toEqual([]);
});
