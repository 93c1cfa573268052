// npm run bench: the case list and queues at 100,000 cases, against a
// baseline of the same queries at 1,000 cases measured in the same run.
// Prints p50/p95 per query and the ratio, and appends the figures to
// bench/RESULTS.md with the machine and the date.
//   BENCH_CASES=100000      size of the large data set
//   BENCH_RUNS=30           timed runs per query (after 3 warm-up runs)
//   BENCH_DATABASE_URL=...  run on PostgreSQL (an empty database you can drop tables in) instead of PGlite
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { SessionUser } from "@/lib/auth/session";
import type { TCaseListQuery } from "@/lib/cases/list-filters";
import { approvalQueue } from "@/lib/artefacts/queries";
import { listCasesForUser } from "@/lib/cases/queries";
import { legalQueue, teamQueue } from "@/lib/cases/queues";
import { installDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrations";
import { openDatabase, type Database } from "@/lib/db/open";
import { seedBulkCases } from "../tests/support/bulk-cases";

const LARGE = Number(process.env.BENCH_CASES ?? 100_000);
const BASE = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PG = process.env.BENCH_DATABASE_URL;

type People = Awaited<ReturnType<typeof seedBulkCases>>;
type Scenario = [string, (p: People) => Promise<unknown>];

const u = (x: { id: string; email: string; name: string; role: string }) => x as SessionUser;
const list = (role: keyof Omit<People, "stamp">, q: Partial<TCaseListQuery>) => (p: People) => listCasesForUser(u(p[role]), q);

const SCENARIOS: Scenario[] = [
  ["Support: cases list", list("support", {})],
  ["CSM: cases list", list("csm", {})],
  ["SIRT: cases list", list("sirt", {})],
  ["Legal: cases list", list("legal", {})],
  ["Admin: metadata list", (p) => listCasesForUser({ ...u(p.sirt), role: "admin" }, {})],
  ["SIRT: status = in progress", list("sirt", { status: ["in_progress"] })],
  ["SIRT: last 7 days", list("sirt", { age: "7d" })],
  ["SIRT: text search", list("sirt", { q: "webhook change case 77" })],
  ["SIRT: sort by request time", list("sirt", { sort: "requested" })],
  ["SIRT: page 200", list("sirt", { page: 200 })],
  ["Support queue", (p) => teamQueue(u(p.support), "support")],
  ["SIRT queue", (p) => teamQueue(u(p.sirt), "sirt")],
  ["Legal queue", (p) => legalQueue(u(p.legal))],
  ["Legal: artefact reviews waiting", (p) => approvalQueue(u(p.legal), { page: 1 })],
  ["SIRT: artefacts to approve", (p) => approvalQueue(u(p.sirt), { page: 1 })],
];

async function prepare(size: number): Promise<{ db: Database; people: People; seedMs: number }> {
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
  const t0 = performance.now();
  const people = await seedBulkCases(db.prisma, size, { accounts: 200 });
  return { db, people, seedMs: performance.now() - t0 };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(db: Database, people: People) {
  installDatabase(db);
  const out: Record<string, { p50: number; p95: number }> = {};
  for (const [name, run] of SCENARIOS) {
    for (let i = 0; i < 3; i++) await run(people);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await run(people);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out[name] = { p50: percentile(times, 50), p95: percentile(times, 95) };
  }
  installDatabase(undefined);
  return out;
}

async function main() {
  const kind = PG ? "PostgreSQL" : "PGlite (in memory)";
  console.log(`Case list benchmark on ${kind}: ${LARGE.toLocaleString()} cases vs a ${BASE.toLocaleString()}-case baseline, ${RUNS} runs per query`);

  const base = await prepare(BASE);
  const baseline = await measure(base.db, base.people);
  await base.db.close();

  const large = await prepare(LARGE);
  console.log(`seeded ${LARGE.toLocaleString()} cases with bulk SQL in ${(large.seedMs / 1000).toFixed(1)} s`);
  const result = await measure(large.db, large.people);
  await large.db.close();

  const rows = SCENARIOS.map(([name]) => {
    const r = result[name]!;
    const b = baseline[name]!;
    return `| ${name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${b.p95.toFixed(1)} | ${(r.p95 / b.p95).toFixed(2)}x |`;
  });
  const header = `| query | p50 ms (${LARGE / 1000}k) | p95 ms (${LARGE / 1000}k) | p95 ms (baseline ${BASE / 1000}k) | ratio p95 |\n|---|---|---|---|---|`;
  const table = [header, ...rows].join("\n");
  console.log(`\n${table}\n`);

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const machine = `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
  const file = "bench/RESULTS.md";
  if (!existsSync(file)) writeFileSync(file, "# Benchmark results\n\nAppended by `npm run bench`; newest last. Each run measures its own baseline.\n");
  appendFileSync(
    file,
    `\n## Case list and queues, ${kind}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC\n\nMachine: ${machine}. ${LARGE.toLocaleString()} cases seeded in ${(large.seedMs / 1000).toFixed(1)} s; ${RUNS} timed runs per query after 3 warm-up runs; each query is the page (25 rows) plus its total count, as the page runs it.\n\n${table}\n`,
  );
  console.log(`appended to ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
