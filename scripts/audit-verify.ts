// npm run audit:verify: recomputes the activity log's hash chain (lib/audit/chain.ts) from the rows
// as they are and compares its end with the chain's head row.
// Works on the embedded database (LOGDESK_DATA_DIR, refused while the server runs: verify a copy
// of the folder, or stop the portal) or on PostgreSQL when DATABASE_URL is set. Reads only.
// Then checks every stored signed checkpoint (lib/audit/checkpoint.ts): its signature (with
// AUDIT_CHECKPOINT_KEY, the data folder's key, or --public-key <pem file> kept elsewhere) and that
// the chain's hash at its count of entries is the hash it signed.
// Exit 0: the chain and every checkpoint hold (prints the number of entries and the head hash).
// Exit 1: names the id of the first entry that does not fit and why (changed, deleted, inserted,
//         reordered), or why the log cannot be checked. Exit 2: bad usage.
import crypto from "node:crypto";
import { readFile } from "node:fs/promises";
import { checkCheckpoints, checkpointPublicKey, listCheckpoints } from "@/lib/audit/checkpoint";
import { verifyActivityChain } from "@/lib/audit/verify";
import { migrationNames } from "@/lib/db/migrations";
import { openConfigured } from "@/lib/db/open";
import { env } from "@/lib/env";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const usage = "usage: npm run audit:verify [-- --public-key checkpoint-key.pub.pem]   (on LOGDESK_DATA_DIR, or DATABASE_URL when set)";
  if (args.includes("-h") || args.includes("--help")) {
    console.log(usage);
    return 0;
  }
  let publicKeyFile: string | null = null;
  if (args[0] === "--public-key" && args[1] && args.length === 2) publicKeyFile = args[1];
  else if (args.length) {
    console.error(`unknown argument ${args[0]}\n${usage}`);
    return 2;
  }
  const e = env();
  const where = e.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `the data folder ${e.dataDir}`;
  const d = await openConfigured(e);
  try {
    const names = await migrationNames();
    const applied = await d.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`.catch(() => []);
    const pending = names.filter((n) => !applied.some((a) => a.migration_name === n));
    if (pending.length) {
      console.error(`audit:verify: ${where} has migrations not applied (${pending.join(", ")}): start the portal or run npm run db -- migrate:apply first`);
      return 1;
    }
    const checkpoints = await listCheckpoints(d.prisma);
    const report = await verifyActivityChain(d.prisma, { hashesAt: new Set(checkpoints.map((c) => c.count)) });
    if (report.ok) {
      console.log(`activity log chain holds: ${report.count} entries, head ${report.headHash}${report.lastId === null ? "" : ` (id ${report.lastId})`}`);
      const publicKey = publicKeyFile
        ? crypto.createPublicKey(await readFile(publicKeyFile, "utf8"))
        : await checkpointPublicKey({ configured: e.AUDIT_CHECKPOINT_KEY, dataDir: e.dataDir });
      const misfit = checkCheckpoints(checkpoints, publicKey, (n) => report.hashesAt.get(n));
      if (misfit) {
        console.error(`activity checkpoint BROKEN: the checkpoint of ${misfit.count} entries (${misfit.at.toISOString()}): ${misfit.reason}`);
        return 1;
      }
      console.log(checkpoints.length ? `${checkpoints.length} signed checkpoint(s) hold, the latest at ${checkpoints.at(-1)!.count} entries (${checkpoints.at(-1)!.at.toISOString()})` : "no signed checkpoints yet");
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
