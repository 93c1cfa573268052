// npm run bench:settings-preview: the Admin's preview of a policy change (which open cases would
// get another outcome or route) at 100,000 cases, against a baseline of 1,000 cases measured in
// the same run. Prints p50/p95 per scenario and the ratio, and appends the figures to
// bench/RESULTS.md with the machine and the date. Goal: under 1 s at 100,000 cases.
//   BENCH_CASES=100000      size of the large data set
//   BENCH_RUNS=30           timed runs per scenario (after 3 warm-up runs)
//   BENCH_DATABASE_URL=...  run on PostgreSQL (an empty database you can drop tables in) instead of PGlite
import { performance } from "node:perf_hooks";
import type { SessionUser } from "@/lib/auth/session";
import { ensureSettings } from "@/lib/settings/ensure-settings";
import { previewPolicyChange } from "@/lib/settings/preview-policy-change";
import type { PolicyValues } from "@/lib/settings/rules";
import { seedBulkCases } from "../tests/support/bulk-cases";
import { seedBulkScopes } from "../tests/support/bulk-scopes";
import { appendResults, baselineVsLarge, KIND, LARGE, openBenchDatabase, printTable, run, RUNS, TIMING_HEADS, timingCells } from "./support";

const DEFAULTS: PolicyValues = { maxWindowMonths: 1, standardWindowDays: 7, maxResources: 20, maxEventTypes: 10, supportMaxResources: 5, retentionDays: 90 };
type Scenario = [string, PolicyValues, number];
const SCENARIOS: Scenario[] = [
  ["looser: 2 months, 14 days, 30 resources, 12 event types, Support 8", { maxWindowMonths: 2, standardWindowDays: 14, maxResources: 30, maxEventTypes: 12, supportMaxResources: 8, retentionDays: 90 }, 1],
  ["stricter: 3 days, 12 resources, Support 2", { ...DEFAULTS, standardWindowDays: 3, maxResources: 12, supportMaxResources: 2 }, 1],
  ["stricter, page 200 of the list", { ...DEFAULTS, standardWindowDays: 3, maxResources: 12, supportMaxResources: 2 }, 200],
  ["one value: Support 4", { ...DEFAULTS, supportMaxResources: 4 }, 1],
  ["the values in force (nothing moves)", DEFAULTS, 1],
];

async function prepare(size: number) {
  const db = await openBenchDatabase();
  await ensureSettings(db.prisma, { internalHosts: [".internal"], productHosts: [] });
  const t0 = performance.now();
  const { stamp } = await seedBulkCases(db.prisma, size, { accounts: 200 });
  await seedBulkScopes(db.prisma, stamp);
  const admin = await db.prisma.user.create({ data: { email: `bench-admin-${stamp}@bulk.example`, name: "Bench Admin", role: "admin" }, select: { id: true, email: true, name: true, role: true } });
  return { db, admin: admin as SessionUser, seedMs: performance.now() - t0 };
}

async function main() {
  const { baseline, result, seedMs } = await baselineVsLarge({
    title: "Settings preview benchmark",
    per: "scenario",
    seeded: "with their scopes",
    prepare,
    scenarios: ({ admin }) => SCENARIOS.map(([name, policy, page]) => [name, () => previewPolicyChange(admin, { policy, page })]),
  });
  const table = printTable(
    ["draft policy", `open cases checked (${LARGE / 1000}k)`, "would move", ...TIMING_HEADS, "< 1 s"],
    SCENARIOS.map(([name]) => {
      const r = result[name]!;
      return [name, r.last.evaluated.toLocaleString("en"), r.last.changed.toLocaleString("en"), ...timingCells(r, baseline[name]!), r.p95 < 1000 ? "met" : "NOT met"];
    }),
  );
  appendResults(
    `Settings: preview of a policy change, ${KIND}`,
    `Appended by \`npm run bench:settings-preview\`. ${LARGE.toLocaleString()} cases (tests/support/bulk-cases.ts) with scopes (tests/support/bulk-scopes.ts) seeded in ${(seedMs / 1000).toFixed(1)} s; ${RUNS} timed runs per scenario after 3 warm-up runs. Each run is the whole \`previewPolicyChange\` (lib/settings/preview-policy-change.ts) as the editor calls it: the settings in force, then one SQL statement that judges every open case under both policies and returns the count by kind and one page of 25. Compared with the process document's values in force.`,
    table,
  );
}

run(main);
