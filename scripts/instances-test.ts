// npm run instances-test [-- --mb N] [--lease S] [--keep]
//
// Several instances (issue 15): two production portal processes (server.ts, as `npm run serve`)
// started at the same moment on ONE fresh PostgreSQL database, both running the worker, with the
// same NEXTAUTH_SECRET, AUDIT_CHECKPOINT_KEY and RELEASE_SIGNING_KEY, one shared BLOB_DIR, a real
// SMTP server and a test issue tracker started here, and a job lease of a few seconds
// (JOB_LEASE_SECONDS). Over HTTP against the two it proves:
//   - the start-up work (migrations, demo staff) was done once;
//   - a session signed in on A works on B, and a sign-out on A ends it on B;
//   - an upload through A is downloaded through B, the same bytes (SHA-256);
//   - a redaction longer than the lease runs once (one attempt, one result), a gap is filed once,
//     an overdue reminder is written once although both workers scan, every mail is delivered once;
//   - the instance holding a redaction SIGKILLed mid-way: the other finishes it once the lease ran
//     out, exactly once (one attempt more, one `artefact.redacted` entry, no file nothing names,
//     every named file whole); the killed one, restarted while the survivor redacts, leaves the
//     survivor's claim and live temp file alone and removes its own predecessor's temp file.
// Exit 0 when every check held; 1 with what failed. Wired into `npm test` after the crash test.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, generateKeyPairSync } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_STAFF } from "@/lib/demo/data";
import { openDatabase, type Database } from "@/lib/db/open";
import { FakeTracker, PROJECT, TOKEN } from "../tests/support/fake-tracker";
import { parseActionResponse, serverActions, urlOf } from "../tests/support/server-actions";
import { startSmtpServer } from "../tests/support/smtp";
import { freePort, startPostgres } from "../tests/support/throwaway-postgres";
import { blobRefs, brokenBlobs, duplicates, messageIdOf, tempFiles } from "./crash/checks";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
/**
 * Size of the first extract: its redaction must outlast the lease (about 15-35 MB/s here). The
 * second, killed mid-way, is 5/3 of it: the survivor's run of it must outlast the killed one's restart.
 */
const MB = Number(opt("mb", "96"));
const LEASE_SECONDS = Number(opt("lease", "3"));
const KEEP = args.includes("--keep");
const DAY = 86_400_000;

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const work = path.resolve("tmp", `instances-${stamp}`);
const blobDir = path.join(work, "blobs");
mkdirSync(blobDir, { recursive: true });
const t0 = Date.now();
const say = (msg: string) => console.log(`[instances ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failures: string[] = [];
const figures: Record<string, unknown> = {};
function check(ok: boolean, what: string): boolean {
  if (ok) say(`ok: ${what}`);
  else {
    failures.push(what);
    say(`FAIL: ${what}`);
  }
  return ok;
}
async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** One Logdesk instance: its own process group, port and data folder (unused on PostgreSQL but for its log). */
class Instance {
  child: ChildProcess | null = null;
  exited: Promise<number | null> = Promise.resolve(null);
  readonly base: string;
  readonly log: string;
  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.base = `http://127.0.0.1:${port}`;
    this.log = path.join(work, `${name}.log`);
  }
  get pid() {
    return this.child?.pid ?? 0;
  }
  start() {
    const out = openSync(this.log, "a");
    const c = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], {
      env: { ...this.env, PORT: String(this.port), NEXTAUTH_URL: this.base, LOGDESK_DATA_DIR: path.join(work, this.name) },
      detached: true,
      stdio: ["ignore", out, out],
    });
    closeSync(out);
    this.child = c;
    this.exited = new Promise((resolve) => c.once("exit", (n) => resolve(n)));
  }
  async ready() {
    let code: number | null | undefined;
    void this.exited.then((n) => (code = n));
    await until(`instance ${this.name} to answer /api/health`, async () => {
      if (code !== undefined) throw new Error(`instance ${this.name} exited (${code}):\n${readFileSync(this.log, "utf8").split("\n").slice(-15).join("\n")}`);
      const res = await fetch(`${this.base}/api/health`, { signal: AbortSignal.timeout(2000) });
      return res.status === 200;
    }, 180_000).catch((err: Error) => {
      if (code !== undefined) throw new Error(`instance ${this.name} exited (${code}):\n${readFileSync(this.log, "utf8").split("\n").slice(-15).join("\n")}`);
      throw err;
    });
  }
  kill(signal: NodeJS.Signals = "SIGKILL") {
    if (!this.child?.pid) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      /* gone */
    }
  }
}

/** A staff member's cookies, sent to whichever instance a request goes to (no stickiness). */
class Client {
  cookies = new Map<string, string>();
  constructor(readonly role: (typeof DEMO_STAFF)[number]["role"]) {}
  get sessionCookie() {
    return [...this.cookies].find(([k]) => k.endsWith("next-auth.session-token"))?.[1] ?? null;
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  async fetch(at: Instance, p: string, init: RequestInit = {}) {
    const send = () => fetch(at.base + p, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: this.header() }, signal: AbortSignal.timeout(120_000) });
    // A kept-alive connection the server closed after its idle timeout (65 s; it was 5 s), just as
    // this request went out on it, fails before the server read anything: sent again once on a new connection.
    const res = await send().catch((err: Error) => {
      if (!/EPIPE|ECONNRESET|UND_ERR_SOCKET|other side closed/.test(String((err.cause as { code?: string; message?: string } | undefined)?.code ?? "") + String((err.cause as Error | undefined)?.message ?? ""))) throw err;
      return send();
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const k = pair!.slice(0, i).trim();
      const v = pair!.slice(i + 1).trim();
      if (v) this.cookies.set(k, v);
      else this.cookies.delete(k);
    }
    return res;
  }
  async signIn(at: Instance) {
    const who = DEMO_STAFF.find((s) => s.role === this.role)!;
    const { csrfToken } = (await (await this.fetch(at, "/api/auth/csrf")).json()) as { csrfToken: string };
    await this.fetch(at, "/api/auth/callback/credentials", {
      method: "POST",
      body: new URLSearchParams({ csrfToken, email: who.email, password: who.password, json: "true" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    if (!this.sessionCookie) throw new Error(`sign-in of ${this.role} on ${at.name} set no session cookie`);
  }
  async signOut(at: Instance) {
    const { csrfToken } = (await (await this.fetch(at, "/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await this.fetch(at, "/api/auth/signout", { method: "POST", body: new URLSearchParams({ csrfToken, json: "true" }), headers: { "content-type": "application/x-www-form-urlencoded" } });
    return res.status;
  }
  /** A server action as the page calls it; its data, or throws with the refusal. */
  async act<T>(at: Instance, name: string, a: unknown[], params: Record<string, string> = {}): Promise<T> {
    const action = actions.get(name);
    if (!action) throw new Error(`${name} is not a server action of this build`);
    const page = [...action.pages].sort((x, y) => (x.match(/\[/g)?.length ?? 0) - (y.match(/\[/g)?.length ?? 0))[0] ?? "/";
    const res = await this.fetch(at, urlOf(page, params), {
      method: "POST",
      headers: { "Next-Action": action.id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8", Origin: at.base, "x-action-forwarded": "1" },
      body: JSON.stringify(a),
    });
    const result = parseActionResponse(await res.text());
    if (!result?.ok) throw new Error(`${name} on ${at.name}: HTTP ${res.status} ${JSON.stringify(result)}`);
    return (result.data ?? true) as T;
  }
}
let actions: ReturnType<typeof serverActions>;

/** An NDJSON extract in the case's window and scope, about `mb` MB; `salt` makes its bytes unique. */
function extract(mb: number, salt: string): Buffer {
  const out: string[] = [];
  const start = Date.now() - DAY;
  let size = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    const line = JSON.stringify({ time: new Date(start - i * 100).toISOString(), severity: "INFO", project_path: "acme/infra/api", meta: { user: "alice", remote_ip: "192.0.2.10", correlation_id: `${salt}-${i}` }, message: `instances-test ${salt} line ${i}: token used from a new location by alice@acme.example` });
    out.push(line);
    size += line.length + 1;
  }
  return Buffer.from(out.join("\n") + "\n");
}
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function upload(c: Client, at: Instance, caseId: string, bytes: Buffer, filename: string): Promise<{ id: string; rawSha256: string }> {
  const res = await c.fetch(at, `/api/cases/${caseId}/artefacts?filename=${filename}`, {
    method: "POST",
    headers: { "x-logdesk-upload": "1", "content-type": "application/octet-stream", "content-length": String(bytes.length) },
    body: new Blob([new Uint8Array(bytes)]),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`upload through ${at.name}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as { id: string; rawSha256: string };
}

async function main(): Promise<number> {
  say(`two instances on one PostgreSQL, ${MB} and ${(MB * 5) / 3} MB extracts, JOB_LEASE_SECONDS=${LEASE_SECONDS}; output in ${path.relative(process.cwd(), work)}`);
  execFileSync("bash", ["scripts/build.sh"], { stdio: "inherit" });
  actions = serverActions();
  // Made first: made between two requests, the time it takes could outlast the servers' keep-alive
  // (65 s; 5 s when this was written), and the upload's POST go out on a connection the server is closing (EPIPE).
  const first = extract(MB, "first");
  const second = extract((MB * 5) / 3, "second");

  const smtp = await startSmtpServer();
  const tracker = new FakeTracker();
  await tracker.start();
  const postgres = await startPostgres(work, "instances");
  const instances: Instance[] = [];
  let d: Database | null = null;
  const cleanup = () => {
    for (const i of instances) i.kill();
    postgres.stop();
  };
  process.once("exit", cleanup);
  try {
    const pem = () => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const shared: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HOST: "127.0.0.1",
      DATABASE_URL: postgres.url,
      DATABASE_POOL_SIZE: "5",
      NEXTAUTH_SECRET: "instances-test-session-secret-0123456789",
      AUDIT_CHECKPOINT_KEY: pem(),
      RELEASE_SIGNING_KEY: pem(),
      BLOB_DIR: blobDir,
      LOGDESK_WORKER: "1",
      JOB_LEASE_SECONDS: String(LEASE_SECONDS),
      LOGDESK_DEMO_DATA: "1",
      LOGDESK_DEMO_HISTORY: "off",
      SMTP_URL: smtp.url,
      SIRT_TEAM_EMAIL: "sirt-team@logdesk.test",
      GAP_TRACKER_URL: tracker.url,
      GAP_TRACKER_PROJECT: PROJECT,
      GAP_TRACKER_TOKEN: TOKEN,
      LOG_LEVEL: "info",
    };
    const A = new Instance("a", await freePort(), shared);
    const B = new Instance("b", await freePort(), shared);
    instances.push(A, B);

    // 1. Both started at the same moment on the empty database.
    let t = Date.now();
    A.start();
    B.start();
    await Promise.all([A.ready(), B.ready()]);
    figures.startBothSeconds = (Date.now() - t) / 1000;
    say(`both instances answer /api/health (A pid ${A.pid}, B pid ${B.pid}) after ${figures.startBothSeconds} s`);
    d = await openDatabase({ kind: "postgres", url: postgres.url, poolSize: 2 });
    const prisma = d.prisma;
    check((await prisma.user.count()) === DEMO_STAFF.length && (await prisma.activityLog.count({ where: { action: "user.seedDemo" } })) === DEMO_STAFF.length, `started at once, the demo staff were seeded once (${DEMO_STAFF.length} users, ${DEMO_STAFF.length} seed entries)`);
    const migrationRows = await prisma.$queryRawUnsafe<{ n: bigint; d: bigint }[]>(`SELECT count(*) AS n, count(DISTINCT migration_name) AS d FROM _prisma_migrations WHERE finished_at IS NOT NULL`);
    check(migrationRows[0]!.n === migrationRows[0]!.d && migrationRows[0]!.n > 0n, `each migration applied once (${migrationRows[0]!.n})`);

    // 2. A session signed in on A works on B.
    const support = new Client("support");
    await support.signIn(A);
    const onB = await support.fetch(B, "/cases");
    check(onB.status === 200 && (await onB.text()).includes(DEMO_STAFF.find((s) => s.role === "support")!.name), `a session signed in on A opens /cases on B (HTTP ${onB.status})`);

    // 3. A case filed through A, worked through B.
    const acme = /<option value="([0-9a-f-]{36})"[^>]*>Acme Corporation/.exec(await (await support.fetch(B, "/cases/new")).text())?.[1];
    if (!acme) throw new Error("the intake form on B did not list Acme");
    const end = Date.now() - 5 * 60_000;
    const draft = {
      accountId: acme,
      requesterName: "Instances Customer",
      requesterEmail: "instances@customer.example",
      summary: "Several instances: a token was used from an unknown location.",
      resources: [{ kind: "project", path: "acme/infra/api" }],
      eventTypes: ["personal_access_token_created"],
      logSources: ["application"],
      windowFrom: new Date(end - 2 * DAY).toISOString(),
      windowTo: new Date(end).toISOString(),
      personalData: false,
    };
    const saved = await support.act<{ id: string; version: number }>(A, "saveDraftAction", [{ draft }]);
    await support.act(B, "submitCaseAction", [{ id: saved.id, version: saved.version }]);
    const caseId = saved.id;
    for (const item of ["identity", "ownership", "plan", "scope", "audit-events", "no-customer-access"]) {
      await support.act(item.length % 2 ? A : B, "setVerificationAction", [{ id: caseId, item, checked: true }]);
    }

    // 4. An upload through A, redacted by whichever worker claims it, downloaded through B.
    t = Date.now();
    const up = await upload(support, A, caseId, first, "first.log");
    figures.uploadSeconds = (Date.now() - t) / 1000;
    figures.uploadMB = +(first.length / 1048576).toFixed(1);
    check(up.rawSha256 === sha256(first), `upload through A: the server's SHA-256 is the client's`);
    // Watched from the moment it is queued (the raw download below runs meanwhile): when it was first
    // seen running, by whom, and each renewal of its lease.
    let runningSince = 0;
    const holders = new Set<string>();
    const leases = new Set<number>();
    const redacted1 = until("the first redaction", async () => {
      const j = await prisma.job.findFirst({ where: { kind: "artefact.redact", payload: { path: ["artefactId"], equals: up.id } }, select: { status: true, lockedBy: true, lockedUntil: true } });
      if (j?.status === "running") {
        runningSince ||= Date.now();
        holders.add(j.lockedBy ?? "-");
        if (j.lockedUntil) leases.add(j.lockedUntil.getTime());
      }
      return (await prisma.artefact.findUnique({ where: { id: up.id }, select: { status: true } }))?.status === "in_review";
    }, 120_000, 100);
    const raw = await support.fetch(B, `/api/artefacts/${up.id}/download?form=raw`);
    const rawBytes = Buffer.from(await raw.arrayBuffer());
    check(raw.status === 200 && rawBytes.length === first.length && sha256(rawBytes) === sha256(first) && raw.headers.get("x-content-sha256") === sha256(first), `the raw file uploaded through A is downloaded through B: ${rawBytes.length} bytes, the same SHA-256`);
    await redacted1;
    figures.redactionSeconds = runningSince ? (Date.now() - runningSince) / 1000 : null;
    const job1 = await prisma.job.findFirstOrThrow({ where: { kind: "artefact.redact", payload: { path: ["artefactId"], equals: up.id } } });
    check(job1.status === "done" && job1.attempts === 1 && holders.size <= 1, `the redaction ran once (status ${job1.status}, attempts ${job1.attempts}, held by ${[...holders].join(" and ")}), about ${figures.redactionSeconds} s with a ${LEASE_SECONDS} s lease renewed ${leases.size - 1} times`);
    if (!figures.redactionSeconds || (figures.redactionSeconds as number) <= LEASE_SECONDS) say(`note: the redaction did not outlast the lease; raise --mb to test the heartbeat here (tests/integration/jobs.test.ts does regardless)`);
    check((await prisma.activityLog.count({ where: { action: "artefact.redacted", entityId: up.id } })) === 1, "one artefact.redacted entry for it");
    const redacted = await support.fetch(B, `/api/artefacts/${up.id}/download`);
    const redactedBytes = Buffer.from(await redacted.arrayBuffer());
    const row1 = await prisma.artefact.findUniqueOrThrow({ where: { id: up.id }, select: { redactedSha256: true } });
    check(redacted.status === 200 && sha256(redactedBytes) === row1.redactedSha256, `the redacted file is downloaded through B with the SHA-256 its row names`);

    // 5. A gap filed once by whichever worker (the tracker counts the issues).
    await support.act(B, "recordGapAction", [{ caseId, noGap: false, eventTypes: ["user_email_changed"], neededFor: "Several instances: who changed the email." }], { id: caseId });
    await until("the gap issue", async () => (await prisma.gapRecord.findUnique({ where: { caseId }, select: { issueIid: true } }))?.issueIid, 60_000);
    await sleep(LEASE_SECONDS * 1000);
    check(tracker.issues.length === 1, `the gap was filed once in the tracker (${tracker.issues.length} issue)`);

    // 6. An overdue reminder: both workers scan at the same moment (one scan job each, as at a minute's turn).
    await prisma.case.update({ where: { id: caseId }, data: { nextUpdateDue: new Date(Date.now() - 60_000) } });
    const scanAt = new Date();
    await prisma.job.createMany({ data: [1, 2, 3, 4].map((n) => ({ kind: "reminders.scan", payload: {}, runAt: scanAt, dedupeKey: `instances-test-scan-${n}`, maxAttempts: 1 })) });
    await until("the extra scans", async () => (await prisma.job.count({ where: { dedupeKey: { startsWith: "instances-test-scan-" }, status: "done" } })) === 4, 60_000);
    const reminders = await prisma.outboxMessage.count({ where: { caseId, kind: "reminder.overdue" } });
    const reminderEntries = await prisma.activityLog.count({ where: { caseId, action: { startsWith: "reminder" } } });
    check(reminders === 1 && reminderEntries === 1, `four scans by the two workers wrote one overdue reminder (${reminders}) and one activity entry (${reminderEntries})`);

    // 7. A sign-out on A ends the session on B.
    const kept = support.header();
    const apiBefore = await support.fetch(B, `/api/artefacts/${up.id}`);
    check(apiBefore.status === 200, `before the sign-out, B answers the artefact's progress (HTTP ${apiBefore.status})`);
    await support.signOut(A);
    const replay = async (p: string) => fetch(B.base + p, { redirect: "manual", headers: { cookie: kept } });
    const apiAfter = await replay(`/api/artefacts/${up.id}`);
    const pageAfter = await replay("/cases");
    check(apiAfter.status === 401 && pageAfter.status !== 200, `after signing out on A, the kept session cookie opens nothing on B (API HTTP ${apiAfter.status}, /cases HTTP ${pageAfter.status} to ${pageAfter.headers.get("location") ?? "-"})`);

    // 8. The instance holding a redaction is killed mid-way; the other finishes it once the lease ran out.
    await support.signIn(B);
    const up2 = await upload(support, B, caseId, second, "second.log");
    const held = await until("the second redaction under way", async () => {
      const j = await prisma.job.findFirst({ where: { kind: "artefact.redact", payload: { path: ["artefactId"], equals: up2.id } } });
      const a = await prisma.artefact.findUnique({ where: { id: up2.id }, select: { progressBytes: true, status: true } });
      if (a?.status !== "processing") throw new Error(`the second redaction ended (${a?.status}) before it could be killed: raise --mb`);
      return j?.status === "running" && a.progressBytes > 0n && j.lockedBy ? j : null;
    }, 60_000, 50);
    const holderPid = Number(held.lockedBy!.split(":").pop());
    const victim = instances.find((i) => i.pid === holderPid);
    if (!victim) throw new Error(`the redaction is held by ${held.lockedBy}, neither instance (A ${A.pid}, B ${B.pid})`);
    const survivor = victim === A ? B : A;
    const progress = (await prisma.artefact.findUniqueOrThrow({ where: { id: up2.id }, select: { progressBytes: true } })).progressBytes;
    victim.kill("SIGKILL");
    const killedAt = Date.now();
    await victim.exited;
    say(`killed instance ${victim.name.toUpperCase()} (pid ${holderPid}) holding the redaction at ${progress} of ${second.length} bytes`);
    figures.tempFilesOfTheKilled = (await tempFiles(blobDir)).filter((n) => n.endsWith(".part") && n.includes(`~${holderPid}~`)).length;
    // 9. The survivor takes the job over once the lease ran out. The killed instance is restarted
    // while the survivor redacts: its start releases the jobs and removes the temp files of this
    // host's dead processes only, so neither the survivor's claim nor its live temp file may go.
    const survivorWorker = await until("the survivor to take the killed redaction over", async () => {
      const j = await prisma.job.findUnique({ where: { id: held.id }, select: { status: true, lockedBy: true } });
      return j?.status === "running" && j.lockedBy && j.lockedBy !== held.lockedBy ? j.lockedBy : null;
    }, 60_000, 50);
    figures.takeoverAfterKillSeconds = (Date.now() - killedAt) / 1000;
    t = Date.now();
    victim.start();
    await victim.ready();
    figures.restartSeconds = (Date.now() - t) / 1000;
    await until("the survivor to finish the killed redaction", async () => (await prisma.artefact.findUnique({ where: { id: up2.id }, select: { status: true } }))?.status === "in_review", 180_000);
    figures.takeoverSeconds = (Date.now() - killedAt) / 1000;
    const job2 = await prisma.job.findUniqueOrThrow({ where: { id: held.id } });
    check(job2.status === "done" && job2.attempts === 2, `instance ${survivor.name.toUpperCase()} took it over ${figures.takeoverAfterKillSeconds} s after the kill (lease ${LEASE_SECONDS} s) and finished it ${figures.takeoverSeconds} s after: status ${job2.status}, attempts ${job2.attempts} (a start that released the survivor's claim would have made it 3)`);
    // When the restart released dead workers' jobs and swept temp files (recoverAfterCrash logs the
    // sweep, after the release): before the survivor's run ended, the two overlapped.
    const sweptAt = readFileSync(victim.log, "utf8").split("\n").filter((l) => l.includes("temporary upload files of a stopped server removed")).map((l) => Date.parse((JSON.parse(l) as { time: string }).time)).at(-1);
    if (sweptAt && sweptAt < job2.updatedAt.getTime()) say(`ok: instance ${victim.name.toUpperCase()}'s start released jobs and swept temp files ${((job2.updatedAt.getTime() - sweptAt) / 1000).toFixed(1)} s before ${survivor.name.toUpperCase()} (${survivorWorker}) finished the job: its claim and its temp file were left alone`);
    else say(`note: instance ${victim.name.toUpperCase()}'s start recovery did not overlap the survivor's run this time (raise --mb to show it); the counts below still hold`);
    check((await prisma.activityLog.count({ where: { action: "artefact.redacted", entityId: up2.id } })) === 1, "one artefact.redacted entry for the killed redaction");
    const down2 = await support.fetch(survivor, `/api/artefacts/${up2.id}/download`);
    const down2Bytes = Buffer.from(await down2.arrayBuffer());
    const row2 = await prisma.artefact.findUniqueOrThrow({ where: { id: up2.id }, select: { redactedSha256: true, redactedSize: true } });
    check(down2.status === 200 && sha256(down2Bytes) === row2.redactedSha256 && BigInt(down2Bytes.length) === row2.redactedSize, `its redacted file is whole (${down2Bytes.length} bytes, the SHA-256 its row names)`);
    const broken = brokenBlobs(await blobRefs(prisma, blobDir));
    check(broken.length === 0, `every file an artefact names is there with its SHA-256${broken.length ? `: ${broken.join("; ")}` : ""}`);
    const named = new Set((await blobRefs(prisma, blobDir)).map((r) => r.key.replace(/^sha256:/, "")));
    const stored = readdirSync(path.join(blobDir, "sha256")).flatMap((dir) => readdirSync(path.join(blobDir, "sha256", dir)));
    const unnamed = stored.filter((h) => !named.has(h));
    check(unnamed.length === 0, `no stored file that no artefact names (${stored.length} files; half a redaction is never stored)${unnamed.length ? `: ${unnamed.join(", ")}` : ""}`);
    const leftover = (await tempFiles(blobDir)).filter((n) => n.endsWith(".part"));
    check(leftover.length === 0, `no temp file left: the killed process's (${figures.tempFilesOfTheKilled}) was removed by its restart, the survivor's became its result${leftover.length ? `: ${leftover.join(", ")}` : ""}`);

    // 10. Every mail delivered exactly once although both workers poll the outbox.
    await until("the outbox to drain", async () => (await prisma.outboxMessage.count({ where: { status: { notIn: ["sent", "failed"] } } })) === 0, 90_000, 500);
    await sleep(LEASE_SECONDS * 1000);
    const sent = await prisma.outboxMessage.findMany({ where: { status: "sent" }, select: { messageId: true } });
    const receivedIds = smtp.received.map((r) => messageIdOf(r.raw));
    const twice = duplicates(receivedIds);
    const missing = sent.filter((m) => !receivedIds.includes(m.messageId));
    figures.mails = { sent: sent.length, received: smtp.received.length };
    check(sent.length > 0 && twice.length === 0 && missing.length === 0, `every mail delivered exactly once (${sent.length} sent, ${smtp.received.length} received${twice.length ? `, twice: ${twice.map((x) => x.value).join(", ")}` : ""}${missing.length ? `, missing ${missing.length}` : ""})`);
    const failedJobs = await prisma.job.findMany({ where: { status: "failed" }, select: { kind: true, lastError: true } });
    check(failedJobs.length === 0, `no job failed${failedJobs.length ? `: ${JSON.stringify(failedJobs)}` : ""}`);

    // 11. Both stop cleanly; the activity chain and its checkpoints (signed by both with the one key) verify.
    await Promise.all(instances.map(async (i) => {
      i.kill("SIGTERM");
      check((await i.exited) === 0, `instance ${i.name.toUpperCase()} stopped cleanly on SIGTERM`);
    }));
    const verify = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "scripts/audit-verify.ts"], { env: { ...shared, LOGDESK_DATA_DIR: path.join(work, "a") }, stdio: ["ignore", "pipe", "pipe"] });
    let verifyOut = "";
    verify.stdout.on("data", (c: Buffer) => (verifyOut += c.toString()));
    verify.stderr.on("data", (c: Buffer) => (verifyOut += c.toString()));
    const verifyCode = await new Promise<number | null>((r) => verify.once("exit", r));
    check(verifyCode === 0, `npm run audit:verify: ${verifyOut.trim().split("\n")[0]}`);
  } catch (err) {
    const cause = (err as Error).cause;
    const message = `${(err as Error).message}${cause ? ` (${cause instanceof Error ? cause.message : String(cause)})` : ""}`;
    failures.push(`stopped: ${message}`);
    say(`FAIL: ${message}`);
    // What the queue looked like, for the person reading the failure.
    const jobs = await d?.prisma.job.findMany({ orderBy: { createdAt: "asc" } }).catch(() => null);
    if (jobs) writeFileSync(path.join(work, "jobs.json"), JSON.stringify(jobs, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v), 2));
  } finally {
    await d?.close().catch(() => {});
    for (const i of instances) i.kill();
    await Promise.all(instances.map((i) => i.exited));
    postgres.stop();
    await smtp.close();
    await tracker.stop();
  }
  figures.totalSeconds = (Date.now() - t0) / 1000;
  writeFileSync(path.join(work, "summary.json"), JSON.stringify({ ...figures, failures }, null, 2));
  say(`figures: ${JSON.stringify(figures)}`);
  if (!failures.length && !KEEP) rmSync(work, { recursive: true, force: true });
  say(failures.length ? `${failures.length} failure(s); logs in ${path.relative(process.cwd(), work)}` : "every check held");
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
