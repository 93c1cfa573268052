import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { chromium, type APIRequestContext, type Browser } from "@playwright/test";
import fc from "fast-check";
import { ACTION_RULES, permissionsOf } from "../../lib/auth/action-rules";
import { PERMISSIONS, ROLES, type Role } from "../../lib/auth/permissions";
import { DEMO_STAFF } from "../../lib/demo/data";
import { expect, test } from "./fixtures";
import { postAction, listServerActions, type ServerActionRef } from "./server-actions";
import { SAMPLES } from "../support/schema-samples";

// Issue 12, fuzzing over HTTP: every server action in the build's manifest, called as a role that
// has its permission, with fast-check generated arguments (random shapes, and objects built from
// the schemas' field names with hostile values), never answers HTTP 500 nor an ActionResult with
// code INTERNAL; every route handler with fuzzed ids, query strings and bodies never answers 500;
// and a refused call writes nothing: every activity entry falls within a call that succeeded.
// Runs against its own server on its own data folder (the fuzz changes and deactivates things the
// other specs rely on). Fixed seed, printed; FUZZ_SEED and FUZZ_RUNS override.
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

let server: ChildProcess;
let browser: Browser;
let base: string;
let dataDir: string;
const sessions = new Map<Role, APIRequestContext>();
/** Sequential calls, each with when it ran and whether it changed something (may have written). */
const calls: { what: string; start: number; end: number; wrote: boolean }[] = [];
let startedAt = 0;

function freePort(): number {
  return Number(execFileSync(process.execPath, ["-e", 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})']).toString());
}

test.beforeAll(async () => {
  const port = freePort();
  base = `http://localhost:${port}`;
  dataDir = path.resolve("tmp", `fuzz-data-${port}`);
  rmSync(dataDir, { recursive: true, force: true });
  server = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", LOGDESK_DATA_DIR: dataDir, NEXTAUTH_URL: base, LOGDESK_WORKER: "false", LOG_LEVEL: "warn" },
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
  browser = await chromium.launch({ executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  for (const role of ROLES) {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    const who = DEMO_STAFF.find((s) => s.role === role)!;
    await page.goto("/signin");
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/signin/);
    sessions.set(role, context.request);
  }
  console.log(`fuzz: seed ${SEED}, ${RUNS} runs per target (FUZZ_SEED, FUZZ_RUNS), server ${base}`);
  startedAt = Date.now();
});

test.afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const roleFor = (name: string): Role | null => {
  const rule = (ACTION_RULES as Record<string, Parameters<typeof permissionsOf>[0]>)[name];
  if (rule === undefined) return null;
  const perms = permissionsOf(rule);
  if (perms.length === 0) return "support"; // public (the invitation): any caller
  return ROLES.find((r) => perms.some((p) => (PERMISSIONS[p].roles as readonly Role[]).includes(r))) ?? null;
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

const argsArb: fc.Arbitrary<unknown[]> = fc.oneof(
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 8 }).map((o) => [o]),
  // A valid sample of some schema with one field made hostile.
  fc.tuple(fc.constantFrom(...SAMPLE_OBJECTS), fc.nat(), hostileValue).map(([s, i, v]) => {
    const keys = Object.keys(s);
    return [{ ...s, [keys[i % keys.length]!]: v }];
  }),
);

test("every server action: never 500, never INTERNAL; refused calls write nothing", async () => {
  const actions = listServerActions();
  const last = new Set(["signOutEverywhereAction", "revokeSessionsAction"]);
  const ordered = [...actions.filter((a) => !last.has(a.name)), ...actions.filter((a) => last.has(a.name))];
  const failures: string[] = [];
  const t0 = Date.now();
  let n = 0;
  for (const [i, action] of ordered.entries()) {
    const role = roleFor(action.name);
    expect(role, `${action.name} has a rule in ACTION_RULES`).not.toBeNull();
    const request = sessions.get(role!)!;
    const samples = fc.sample(argsArb, { seed: SEED + i, numRuns: RUNS });
    for (const args of samples) {
      const res = await timed(action.name, () => postAction(request, base, action as ServerActionRef, args, { skipRender: true }), (r) => r.result?.ok === true);
      n++;
      if (res.status >= 500 || res.result?.code === "INTERNAL") failures.push(`${action.name} as ${role} with ${JSON.stringify(args).slice(0, 300)} -> ${res.status} ${res.body.slice(0, 200)}`);
    }
  }
  console.log(`fuzz: ${n} action calls in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  expect(failures).toEqual([]);
});

async function timed<T>(what: string, run: () => Promise<T>, wrote: (r: T) => boolean): Promise<T> {
  const start = Date.now();
  const r = await run();
  calls.push({ what, start, end: Date.now(), wrote: wrote(r) });
  return r;
}

test("every route handler: never 500 on fuzzed ids, queries and bodies", async () => {
  const admin = sessions.get("admin")!;
  const issuer = listServerActions().find((a) => a.name === "issueApiTokenAction")!;
  const issued = await timed("issue the fuzz's API token", () => postAction(admin, base, issuer, [{ name: "Fuzz" }]), (r) => r.result?.ok === true);
  const secret = (issued.result?.data as { secret?: string } | undefined)?.secret;
  expect(secret).toBeTruthy();
  const idArb = fc.oneof(fc.constantFrom(...ID_POOL, "%00", "..%2F..%2Fetc", "x".repeat(300), "%E0%A4%A", "null"), fc.uuid(), fc.string({ maxLength: 20 }).map(encodeURIComponent));
  const queryArb = fc.dictionary(fc.constantFrom("page", "q", "raw", "filename", "dropOutsideWindow", "dropOutsideScope", "disclosePersonalData", "download", "x"), hostileString, { maxKeys: 4 })
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
  ];
  const failures: string[] = [];
  const t0 = Date.now();
  let n = 0;
  for (const [i, route] of routes.entries()) {
    const request = route.role ? sessions.get(route.role)! : (await browser.newContext({ baseURL: base })).request;
    const samples = fc.sample(fc.tuple(idArb, idArb, queryArb, bodyArb), { seed: SEED + 1000 + i, numRuns: RUNS * 2 });
    for (const [id, id2, query, body] of samples) {
      const url = `${route.path(id, id2)}${query ? `?${query}` : ""}`;
      const headers: Record<string, string> = { Origin: base, ...(route.bearer ? { Authorization: `Bearer ${secret}` } : {}), ...(route.method === "POST" ? { "Content-Type": body.type } : {}) };
      const res = await timed(url, () => request.fetch(url, { method: route.method, headers, data: route.method === "POST" ? body.data : undefined, failOnStatusCode: false, maxRedirects: 0 }), (r) => r.status() < 400);
      n++;
      if (res.status() >= 500 && !(url === "/api/health" && res.status() === 503)) failures.push(`${route.method} ${url} (${body.type}) -> ${res.status()} ${(await res.text()).slice(0, 200)}`);
    }
  }
  console.log(`fuzz: ${n} route handler calls in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  expect(failures).toEqual([]);
});

test("no partial write: every activity entry since the fuzz began falls within a call that succeeded", async () => {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  const rows = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "tests/e2e/fuzz/activity-rows.ts"], { env: { ...process.env, LOGDESK_DATA_DIR: dataDir } }).toString(),
  ) as { id: string; at: string; actorId: string | null; action: string }[];
  const since = rows.filter((r) => Date.parse(r.at) >= startedAt);
  // A little slack for the clock's resolution at the edges of a call.
  const within = (t: number) => calls.find((c) => t >= c.start - 5 && t <= c.end + 5);
  const orphans = since.filter((r) => !within(Date.parse(r.at))?.wrote).map((r) => `${r.id} ${r.action} at ${r.at} during ${within(Date.parse(r.at))?.what ?? "no call"}`);
  console.log(`fuzz: ${since.length} activity entries written by ${calls.filter((c) => c.wrote).length} successful calls of ${calls.length}`);
  expect(orphans).toEqual([]);
});
