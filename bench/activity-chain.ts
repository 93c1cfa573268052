// npm run bench:activity-chain: what sealing the activity log into one hash chain (issue 12)
// costs a write. Every state change writes one entry in its transaction; the chain locks the
// head row, hashes the entry and the previous hash, and moves the head, so writers queue there.
// Measured against a baseline in the same run: the same entry inserted into a plain copy of the
// table (no lock, no hash), in the same kind of transaction. Writers run 1, 8 and 32 at a time
// (on PGlite one connection serialises them anyway; on PostgreSQL they contend for the lock).
// Prints writes per second and per-write latency, and appends the figures to bench/RESULTS.md.
//   BENCH_WRITES=2000       writes per scenario and concurrency
//   BENCH_DATABASE_URL=...  run on PostgreSQL (an empty database you can drop tables in) instead of PGlite
import { performance } from "node:perf_hooks";
import { recordActivity, SYSTEM } from "@/lib/audit";
import { verifyActivityChain } from "@/lib/audit/verify";
import type { Database } from "@/lib/db/open";
import { appendResults, KIND, openBenchDatabase, percentile, printTable, run } from "./support";

const WRITES = Number(process.env.BENCH_WRITES ?? 2000);
const CONCURRENCY = [1, 8, 32];

/** One entry like a service writes: a case id, the change before and after, a little meta. */
const entry = (i: number) => ({
  actor: SYSTEM,
  action: "timeline.add",
  entityType: "TimelineEntry",
  entityId: `bench-${i}`,
  caseId: null,
  before: null,
  after: { kind: "finding", visibility: "internal", body: `Finding ${i}: sign-ins from 203.0.113.${i % 250} between 02:10 and 02:40 UTC.` },
  meta: { i },
});

type Writer = (db: Database, i: number) => Promise<unknown>;

const chained: Writer = (db, i) => db.prisma.$transaction((tx) => recordActivity(tx, entry(i)));
const plain: Writer = (db, i) =>
  db.prisma.$transaction(async (tx) => {
    const e = entry(i);
    await tx.$executeRaw`INSERT INTO "BenchPlainLog" ("at", "actorRole", "action", "entityType", "entityId", "after", "meta")
      VALUES (${new Date()}, 'system', ${e.action}, ${e.entityType}, ${e.entityId}, ${JSON.stringify(e.after)}::jsonb, ${JSON.stringify(e.meta)}::jsonb)`;
  });

/** `WRITES` writes by `concurrency` writers; per-write latencies and the wall time. */
async function measure(db: Database, write: Writer, concurrency: number, offset: number) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < WRITES) {
        const i = offset + next++;
        const s = performance.now();
        await write(db, i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const wallMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return { perSecond: (WRITES / wallMs) * 1000, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

async function main() {
  console.log(`Activity chain benchmark on ${KIND}: ${WRITES.toLocaleString()} writes per scenario, writers ${CONCURRENCY.join(", ")} at a time`);
  const db = await openBenchDatabase();
  await db.prisma.$executeRawUnsafe(`CREATE TABLE "BenchPlainLog" (LIKE "ActivityLog" INCLUDING DEFAULTS)`);
  // Warm-up of both paths.
  for (let i = 0; i < 50; i++) {
    await chained(db, -1 - i);
    await plain(db, -1 - i);
  }
  const rows: string[][] = [];
  const figures: string[] = [];
  let offset = 0;
  for (const c of CONCURRENCY) {
    // Interleaved: baseline, chained, baseline, chained; the better of each pair counts.
    const runs = { plain: [] as Awaited<ReturnType<typeof measure>>[], chained: [] as Awaited<ReturnType<typeof measure>>[] };
    for (let round = 0; round < 2; round++) {
      runs.plain.push(await measure(db, plain, c, (offset += WRITES)));
      runs.chained.push(await measure(db, chained, c, (offset += WRITES)));
    }
    const best = (rs: typeof runs.plain) => rs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const p = best(runs.plain);
    const ch = best(runs.chained);
    rows.push([String(c), ch.perSecond.toFixed(0), p.perSecond.toFixed(0), (ch.perSecond / p.perSecond).toFixed(2), ch.p50.toFixed(2), ch.p95.toFixed(2), p.p95.toFixed(2)]);
    figures.push(`${c} at a time: chained ${runs.chained.map((r) => r.perSecond.toFixed(0)).join(" / ")}, plain ${runs.plain.map((r) => r.perSecond.toFixed(0)).join(" / ")} writes/s`);
  }
  const t0 = performance.now();
  const report = await verifyActivityChain(db.prisma);
  const verifyMs = performance.now() - t0;
  if (!report.ok) throw new Error(`the chain does not hold after the benchmark: ${JSON.stringify(report, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
  await db.close();
  const table = printTable(
    ["writers at a time", "chained writes/s", "plain writes/s (baseline)", "ratio", "chained p50 ms", "chained p95 ms", "plain p95 ms"],
    rows,
  );
  const count = Number(report.count);
  const text =
    `Appended by \`npm run bench:activity-chain\` on ${KIND}. Each write is one transaction holding one activity entry like a service writes (timeline.add, a finding in \`after\`); ` +
    `chained = \`recordActivity\` (head row locked FOR UPDATE, SHA-256 of the canonical entry and the previous hash, head moved); baseline = the same entry inserted into a plain copy of the table ` +
    `(LIKE "ActivityLog", no lock, no hash, no trigger) in the same kind of transaction. ${WRITES.toLocaleString()} writes per run, two interleaved rounds per writer count, the better round shown ` +
    `(all rounds: ${figures.join("; ")}). Afterwards \`verifyActivityChain\` walked the ${count.toLocaleString()} entries in ${(verifyMs / 1000).toFixed(1)} s (${((count / verifyMs) * 1000).toFixed(0)} entries/s) and the chain held.`;
  console.log(text);
  appendResults(`Activity chain, ${KIND}`, text, table);
}

run(main);
