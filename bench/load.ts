// npm run bench:load: the portal's pages under load, as staff meet them (issue 15). For each
// database (PGlite on disk, then a throw-away PostgreSQL cluster): seed the demo staff and accounts
// and BENCH_CASES bulk cases (the demo Support and SIRT staff see ~40% of them; the demo CSM is
// given ten bulk accounts), start the production server with its worker, wait until the worker's
// start-up work is done, sign in as each role, then per page: a warm-up, then autocannon with
// BENCH_CONNECTIONS connections for BENCH_SECONDS. Prints p50/p95/p99, requests/s, errors, the
// bytes per answer, the server process's CPU per answer and each p95 as a multiple of the
// baseline's p95 in the same run, and appends them to bench/RESULTS.md. Baseline: GET
// /api/health/db (no session, one database round trip: /api/health itself grew backlog queries in
// issue 14), measured first and again for BENCH_BASELINE_SECONDS just before each page: this host's
// speed drifts by a third within minutes, so each page is held against the baseline measured beside
// it (the ratio to the first baseline is printed too). /signin (no session, no data) is measured as
// a reference: Next's own cost of a page.
//   BENCH_CASES=100000        bulk cases
//   BENCH_CONNECTIONS=50      concurrent connections per page
//   BENCH_SECONDS=30          measured seconds per page
//   BENCH_BASELINE_SECONDS    measured seconds of the baseline just before each page (as BENCH_SECONDS)
//   BENCH_DBS=pglite,postgres which databases, in order
//   BENCH_PAGES=<substring>   only the pages whose name contains it (the baseline always runs)
//   BENCH_DEEP_PAGE=200       the deep page of SIRT's case list
//   BENCH_PROCESSES=1         on PostgreSQL, the server's LOGDESK_PROCESSES (server processes sharing its port)
//   BENCH_VIEWS=10            then each page viewed this many times in Chromium (bench/browser-views.ts): the
//                             requests a view makes the server answer and its CPU per view; 0 leaves it out
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { applyMigrations } from "@/lib/db/migrations";
import { openDatabase, type OpenOptions as DatabaseConfig } from "@/lib/db/open";
import { seedDemoData, seedReferenceData } from "@/lib/demo/seed";
import { seedBulkCases } from "../tests/support/bulk-cases";
import { freePort, startPostgres } from "../tests/support/throwaway-postgres";
import { openBrowser, viewCost } from "./browser-views";
import { appendResults, percentile, printTable, processCpuMs, run, signIn } from "./support";

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
// As long as a page's run: a shorter one meets fewer of the rare slow answers (an upkeep round, a
// full garbage collection) that set a p95, and measured 85–133 ms where the 30-second run measured 127.
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? SECONDS);
const DBS = (process.env.BENCH_DBS ?? "pglite,postgres").split(",").map((s) => s.trim()) as ("pglite" | "postgres")[];
const ONLY = process.env.BENCH_PAGES;
/** The deep page of SIRT's case list (200 at 100,000 cases; smaller data sets need a smaller one). */
const DEEP = Number(process.env.BENCH_DEEP_PAGE ?? 200);
const VIEWS = Number(process.env.BENCH_VIEWS ?? 10);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Set when the server's worker logs its first reminder scan's writes (the bulk cases' overdue updates). */
let remindersWritten = false;
/** The embedded database's upkeep rounds logged by the server, in order ("Case: vacuum 812 ms, ..."). */
const upkeepDone: string[] = [];
const UPKEEP_LOGGED = '"msg":"embedded database maintained"';


interface Measured {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  total: number;
  kb: number;
}

/** autocannon against one URL; latencies of every answer collected here, for p95 (autocannon reports p97.5). */
async function load(url: string, cookie: string | undefined, opts: { seconds?: number; amount?: number; connections?: number }): Promise<Measured> {
  const times: number[] = [];
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: opts.connections ?? CONNECTIONS,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds ?? SECONDS }),
        timeout: 30,
        headers: cookie ? { cookie } : {},
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  const at = (p: number) => (times.length ? Math.round(percentile(times, p)) : NaN);
  return {
    rps: r.requests.average,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    errors: r.errors + r.timeouts + r.non2xx,
    total: r.requests.total,
    kb: r.requests.total ? r.throughput.total / r.requests.total / 1024 : 0,
  };
}

/** Waits (at most a minute) until the machine's 1-minute run queue is below its core count. */
async function quiet() {
  const cores = os.cpus().length;
  for (let i = 0; i < 60 && os.loadavg()[0]! > cores; i++) await sleep(1000);
}

async function seed(config: DatabaseConfig): Promise<{ caseId: string; seconds: number }> {
  const t0 = Date.now();
  const d = await openDatabase(config);
  try {
    await applyMigrations(d.factory);
    await seedReferenceData(d.prisma);
    await seedDemoData(d.prisma);
    await seedBulkCases(d.prisma, CASES, { accounts: 200 });
    // The demo CSM manages ten bulk accounts besides the demo ones (a CSM's list of a few thousand cases).
    await d.prisma.$executeRawUnsafe(`
      INSERT INTO "AccountManager" ("accountId", "userId")
      SELECT a.id, u.id FROM (SELECT id FROM "Account" WHERE slug LIKE 'bulk-%' ORDER BY slug LIMIT 10) a, "User" u
      WHERE u.email = 'csm@logdesk.test'`);
    await d.prisma.$executeRawUnsafe(`ANALYZE`);
    const sample = await d.prisma.case.findFirst({ where: { team: "support", status: "in_progress" }, select: { id: true }, orderBy: { createdAt: "desc" } });
    return { caseId: sample!.id, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await d.close();
  }
}

async function startServer(env: Record<string, string>): Promise<{ base: string; server: ChildProcess; log: string[] }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const server = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1", NEXTAUTH_URL: base, LOGDESK_WORKER: "1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (b: Buffer) => {
    const text = b.toString();
    if (text.includes('"msg":"reminders written"')) remindersWritten = true;
    // PGlite's housekeeping (lib/db/maintenance.ts) runs in the server while pages are measured: noted
    // beside the page it overlapped. The chunk is checked first: the server logs a line per request.
    if (text.includes(UPKEEP_LOGGED)) {
      for (const line of text.split("\n").filter((l) => l.includes(UPKEEP_LOGGED))) {
        try {
          upkeepDone.push(((JSON.parse(line) as { tables?: string[] }).tables ?? []).join(", "));
        } catch {
          upkeepDone.push("(unreadable log line)");
        }
      }
    }
    log.push(text);
    if (log.length > 200) log.shift();
  };
  server.stdout!.on("data", keep);
  server.stderr!.on("data", keep);
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${log.join("")}`);
    if (i > 480) throw new Error(`the server did not start in 4 minutes:\n${log.join("")}`);
    try {
      if ((await fetch(`${base}/api/health/db`)).ok) break;
    } catch {
      /* not yet */
    }
    await sleep(500);
  }
  return { base, server, log };
}

// The worker's start-up backlog: each of the first scan's reminders (about 20,000) is a delivery job
// of its own, which took another 5 minutes after the scan to drain on PGlite on a fast host (8 minutes
// for 31,000 by hand): with 5 minutes' wait in all, the first pages on a slower host ran beside them.
const SETTLE_SECONDS = 1_800;

/** Until no job is due and none runs (the worker's start-up reminders, checkpoints): at most SETTLE_SECONDS. */
async function workerSettled(config: DatabaseConfig): Promise<boolean> {
  const d = await openDatabase(config).catch(() => null);
  if (!d) return false; // not known to be settled
  try {
    for (let i = 0; i < SETTLE_SECONDS; i++) {
      const busy = await d.prisma.job.count({ where: { OR: [{ status: "running" }, { status: "queued", runAt: { lte: new Date() } }] } });
      if (busy === 0) return true;
      await sleep(1000);
    }
    return false;
  } finally {
    await d.close();
  }
}

/** The same for PGlite, whose folder is the server's own: the health route's backlog tells. */
async function healthSettled(base: string): Promise<boolean> {
  for (let i = 0; i < SETTLE_SECONDS; i++) {
    const h = (await (await fetch(`${base}/api/health`)).json()) as { jobs?: { oldestWaiting: unknown } };
    if (!h.jobs?.oldestWaiting) return true;
    await sleep(1000);
  }
  return false;
}

async function measureDatabase(kind: "pglite" | "postgres", work: string): Promise<{ label: string; rows: string[][]; worst: number; worstFirst: number; errors: number; baselines: number[]; views: string[][] }> {
  let env: Record<string, string>;
  let config: DatabaseConfig;
  let stop = () => {};
  let label: string;
  if (kind === "postgres") {
    const pgs = await startPostgres(work, "bench", { durable: true });
    stop = pgs.stop;
    config = { kind: "postgres", url: pgs.url };
    label = `PostgreSQL ${pgs.version}${PROCESSES > 1 ? `, ${PROCESSES} server processes` : ""}`;
    env = { DATABASE_URL: pgs.url, NEXTAUTH_SECRET: "bench-load-secret-0123456789", LOGDESK_DEMO_DATA: "1", LOGDESK_DEMO_HISTORY: "off", LOGDESK_PROCESSES: String(PROCESSES) };
  } else {
    const dir = path.join(work, "data");
    mkdirSync(dir);
    config = { kind: "pglite-dir", dataDir: dir };
    label = "PGlite (on disk)";
    env = { LOGDESK_DATA_DIR: dir, DATABASE_URL: "", LOGDESK_DEMO_HISTORY: "off" };
  }
  try {
    const { caseId, seconds } = await seed(config);
    console.log(`\n${label}: seeded the demo staff and ${CASES.toLocaleString()} bulk cases in ${seconds.toFixed(1)} s`);
    const t0 = Date.now();
    const { base, server } = await startServer(env);
    try {
      // The worker's first reminder scan writes one reminder per overdue bulk case (about 20,000):
      // wait for it (at most 10 minutes), then for the queue to drain, as a deployment settles.
      remindersWritten = false;
      for (let i = 0; i < 600 && !remindersWritten; i++) await sleep(1000);
      console.log(remindersWritten ? `the worker's first reminder scan finished after ${((Date.now() - t0) / 1000).toFixed(0)} s` : "no reminder scan logged in 10 minutes; measuring anyway");
      const settled = kind === "postgres" ? await workerSettled(config) : await healthSettled(base);
      console.log(`server up${settled ? " and its worker settled" : `; its worker still had jobs waiting after ${SETTLE_SECONDS / 60} minutes, measuring anyway`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const cookies: Record<string, string> = {};
      for (const role of ["support", "csm", "sirt", "legal"]) cookies[role] = await signIn(base, role);
      // The deep page as a user reaches it: the Next link of page 199 (a keyset cursor, lib/cases/keyset.ts).
      const page199 = await (await fetch(`${base}/cases?page=${DEEP - 1}`, { headers: { cookie: cookies.sirt! } })).text();
      const nextLink = /<a[^>]*href="([^"]+)"[^>]*rel="next"|<a[^>]*rel="next"[^>]*href="([^"]+)"/.exec(page199);
      const deepNext = nextLink ? (nextLink[1] ?? nextLink[2])!.replaceAll("&amp;", "&") : null;
      if (!deepNext) throw new Error(`page ${DEEP - 1} of SIRT's case list has no Next link`);
      // Rows marked true are references, not pages the goal applies to: the baseline, the health
      // route with its backlog figures, and /signin, a page with no session and no data, whose
      // ratio is what Next's own rendering of a page costs on this machine.
      const pages: [string, string, string | undefined, boolean?][] = [
        ["baseline: /api/health/db (no session)", "/api/health/db", undefined, true],
        ["/api/health (backlog figures)", "/api/health", undefined, true],
        ["reference: /signin (no session, no data)", "/signin", undefined, true],
        ["SIRT: /queue", "/queue", cookies.sirt],
        ["Legal: /queue", "/queue", cookies.legal],
        ["Support: /cases", "/cases", cookies.support],
        ["CSM: /cases", "/cases", cookies.csm],
        // By its number: read once by OFFSET, then from where it began (lib/cases/page-anchors.ts) for a minute.
        [`SIRT: /cases?page=${DEEP} (by number)`, `/cases?page=${DEEP}`, cookies.sirt],
        [`SIRT: page ${DEEP} by Next (cursor)`, deepNext, cookies.sirt],
        ["Support: /cases?q=token (search)", "/cases?q=token", cookies.support],
        ["Support: /updates (Updates due)", "/updates", cookies.support],
        // The whole team's board: every open case Support can see with its clock running (13,000+ overdue at this scale).
        ["Support: /updates?scope=team (the whole team's)", "/updates?scope=team", cookies.support],
        ["Legal: /reports (last 90 days)", "/reports", cookies.legal],
        ["Support: a case page", `/cases/${caseId}`, cookies.support],
        // The CSM receives the reminders of its ten bulk accounts' cases: the largest inbox of the demo staff.
        ["CSM: /notifications", "/notifications", cookies.csm],
      ];
      const rows: string[][] = [];
      let first = 0;
      let worst = 0;
      let worstFirst = 0;
      let errors = 0;
      const baselines: number[] = [];
      for (const [name, p, cookie, reference] of pages) {
        if (ONLY && first && !name.includes(ONLY)) continue;
        await quiet();
        // The baseline beside the page (after the first row, which is the baseline's own full run).
        let beside = first;
        if (first) {
          await load(`${base}/api/health/db`, undefined, { amount: 50, connections: 10 }); // warm-up
          beside = (await load(`${base}/api/health/db`, undefined, { seconds: BASELINE_SECONDS })).p95;
          baselines.push(beside);
        }
        await load(`${base}${p}`, cookie, { amount: 50, connections: 10 }); // warm-up
        const cpuBefore = processCpuMs(server.pid!);
        const upkeepBefore = upkeepDone.length;
        const r = await load(`${base}${p}`, cookie, {});
        const upkeep = upkeepDone.slice(upkeepBefore).join("; ");
        // The portal process's CPU (its threads included: PGlite's runs in one) per answer. On
        // PostgreSQL the database's own work is in its processes, not counted here.
        const cpu = r.total ? (processCpuMs(server.pid!) - cpuBefore) / r.total : NaN;
        if (!first) first = beside = r.p95;
        const ratio = r.p95 / beside;
        const ratioFirst = r.p95 / first;
        if (!reference) {
          worst = Math.max(worst, ratio);
          worstFirst = Math.max(worstFirst, ratioFirst);
        }
        errors += r.errors;
        console.log(`${name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, ${r.kb.toFixed(1)} KB, ${cpu.toFixed(1)} ms CPU, errors ${r.errors}/${r.total}, baseline just before ${beside} ms: p95 ${ratio.toFixed(1)}x it, ${ratioFirst.toFixed(1)}x the first${upkeep ? `, upkeep during it: ${upkeep}` : ""}`);
        rows.push([name, r.rps.toFixed(0), String(r.p50), String(r.p95), String(r.p99), `${r.errors}/${r.total}`, r.kb.toFixed(1), cpu.toFixed(1), String(beside), `${ratio.toFixed(1)}x`, `${ratioFirst.toFixed(1)}x`, upkeep || "—"]);
      }
      // The same pages as a browser meets them, one view at a time (the load above has ended).
      const views: string[][] = [];
      if (VIEWS > 0) {
        const browser = await openBrowser();
        try {
          for (const [name, p, cookie, reference] of pages) {
            if (reference && p !== "/signin") continue;
            if (ONLY && !name.includes(ONLY)) continue;
            const v = await viewCost(browser, base, p, cookie, server.pid!, VIEWS);
            console.log(`${name} in a browser: ${v.requests.toFixed(1)} requests answered per view (${v.prefetches.toFixed(1)} prefetches), ${v.cpuPerView.toFixed(0)} ms CPU per view, alone ${v.cpuAlone.toFixed(0)} ms${v.others.length ? `; also asked for ${v.others.join(", ")}` : ""}`);
            views.push([name, v.requests.toFixed(1), v.prefetches.toFixed(1), v.cpuPerView.toFixed(0), v.cpuAlone.toFixed(0), `${(v.cpuPerView / v.cpuAlone).toFixed(1)}x`, v.others.join(", ") || "—"]);
          }
        } finally {
          await browser.close();
        }
      }
      return { label, rows, worst, worstFirst, errors, baselines, views };
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
    }
  } finally {
    stop();
  }
}

async function main() {
  execFileSync("bash", ["scripts/build.sh"], { stdio: "inherit" });
  const work = mkdtempSync(path.join(os.tmpdir(), "logdesk-bench-load-"));
  if (process.getuid?.() === 0) execFileSync("chmod", ["755", work]);
  try {
    for (const kind of DBS) {
      const { label, rows, worst, worstFirst, errors, baselines, views } = await measureDatabase(kind, work);
      const table = printTable(
        ["page", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "KB per answer", "server CPU ms per answer", "baseline p95 just before (ms)", "p95 / baseline just before", "p95 / first baseline", "PGlite upkeep during the run"],
        rows,
      );
      const spread = baselines.length ? ` The baseline's p95 just before each page ranged ${Math.min(...baselines)}–${Math.max(...baselines)} ms (the first run's: ${rows[0]![3]} ms).` : "";
      const verdict = `Worst page: ${worst.toFixed(1)}x the baseline's p95 measured just before it (goal: within 5x), ${worstFirst.toFixed(1)}x the first baseline's; ${errors} errors.${spread}`;
      console.log(verdict);
      appendResults(
        `Load: pages at ${CASES.toLocaleString()} cases, ${label}`,
        `Appended by \`npm run bench:load\`. The production server (with its worker) on ${label} with the demo staff and ${CASES.toLocaleString()} bulk cases (tests/support/bulk-cases.ts; the demo CSM manages ten bulk accounts); each page signed in as its role, ${CONNECTIONS} connections for ${SECONDS} s after a 50-request warm-up and once the run queue drained. Baseline in the same run: GET /api/health/db (no session, one database round trip), for ${SECONDS} s first and for ${BASELINE_SECONDS} s just before each page, whose ratio is to that one (and, in the next column, to the first); /signin (no session, no data) is a reference for what rendering any page costs, not a page the goal applies to. Server CPU: the portal process's CPU time (all its threads: PGlite runs in one) over the run, per answer; on PostgreSQL the database's processes are not counted. ${verdict}`,
        table,
      );
      if (views.length)
        appendResults(
          `Browser views: pages at ${CASES.toLocaleString()} cases, ${label}`,
          `Appended by \`npm run bench:load\` after the table above, on the same server. Each page viewed ${VIEWS} times, one at a time, in Chromium with a warm cache (after two views that fill it), each view a new tab that loads the page and waits for the network to be idle, 1.5 s a view; then the page fetched alone (no browser) ${VIEWS} times at the same pace. Requests: those the server answered per view (the build's static files come from the browser's cache). CPU: the portal process's for the median view and the median lone fetch (the worker's jobs and the upkeep come in bursts that land in a few of them), idle upkeep included in both.`,
          printTable(["page", "requests answered per view", "of which prefetches", "server CPU ms per view", "server CPU ms per lone fetch", "view / lone fetch", "other requests of a view"], views),
        );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

run(main);
