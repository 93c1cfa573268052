// npm run bench:reports: the Reports page's queries (lib/reports/queries.ts) at 100,000 cases,
// against a baseline of the same queries at 1,000 cases and against the case list query (Support's
// first page), all measured in the same run. The bulk cases (tests/support/bulk-cases.ts) gain what
// the reports count: acceptance times, three relays per routed case with their due times, K2
// deadlines and notices, artefact decisions and shares, referrals. At the large size each query's
// plan is printed (EXPLAIN: the scan of each table), to show where an index is used.
//   BENCH_CASES=100000  BENCH_RUNS=30  BENCH_DATABASE_URL=...  (as bench/support.ts)
import { performance } from "node:perf_hooks";
import { PrismaClient } from "@/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { listCasesForUser } from "@/lib/cases/queries";
import { installDatabase } from "@/lib/db";
import type { Database } from "@/lib/db/open";
import { artefactCounts, buildReport, caseGroups, casesPerWeek, durations, exceptionCounts, k2Notices, referralCounts, updatesPerWeek } from "@/lib/reports/queries";
import { defaultRange, type ReportRange } from "@/lib/reports/range";
import { seedBulkCases } from "../tests/support/bulk-cases";
import { seedReportActivity } from "../tests/support/bulk-report-activity";
import { appendResults, baselineVsLarge, KIND, LARGE, openBenchDatabase, printTable, run, RUNS, TIMING_HEADS, timingCells } from "./support";

type Prepared = { db: Database; seedMs: number; support: SessionUser; counts: Record<string, number> };

async function prepare(size: number): Promise<Prepared> {
  const db = await openBenchDatabase();
  const t0 = performance.now();
  const people = await seedBulkCases(db.prisma, size, { accounts: 200 });
  const counts = await seedReportActivity(db.prisma, people.stamp);
  return { db, seedMs: performance.now() - t0, support: people.support as SessionUser, counts };
}

const NINETY = defaultRange(new Date());
const FIVE_YEARS: ReportRange = { from: new Date(Date.now() - 5 * 365 * 86_400_000).toISOString().slice(0, 10), to: NINETY.to };
const NOW = new Date();

const SCENARIOS: [string, (p: Prepared) => Promise<unknown>][] = [
  ["baseline: case list (Support, page 1 + count)", (p) => listCasesForUser(p.support, {})],
  ["cases by outcome/route/status", () => caseGroups(NINETY)],
  ["cases per week", () => casesPerWeek(NINETY)],
  ["p50/p90 acceptance, first relay, release", () => durations(NINETY)],
  ["updates on time vs late per week", () => updatesPerWeek(NINETY)],
  ["K2 notices", () => k2Notices(NINETY, NOW)],
  ["exceptions", () => exceptionCounts(NINETY)],
  ["referrals", () => referralCounts(NINETY)],
  ["artefact decisions and releases", () => artefactCounts(NINETY)],
  ["whole page: buildReport, last 90 days", (p) => buildReport({ ...p.support, role: "admin" }, NINETY, NOW)],
  ["whole page: buildReport, 5 years", (p) => buildReport({ ...p.support, role: "admin" }, FIVE_YEARS, NOW)],
];

type Plan = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Actual Rows"?: number; Plans?: Plan[] };
const nodes = (p: Plan): Plan[] => [p, ...(p.Plans ?? []).flatMap(nodes)];

/** The scans of each query buildReport runs (90 days), as EXPLAIN ANALYZE shows them. */
async function explainReport(p: Prepared): Promise<string[]> {
  const captured: { query: string; params: string }[] = [];
  const logging = new PrismaClient({ adapter: p.db.factory, log: [{ emit: "event", level: "query" }] });
  (logging as unknown as { $on(event: "query", cb: (e: { query: string; params: string }) => void): void }).$on("query", (e) => captured.push(e));
  installDatabase({ ...p.db, prisma: logging });
  await buildReport({ ...p.support, role: "admin" }, NINETY, NOW);
  installDatabase(undefined);
  const out: string[] = [];
  for (const c of captured) {
    if (!/^\s*(SELECT|WITH)/i.test(c.query)) continue;
    const rows = await p.db.prisma.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: Plan }] }[]>(`EXPLAIN (ANALYZE, FORMAT JSON) ${c.query}`, ...(JSON.parse(c.params) as unknown[]));
    const scans = nodes(rows[0]!["QUERY PLAN"][0].Plan).filter((n) => n["Relation Name"]);
    const first = c.query.replace(/\s+/g, " ").trim().slice(0, 70);
    out.push(`${first}…  ${scans.map((s) => `${s["Node Type"]} ${s["Relation Name"]}${s["Index Name"] ? ` (${s["Index Name"]})` : ""} ${s["Actual Rows"]} rows`).join("; ")}`);
  }
  return out;
}

async function main() {
  let plans: string[] = [];
  let counts: Record<string, number> = {};
  const { baseline, result, seedMs } = await baselineVsLarge({
    title: "Reports benchmark",
    per: "query",
    seeded: "with bulk SQL (cases, relays, decisions, shares)",
    prepare: async (size) => {
      const p = await prepare(size);
      if (size === LARGE) {
        counts = p.counts;
        plans = await explainReport(p);
      }
      return p;
    },
    scenarios: (p) => SCENARIOS.map(([name, q]) => [name, () => q(p)]),
  });
  console.log(`rows at ${LARGE.toLocaleString()} cases: ${JSON.stringify(counts)}`);
  console.log("plans (90 days):\n" + plans.map((l) => `  ${l}`).join("\n"));
  const list = result[SCENARIOS[0]![0]]!;
  const table = printTable(
    ["query", ...TIMING_HEADS, "p95 ratio to the case list"],
    SCENARIOS.map(([name]) => [name, ...timingCells(result[name]!, baseline[name]!), `${(result[name]!.p95 / list.p95).toFixed(2)}x`]),
  );
  appendResults(
    `Reports queries, ${KIND}`,
    `Appended by \`npm run bench:reports\`. ${LARGE.toLocaleString()} bulk cases over two years plus what the reports count, seeded in ${(seedMs / 1000).toFixed(1)} s (rows: ${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString()}`).join(", ")}); ${RUNS} timed runs per query after 3 warm-up runs, default range (the last 90 days) unless named. Baselines in the same run: the same queries at 1,000 cases, and the case list's first page with its count at ${LARGE.toLocaleString()} cases. Scans of the 90-day queries at ${LARGE.toLocaleString()} cases (EXPLAIN ANALYZE):\n\n${plans.map((l) => `- \`${l.replace(/`/g, "'")}\``).join("\n")}`,
    table,
  );
}

run(main);
