// npm run bench:settings-preview: the Admin's preview of a policy change (which open cases would
// get another outcome or route) at 100,000 cases, against a baseline of 1,000 cases measured in
// the same run. Prints p50/p95 per scenario and the ratio, and appends the figures to
// bench/RESULTS.md with the machine and the date. Goal: under 1 s at 100,000 cases.
//   BENCH_CASES=100000      size of the large data set
//   BENCH_RUNS=30           timed runs per scenario (after 3 warm-up runs)
//   BENCH_DATABASE_URL=...  run on PostgreSQL (an empty database you can drop tables in) instead of PGlite
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { SessionUser } from "@/lib/auth/session";
import { installDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrations";
import { openDatabase, type Database } from "@/lib/db/open";
import { ensureSettings } from "@/lib/settings/ensure-settings";
import { previewPolicyChange, type PolicyPreview } from "@/lib/settings/preview-policy-change";
import type { PolicyValues } from "@/lib/settings/rules";
import { seedBulkCases } from "../tests/support/bulk-cases";
import { seedBulkScopes } from "../tests/support/bulk-scopes";

const LARGE = Number(process.env.BENCH_CASES ?? 100_000);
const BASE = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PG = process.env.BENCH_DATABASE_URL;

const DEFAULTS: PolicyValues = { maxWindowMonths: 1, standardWindowDays: 7, maxResources: 20, maxEventTypes: 10, supportMaxResources: 5 };
type Scenario = [string, PolicyValues, number];
const SCENARIOS: Scenario[] = [
  ["looser: 2 months, 14 days, 30 resources, 12 event types, Support 8", { maxWindowMonths: 2, standardWindowDays: 14, maxResources: 30, maxEventTypes: 12, supportMaxResources: 8 }, 1],
  ["stricter: 3 days, 12 resources, Support 2", { ...DEFAULTS, standardWindowDays: 3, maxResources: 12, supportMaxResources: 2 }, 1],
  ["stricter, page 200 of the list", { ...DEFAULTS, standardWindowDays: 3, maxResources: 12, supportMaxResources: 2 }, 200],
  ["one value: Support 4", { ...DEFAULTS, supportMaxResources: 4 }, 1],
  ["the values in force (nothing moves)", DEFAULTS, 1],
];

async function prepare(size: number): Promise<{ db: Database; admin: SessionUser; seedMs: number }> {
  let db: Database;
  if (PG) {
    db = await openDatabase({ kind: "postgres", url: PG });
    await db.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS public CASCADE`);
    await db.prisma.$executeRawUnsafe(`CREATE SCHEMA public`);
  } else {
    db = await openDatabase({ kind: "pglite-memory" });
  }
  await applyMigrations(db.factory);
  await ensureSettings(db.prisma, { internalHosts: [".internal"], productHosts: [] });
  const t0 = performance.now();
  const { stamp } = await seedBulkCases(db.prisma, size, { accounts: 200 });
  await seedBulkScopes(db.prisma, stamp);
  const admin = await db.prisma.user.create({ data: { email: `bench-admin-${stamp}@bulk.example`, name: "Bench Admin", role: "admin" }, select: { id: true, email: true, name: true, role: true } });
  return { db, admin: admin as SessionUser, seedMs: performance.now() - t0 };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(db: Database, admin: SessionUser) {
  installDatabase(db);
  const out: Record<string, { p50: number; p95: number; last: PolicyPreview }> = {};
  for (const [name, policy, page] of SCENARIOS) {
    let last!: PolicyPreview;
    for (let i = 0; i < 3; i++) last = await previewPolicyChange(admin, { policy, page });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      last = await previewPolicyChange(admin, { policy, page });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out[name] = { p50: percentile(times, 50), p95: percentile(times, 95), last };
  }
  installDatabase(undefined);
  return out;
}

async function main() {
  const kind = PG ? "PostgreSQL" : "PGlite (in memory)";
  console.log(`Settings preview benchmark on ${kind}: ${LARGE.toLocaleString()} cases vs a ${BASE.toLocaleString()}-case baseline, ${RUNS} runs per scenario`);

  const base = await prepare(BASE);
  const baseline = await measure(base.db, base.admin);
  await base.db.close();

  const large = await prepare(LARGE);
  console.log(`seeded ${LARGE.toLocaleString()} cases with their scopes in ${(large.seedMs / 1000).toFixed(1)} s`);
  const result = await measure(large.db, large.admin);
  await large.db.close();

  const rows = SCENARIOS.map(([name]) => {
    const r = result[name]!;
    const b = baseline[name]!;
    return `| ${name} | ${r.last.evaluated.toLocaleString("en")} | ${r.last.changed.toLocaleString("en")} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${b.p95.toFixed(1)} | ${(r.p95 / b.p95).toFixed(2)}x | ${r.p95 < 1000 ? "met" : "NOT met"} |`;
  });
  const header = `| draft policy | open cases checked (${LARGE / 1000}k) | would move | p50 ms (${LARGE / 1000}k) | p95 ms (${LARGE / 1000}k) | p95 ms (baseline ${BASE / 1000}k) | ratio p95 | < 1 s |\n|---|---|---|---|---|---|---|---|`;
  const table = [header, ...rows].join("\n");
  console.log(`\n${table}\n`);

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const machine = `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
  const file = "bench/RESULTS.md";
  if (!existsSync(file)) writeFileSync(file, "# Benchmark results\n\nAppended by the `npm run bench*` scripts; newest last. Each run measures its own baseline.\n");
  appendFileSync(
    file,
    `\n## Settings: preview of a policy change, ${kind}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC\n\nMachine: ${machine}. Appended by \`npm run bench:settings-preview\`. ${LARGE.toLocaleString()} cases (tests/support/bulk-cases.ts) with scopes (tests/support/bulk-scopes.ts) seeded in ${(large.seedMs / 1000).toFixed(1)} s; ${RUNS} timed runs per scenario after 3 warm-up runs. Each run is the whole \`previewPolicyChange\` (lib/settings/preview-policy-change.ts) as the editor calls it: the settings in force, then one SQL statement that judges every open case under both policies and returns the count by kind and one page of 25. Compared with the process document's values in force.\n\n${table}\n`,
  );
  console.log(`appended to ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
