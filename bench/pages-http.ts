// npm run bench:pages: pages as staff meet them, over HTTP, signed in, many at once (autocannon),
// against the production build on an embedded data folder with the demo staff and BENCH_CASES
// bulk cases. Every request of a signed-in page pays what issue 12 added: the per-request nonce'd
// Content-Security-Policy (so every page renders dynamically), the session row checked on the
// server, and the security headers. Baseline in the same run: GET /api/health (no session, no
// page). Prints requests/s and latency per page with the ratio to the baseline, and appends them
// to bench/RESULTS.md.
//   BENCH_CASES=10000         bulk cases seeded before the server starts
//   BENCH_CONNECTIONS=10      concurrent connections per page
//   BENCH_SECONDS=10          seconds per page (after a 2-second warm-up)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { applyMigrations } from "@/lib/db/migrations";
import { openDatabase } from "@/lib/db/open";
import { seedDemoData, seedReferenceData } from "@/lib/demo/seed";
import { seedBulkCases } from "../tests/support/bulk-cases";
import { appendResults, printTable, run, signIn } from "./support";

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });


async function load(url: string, cookie?: string, seconds = SECONDS) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: cookie ? { cookie } : {} });
  return { rps: r.requests.average, p50: r.latency.p50, p97: r.latency.p97_5, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, total: r.requests.total };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "logdesk-bench-pages-"));
  const t0 = Date.now();
  const d = await openDatabase({ kind: "pglite-dir", dataDir: dir });
  await applyMigrations(d.factory);
  await seedReferenceData(d.prisma);
  await seedDemoData(d.prisma);
  await seedBulkCases(d.prisma, CASES);
  const sample = await d.prisma.case.findFirst({ where: { team: "support", status: "in_progress" }, select: { id: true } });
  await d.prisma.$executeRawUnsafe(`ANALYZE`);
  await d.close();
  console.log(`seeded the demo and ${CASES.toLocaleString()} bulk cases in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1", LOGDESK_DATA_DIR: dir, NEXTAUTH_URL: base, LOGDESK_WORKER: "false", DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 240) throw new Error("the server did not start in 2 minutes");
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const cookies: Record<string, string> = {};
    for (const role of ["support", "sirt", "legal", "admin"]) cookies[role] = await signIn(base, role);
    const scenarios: [string, string, string | undefined][] = [
      ["baseline: GET /api/health (no session)", "/api/health", undefined],
      ["Support: /cases", "/cases", cookies.support],
      ["Support: /cases?q=token", "/cases?q=token", cookies.support],
      ["Support: a case page", `/cases/${sample?.id}`, cookies.support],
      ["Support: /queue", "/queue", cookies.support],
      ["SIRT: /queue", "/queue", cookies.sirt],
      ["Legal: /activity", "/activity", cookies.legal],
      ["Admin: /security-events", "/security-events", cookies.admin],
      ["Legal: /reports (last 90 days)", "/reports", cookies.legal],
    ];
    const rows: string[][] = [];
    let baseline = 0;
    for (const [name, p, cookie] of scenarios) {
      await load(`${base}${p}`, cookie, 2); // warm-up
      const r = await load(`${base}${p}`, cookie);
      if (!baseline) baseline = r.rps;
      console.log(`${name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p97.5 ${r.p97} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
      rows.push([name, r.rps.toFixed(0), String(r.p50), String(r.p97), String(r.p99), `${(r.rps / baseline).toFixed(2)}`, `${r.non2xx}/${r.total}`]);
    }
    const table = printTable(["page", "req/s", "p50 ms", "p97.5 ms", "p99 ms", "req/s ratio to baseline", "non-2xx"], rows);
    appendResults(
      "Pages over HTTP",
      `Appended by \`npm run bench:pages\`. The production build (\`server.ts\`, NODE_ENV=production, no background worker) on an embedded PGlite data folder with the demo staff and ${CASES.toLocaleString()} bulk cases (tests/support/bulk-cases.ts); each page signed in as its role through next-auth's credentials endpoint, then autocannon with ${CONNECTIONS} connections for ${SECONDS} s after a 2-second warm-up. Baseline in the same run: GET /api/health (no session, no page rendered).`,
      table,
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dir, { recursive: true, force: true });
  }
}

run(main);
