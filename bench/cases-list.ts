// npm run bench: the case list and queues at 100,000 cases, against a
// baseline of the same queries at 1,000 cases measured in the same run.
// Prints p50/p95 per query and the ratio, and appends the figures to
// bench/RESULTS.md with the machine and the date.
//   BENCH_CASES=100000      size of the large data set
//   BENCH_RUNS=30           timed runs per query (after 3 warm-up runs)
//   BENCH_DATABASE_URL=...  run on PostgreSQL (an empty database you can drop tables in) instead of PGlite
import { performance } from "node:perf_hooks";
import type { SessionUser } from "@/lib/auth/session";
import type { TCaseListQuery } from "@/lib/cases/list-filters";
import { approvalQueue } from "@/lib/artefacts/approval-queue";
import { listCasesForUser } from "@/lib/cases/queries";
import { legalQueue, teamQueue } from "@/lib/cases/queues";
import { seedBulkCases } from "../tests/support/bulk-cases";
import { appendResults, baselineVsLarge, KIND, LARGE, openBenchDatabase, printTable, run, RUNS, TIMING_HEADS, timingCells } from "./support";

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

async function prepare(size: number) {
  const db = await openBenchDatabase();
  const t0 = performance.now();
  const people = await seedBulkCases(db.prisma, size, { accounts: 200 });
  return { db, people, seedMs: performance.now() - t0 };
}

async function main() {
  const { baseline, result, seedMs } = await baselineVsLarge({
    title: "Case list benchmark",
    per: "query",
    seeded: "with bulk SQL",
    prepare,
    scenarios: ({ people }) => SCENARIOS.map(([name, query]) => [name, () => query(people)]),
  });
  const table = printTable(["query", ...TIMING_HEADS], SCENARIOS.map(([name]) => [name, ...timingCells(result[name]!, baseline[name]!)]));
  appendResults(
    `Case list and queues, ${KIND}`,
    `${LARGE.toLocaleString()} cases seeded in ${(seedMs / 1000).toFixed(1)} s; ${RUNS} timed runs per query after 3 warm-up runs; each query is the page (25 rows) plus its total count, as the page runs it.`,
    table,
  );
}

run(main);
