// What the database benchmarks (npm run bench, npm run bench:settings-preview) share: their
// settings from the environment, a fresh database per data set, the timed runs of each scenario
// (p50/p95), the flow of a baseline data set against the large one measured in the same run, and
// the entry appended to bench/RESULTS.md.
//   BENCH_CASES=100000      size of the large data set
//   BENCH_RUNS=30           timed runs per scenario (after 3 warm-up runs)
//   BENCH_DATABASE_URL=...  run on PostgreSQL (an empty database you can drop tables in) instead of PGlite
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { installDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrations";
import { openDatabase, type Database } from "@/lib/db/open";
import { DEMO_STAFF } from "@/lib/demo/data";

export const LARGE = Number(process.env.BENCH_CASES ?? 100_000);
export const BASE = 1_000;
export const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PG = process.env.BENCH_DATABASE_URL;
export const KIND = PG ? "PostgreSQL" : "PGlite (in memory)";

/** An empty database with the schema migrated: PGlite in memory, or BENCH_DATABASE_URL. */
export async function openBenchDatabase(): Promise<Database> {
  let db: Database;
  if (PG) {
    db = await openDatabase({ kind: "postgres", url: PG });
    // A fresh schema per data set: this database is the benchmark's own.
    await db.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS public CASCADE`);
    await db.prisma.$executeRawUnsafe(`CREATE SCHEMA public`);
  } else {
    db = await openDatabase({ kind: "pglite-memory" });
  }
  await applyMigrations(db.factory);
  return db;
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A process's CPU time (user + system, all its threads) in ms, from /proc (Linux; 10 ms steps); NaN when it has gone. */
export function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // With LOGDESK_PROCESSES the server's work is done by its child processes: theirs is counted
    // too (each one's own threads; a child that ended takes its time with it).
    return (Number(fields[11]) + Number(fields[12])) * 10 + childrenOf(pid).reduce((sum, child) => sum + (processCpuMs(child) || 0), 0);
  } catch {
    return NaN;
  }
}

/** A process's living children (Linux: /proc/<pid>/task/<tid>/children). */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

export interface Timing<T> {
  p50: number;
  p95: number;
  /** What the last run returned. */
  last: T;
}

/** Each scenario run 3 times to warm up, then RUNS times timed, on `db` (installed for the runs). */
async function measure<T>(db: Database, scenarios: [string, () => Promise<T>][]): Promise<Record<string, Timing<T>>> {
  installDatabase(db);
  const out: Record<string, Timing<T>> = {};
  for (const [name, run] of scenarios) {
    let last!: T;
    for (let i = 0; i < 3; i++) last = await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      last = await run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out[name] = { p50: percentile(times, 50), p95: percentile(times, 95), last };
  }
  installDatabase(undefined);
  return out;
}

/**
 * Prints `title`, prepares a BASE data set and measures its scenarios, then the same for LARGE
 * (saying how long its seeding took, `seeded`). Each database is closed after its runs.
 */
export async function baselineVsLarge<P extends { db: Database; seedMs: number }, T>(b: {
  /** "Case list benchmark" */
  title: string;
  /** What one scenario is, in "30 runs per query". */
  per: string;
  /** How the large data set was seeded, in "seeded 100,000 cases with bulk SQL in 14.7 s". */
  seeded: string;
  prepare: (size: number) => Promise<P>;
  scenarios: (prepared: P) => [string, () => Promise<T>][];
}): Promise<{ baseline: Record<string, Timing<T>>; result: Record<string, Timing<T>>; seedMs: number }> {
  console.log(`${b.title} on ${KIND}: ${LARGE.toLocaleString()} cases vs a ${BASE.toLocaleString()}-case baseline, ${RUNS} runs per ${b.per}`);

  const base = await b.prepare(BASE);
  const baseline = await measure(base.db, b.scenarios(base));
  await base.db.close();

  const large = await b.prepare(LARGE);
  console.log(`seeded ${LARGE.toLocaleString()} cases ${b.seeded} in ${(large.seedMs / 1000).toFixed(1)} s`);
  const result = await measure(large.db, b.scenarios(large));
  await large.db.close();
  return { baseline, result, seedMs: large.seedMs };
}

/** The header cells of the timing columns: p50 and p95 at LARGE, p95 at BASE, their ratio. */
export const TIMING_HEADS = [`p50 ms (${LARGE / 1000}k)`, `p95 ms (${LARGE / 1000}k)`, `p95 ms (baseline ${BASE / 1000}k)`, "ratio p95"];

/** The cells under TIMING_HEADS for one scenario. */
export function timingCells(r: Timing<unknown>, b: Timing<unknown>): string[] {
  return [r.p50.toFixed(1), r.p95.toFixed(1), b.p95.toFixed(1), `${(r.p95 / b.p95).toFixed(2)}x`];
}

/** A Markdown table, printed between blank lines; returned for the results file. */
export function printTable(heads: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const table = [line(heads), `|${heads.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
  console.log(`\n${table}\n`);
  return table;
}

/** Appends a section `## heading, <date> UTC` to bench/RESULTS.md: the machine, then `text`, then `table`. */
export function appendResults(heading: string, text: string, table: string) {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const machine = `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
  const file = "bench/RESULTS.md";
  if (!existsSync(file)) writeFileSync(file, "# Benchmark results\n\nAppended by the `npm run bench*` scripts; newest last. Each run measures its own baseline.\n");
  appendFileSync(file, `\n## ${heading}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC\n\nMachine: ${machine}. ${text}\n\n${table}\n`);
  console.log(`appended to ${file}`);
}

/** Runs the benchmark's main; a failure is printed and exits 1. */
export function run(main: () => Promise<void>) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

/** Signs in with the demo password through next-auth's own endpoints; the session cookie. */
export async function signIn(base: string, role: string): Promise<string> {
  const who = DEMO_STAFF.find((s) => s.role === role)!;
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ email: who.email, password: who.password, csrfToken, json: "true" }),
  });
  const session = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]!).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`could not sign in as ${role}: HTTP ${res.status}`);
  return session;
}
