// npm run crash-test [-- --kills N] [--db pglite|postgres] [--seed S] [--flows F] [--blobs local|s3]
// (--blobs s3: the blobs in a bucket of an s3rver started here, BLOB_STORE_URL; checked through the store)
//
// Starts the production server (the build is made when missing) on a fresh data folder (PGlite) or
// a fresh PostgreSQL database, with the demo staff, a real SMTP server and a test issue tracker
// started here, drives writes from several signed-in clients (scripts/crash/driver.ts), and kills
// the server's process group with SIGKILL at random moments, N times. After each kill, with the
// server down (PGlite has one owner), it opens the database and checks (scripts/crash/checks.ts)
// that every acknowledged write is there, that every blob an artefact believes in is on disk with
// its SHA-256, that no job is still held by a worker of an earlier life, and that no mail, gap
// issue or redaction result was written twice; then restarts the server on the same folder or
// database and checks that no temporary upload file is left once it answers /api/health. At the
// end it lets the queue drain, stops the server and runs `npm run audit:verify` on the database.
// Exit 0 when every check held; 1 with each failure's kill number and what was lost.
// docs/decisions/0016-crash-test.md says what it checks and why this way.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "@/lib/db/open";
import { FakeTracker, PROJECT, TOKEN } from "../tests/support/fake-tracker";
import { freePort, startPostgres } from "../tests/support/throwaway-postgres";
import { startSmtpServer } from "../tests/support/smtp";
import { startS3 } from "../tests/support/s3";
import { s3BlobStore } from "../lib/blobstore";
import { blobRefs, brokenBlobs, duplicates, mailRedeliveries, messageIdOf, findWrites, lostWrites, findStranded, leftTempFiles, redactionResults, stuckJobs, tempFiles, type Ack } from "./crash/checks";
import { Gate, randomSource, sleep, startClients } from "./crash/driver";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const KILLS = Number(opt("kills", "100"));
const DB = opt("db", "pglite") as "pglite" | "postgres";
const SEED = Number(opt("seed", String(Date.now() % 1_000_000)));
const FLOWS = Number(opt("flows", "3"));
const BLOBS = opt("blobs", "local") as "local" | "s3";
/** The longest a client runs between two kills (a kill lands at a random moment in it). */
const MAX_RUN_MS = Number(opt("max-run-ms", "8000"));
if (!Number.isInteger(KILLS) || KILLS < 1 || !["pglite", "postgres"].includes(DB) || !["local", "s3"].includes(BLOBS) || !Number.isFinite(SEED)) {
  console.error("usage: npm run crash-test -- [--kills N (100)] [--db pglite|postgres] [--seed S] [--flows F (3)] [--blobs local|s3]");
  process.exit(2);
}

const random = randomSource(SEED);
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const work = path.resolve("tmp", `crash-${DB}-${stamp}`);
const dataDir = path.join(work, "data");
const blobDir = path.join(dataDir, "blobs");
mkdirSync(dataDir, { recursive: true });
const logFile = path.join(work, "server.log");
const say = (msg: string) => console.log(`[crash ${new Date().toISOString().slice(11, 19)}] ${msg}`);

interface Failure {
  kill: number;
  what: string;
}

async function main(): Promise<number> {
  say(`${KILLS} kills on ${DB}${BLOBS === "s3" ? " with the blobs in S3 (s3rver)" : ""}, seed ${SEED}, ${FLOWS} case flows + 1 note writer; output in ${path.relative(process.cwd(), work)}`);
  execFileSync("bash", ["scripts/build.sh"], { stdio: "inherit" });

  const smtp = await startSmtpServer();
  const tracker = new FakeTracker();
  await tracker.start();
  const postgres = DB === "postgres" ? await startPostgres(work, "crash") : null;
  process.once("exit", () => postgres?.stop());
  const s3 = BLOBS === "s3" ? await startS3() : null;
  // What the checks read the blobs through: the folder, or the bucket (its temps: objects under tmp/).
  const blobs = s3 ? s3BlobStore(s3.config("crash")) : blobDir;
  const temps = async () => (s3 ? (await s3.keys()).filter((k) => k.startsWith("crash/tmp/")).map((k) => k.slice("crash/tmp/".length)) : tempFiles(blobDir));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: "crash-test-session-secret-0123456789",
    LOGDESK_DATA_DIR: dataDir,
    LOGDESK_DEMO_DATA: "1",
    LOGDESK_DEMO_HISTORY: "off",
    SMTP_URL: smtp.url,
    SIRT_TEAM_EMAIL: "sirt-team@logdesk.test",
    GAP_TRACKER_URL: tracker.url,
    GAP_TRACKER_PROJECT: PROJECT,
    GAP_TRACKER_TOKEN: TOKEN,
    LOG_LEVEL: "warn",
    ...(postgres ? { DATABASE_URL: postgres.url } : { DATABASE_URL: "" }),
    ...(s3 ? s3.env("crash") : {}),
  };

  let child: ChildProcess | null = null;
  let exited: Promise<number | null> = Promise.resolve(null);
  const failures: Failure[] = [];
  const fail = (kill: number, what: string) => {
    failures.push({ kill, what });
    say(`FAIL (kill ${kill}): ${what}`);
  };
  const figures = { kills: 0, openFailures: 0, startFailures: 0, restartSeconds: [] as number[], tempFilesLeft: 0, brokenArtefacts: 0, lost: 0, duplicateMails: 0, redeliveredAcrossKill: 0, duplicateIssues: 0, duplicateRedactions: 0, stuckJobs: 0, strandedArtefacts: 0 };

  /** Starts the server (its own process group) and waits for /api/health; false when it exited first. */
  async function start(kill: number): Promise<boolean> {
    const started = Date.now();
    const out = openSync(logFile, "a");
    writeFileSync(out, `\n===== start after kill ${kill} =====\n`);
    const c = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], { env: serverEnv, detached: true, stdio: ["ignore", out, out] });
    closeSync(out);
    child = c;
    let code: number | null | undefined;
    exited = new Promise((resolve) => c.once("exit", (n) => resolve((code = n))));
    while (code === undefined && Date.now() - started < 180_000) {
      try {
        const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) {
          figures.restartSeconds.push((Date.now() - started) / 1000);
          return true;
        }
      } catch {
        /* not listening yet */
      }
      await sleep(200);
    }
    const tail = readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n");
    fail(kill, `the server did not start (exit ${code ?? "none, still starting after 180 s"}):\n${tail}`);
    figures.startFailures++;
    if (code === undefined) killGroup();
    return false;
  }

  function killGroup() {
    if (child?.pid) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  }

  async function openDb(kill: number): Promise<Database | null> {
    try {
      return postgres ? await openDatabase({ kind: "postgres", url: postgres.url }) : await openDatabase({ kind: "pglite-dir", dataDir });
    } catch (err) {
      figures.openFailures++;
      fail(kill, `the database would not open after the kill: ${(err as Error).message}`);
      return null;
    }
  }

  const acks: Ack[] = [];
  const killTimes: number[] = [];
  const seenLost = new Set<string>();
  const seenBroken = new Set<string>();
  const reported = { mails: new Set<string>(), issues: new Set<string>(), redactions: new Set<string>(), jobs: new Set<string>() };

  /** Every check that reads the database, the server stopped. `liveWorker`: the worker of the server just killed (its jobs may still be held). */
  async function checkStopped(kill: number, liveWorker: string | null) {
    const d = await openDb(kill);
    if (!d) return false;
    try {
      const found = await findWrites(d.prisma);
      for (const l of lostWrites(acks, found)) {
        const key = `${l.ack.kind}:${l.ack.id}`;
        if (seenLost.has(key)) continue;
        seenLost.add(key);
        figures.lost++;
        fail(kill, `acknowledged ${l.ack.kind} ${l.ack.id} lost: ${l.why}`);
      }
      for (const b of brokenBlobs(await blobRefs(d.prisma, blobs))) {
        if (seenBroken.has(b)) continue;
        seenBroken.add(b);
        figures.brokenArtefacts++;
        fail(kill, `believed-broken artefact: ${b}`);
      }
      const jobs = await d.prisma.job.findMany({ where: { status: "running" }, select: { id: true, kind: true, status: true, lockedBy: true } });
      for (const s of stuckJobs(jobs, liveWorker)) {
        if (reported.jobs.has(s)) continue;
        reported.jobs.add(s);
        figures.stuckJobs++;
        fail(kill, s);
      }
      for (const s of await findStranded(d.prisma)) {
        if (reported.jobs.has(s)) continue;
        reported.jobs.add(s);
        figures.strandedArtefacts++;
        fail(kill, s);
      }
      for (const r of duplicates(await redactionResults(d.prisma))) {
        if (reported.redactions.has(r.value)) continue;
        reported.redactions.add(r.value);
        figures.duplicateRedactions++;
        fail(kill, `redaction result of ${r.value} written ${r.times} times`);
      }
    } finally {
      await d.close();
    }
    const mails = mailRedeliveries(smtp.received, killTimes);
    figures.redeliveredAcrossKill = mails.acrossKill.length;
    for (const id of mails.withinOneLife) {
      if (reported.mails.has(id)) continue;
      reported.mails.add(id);
      figures.duplicateMails++;
      fail(kill, `mail ${id} delivered twice by one life of the server (no kill in between)`);
    }
    for (const t of duplicates(tracker.issues.map((i) => i.title))) {
      if (reported.issues.has(t.value)) continue;
      reported.issues.add(t.value);
      figures.duplicateIssues++;
      fail(kill, `gap issue "${t.value}" filed ${t.times} times`);
    }
    return true;
  }

  const gate = new Gate();
  if (!(await start(0))) return finish(1);
  const clients = startClients({ base, gate, random, flows: FLOWS, onAck: (a) => acks.push(a), onNote: (m) => writeFileSync(path.join(work, "notes.log"), `${new Date().toISOString()} ${m}\n`, { flag: "a" }) });
  gate.open();
  let stopAt = KILLS;
  for (let k = 1; k <= stopAt; k++) {
    // A random moment while the clients write (the first run also lets a few flows get going).
    await sleep(random.int(k === 1 ? 4000 : 300, MAX_RUN_MS));
    const pid = child!.pid!;
    killTimes.push(Date.now());
    killGroup();
    gate.close();
    await exited;
    await gate.drained();
    figures.kills++;
    const ok = await checkStopped(k, `${os.hostname()}:${pid}`);
    if (!ok || !(await start(k))) {
      say(`stopping after kill ${k}: the portal cannot go on`);
      stopAt = k;
      break;
    }
    const left = leftTempFiles(await temps(), child!.pid!);
    if (left.length) {
      figures.tempFilesLeft += left.length;
      fail(k, `${left.length} temporary upload file(s) left in the blob store after the restart: ${left.slice(0, 3).join(", ")}`);
    }
    gate.open();
    if (k % 10 === 0 || k === stopAt) say(`kill ${k}/${KILLS}: ${acks.length} writes acknowledged, ${failures.length} failures, last restart ${figures.restartSeconds.at(-1)?.toFixed(1)} s`);
  }

  // The end: the clients stop, the queue drains, the server stops cleanly, and the last checks run.
  say("stopping the clients; letting the queue drain");
  await clients.stop();
  // Quiet for five seconds in a row: no mail waiting, no job due (a redaction still running queues its mail when it ends).
  for (let i = 0, quiet = 0; i < 180 && quiet < 5; i++) {
    try {
      const h = (await (await fetch(`${base}/api/health`)).json()) as { outbox?: { waiting: number }; jobs?: { oldestWaiting: unknown } };
      quiet = h.outbox && h.outbox.waiting === 0 && !h.jobs?.oldestWaiting ? quiet + 1 : 0;
    } catch {
      quiet = 0;
    }
    await sleep(1000);
  }
  child!.kill("SIGTERM");
  await exited;
  await checkStopped(stopAt, null);
  const d = await openDb(stopAt);
  const summary: Record<string, unknown> = {};
  if (d) {
    try {
      const found = await findWrites(d.prisma);
      summary.writesFound = acks.length - lostWrites(acks, found).length;
      const sent = await d.prisma.outboxMessage.findMany({ where: { status: "sent" }, select: { messageId: true } });
      const received = new Set(smtp.received.map((r) => messageIdOf(r.raw)));
      const notReceived = sent.filter((m) => !received.has(m.messageId));
      if (notReceived.length) fail(stopAt, `${notReceived.length} mail(s) marked sent never reached the SMTP server: ${notReceived[0]!.messageId}`);
      const jobs = await d.prisma.job.groupBy({ by: ["kind", "status"], _count: true });
      summary.jobs = Object.fromEntries(jobs.map((j) => [`${j.kind} ${j.status}`, j._count]));
      const due = await d.prisma.job.count({ where: { status: "queued", runAt: { lt: new Date(Date.now() - 60_000) } } });
      if (due) fail(stopAt, `${due} job(s) due for over a minute were never run after the restarts`);
      const filedRecords = await d.prisma.gapRecord.findMany({ where: { issueIid: { not: null } }, select: { issueIid: true } });
      const missing = filedRecords.filter((g) => !tracker.issues.some((i) => i.iid === g.issueIid));
      if (missing.length) fail(stopAt, `${missing.length} gap record(s) name an issue the tracker does not have`);
      summary.outbox = Object.fromEntries((await d.prisma.outboxMessage.groupBy({ by: ["status"], _count: true })).map((g) => [g.status, g._count]));
    } finally {
      await d.close();
    }
  }
  const verify = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "scripts/audit-verify.ts"], { env: serverEnv, stdio: ["ignore", "pipe", "pipe"] });
  let verifyOut = "";
  verify.stdout.on("data", (c: Buffer) => (verifyOut += c.toString()));
  verify.stderr.on("data", (c: Buffer) => (verifyOut += c.toString()));
  const verifyCode = await new Promise<number | null>((r) => verify.once("exit", r));
  if (verifyCode !== 0) fail(stopAt, `npm run audit:verify failed: ${verifyOut.trim()}`);

  const byKind: Record<string, number> = {};
  for (const a of acks) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
  const rs = figures.restartSeconds.slice(1);
  Object.assign(summary, {
    db: DB,
    blobs: BLOBS,
    seed: SEED,
    kills: figures.kills,
    writesAcknowledged: acks.length,
    byKind,
    lost: figures.lost,
    brokenArtefacts: figures.brokenArtefacts,
    tempFilesLeft: figures.tempFilesLeft,
    duplicateMails: figures.duplicateMails,
    mailsRedeliveredAcrossKill: figures.redeliveredAcrossKill,
    duplicateIssues: figures.duplicateIssues,
    duplicateRedactions: figures.duplicateRedactions,
    stuckJobs: figures.stuckJobs,
    strandedArtefacts: figures.strandedArtefacts,
    openFailures: figures.openFailures,
    startFailures: figures.startFailures,
    mailsReceived: smtp.received.length,
    issuesFiled: tracker.issues.length,
    auditVerify: verifyCode === 0 ? verifyOut.trim().split("\n")[0] : "FAILED",
    medianRestartSeconds: rs.length ? rs.sort((a, b) => a - b)[Math.floor(rs.length / 2)] : null,
    failures: failures.length,
  });
  writeFileSync(path.join(work, "summary.json"), JSON.stringify({ ...summary, failureList: failures }, null, 2));
  say(`summary: ${JSON.stringify(summary)}`);
  await smtp.close();
  await tracker.stop();
  await s3?.stop();
  return finish(failures.length ? 1 : 0);

  function finish(code: number) {
    killGroup();
    if (code === 0 && !process.env.CRASH_KEEP) rmSync(path.join(work, "data"), { recursive: true, force: true });
    say(code === 0 ? "every check held" : `${failures.length} failure(s); details above and in ${path.relative(process.cwd(), work)}`);
    return code;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
