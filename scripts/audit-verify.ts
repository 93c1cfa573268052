// npm run audit:verify: recomputes the activity log's hash chain (lib/audit/chain.ts) from the rows
// as they are and compares its end with the chain's head row.
// Works on the embedded database (LOGDESK_DATA_DIR, refused while the server runs: verify a copy
// of the folder, or stop the portal) or on PostgreSQL when DATABASE_URL is set. Reads only.
// Exit 0: the chain holds (prints the number of entries and the head hash).
// Exit 1: names the id of the first entry that does not fit and why (changed, deleted, inserted,
//         reordered), or why the log cannot be checked. Exit 2: bad usage.
import { verifyActivityChain } from "@/lib/audit/verify";
import { migrationNames } from "@/lib/db/migrations";
import { openDatabase } from "@/lib/db/open";
import { env } from "@/lib/env";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes("-h") || args.includes("--help")) {
    console.log("usage: npm run audit:verify   (on LOGDESK_DATA_DIR, or DATABASE_URL when set)");
    return 0;
  }
  if (args.length) {
    console.error(`unknown argument ${args[0]}\nusage: npm run audit:verify`);
    return 2;
  }
  const e = env();
  const where = e.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `the data folder ${e.dataDir}`;
  const d = e.DATABASE_URL
    ? await openDatabase({ kind: "postgres", url: e.DATABASE_URL })
    : await openDatabase({ kind: "pglite-dir", dataDir: e.dataDir });
  try {
    const names = await migrationNames();
    const applied = await d.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`.catch(() => []);
    const pending = names.filter((n) => !applied.some((a) => a.migration_name === n));
    if (pending.length) {
      console.error(`audit:verify: ${where} has migrations not applied (${pending.join(", ")}): start the portal or run npm run db -- migrate:apply first`);
      return 1;
    }
    const report = await verifyActivityChain(d.prisma);
    if (report.ok) {
      console.log(`activity log chain holds: ${report.count} entries, head ${report.headHash}${report.lastId === null ? "" : ` (id ${report.lastId})`}`);
      return 0;
    }
    const which = report.id === null ? "the chain head" : `entry ${report.id}`;
    console.error(`activity log chain BROKEN at ${which}: ${report.reason} (${report.checked} entries before it hold)`);
    if (report.id !== null) console.error(`first entry that does not fit: id ${report.id}`);
    return 1;
  } finally {
    await d.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`audit:verify: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  },
);
