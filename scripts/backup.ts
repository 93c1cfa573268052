// npm run backup -- <folder>: a consistent copy of the portal's database and blob store, with a
// manifest of every file's SHA-256 (lib/backup, decision 0015). On the embedded database
// (LOGDESK_DATA_DIR) it asks the running server for a snapshot over the operator channel, or opens
// the folder itself when no server runs; on PostgreSQL (DATABASE_URL) it runs pg_dump (PG_BIN_DIR).
// Exit 0: written (prints what and how long). Exit 1: refused or failed, with nothing left behind.
// Exit 2: bad usage.
import { formatBytes } from "@/lib/backup/manifest";
import { BackupError, runBackup } from "@/lib/backup/backup";
import { env } from "@/lib/env";
import { VERSION } from "@/lib/version";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const usage = "usage: npm run backup -- <new or empty folder>   (of LOGDESK_DATA_DIR, or DATABASE_URL when set)";
  if (args.includes("-h") || args.includes("--help")) {
    console.log(usage);
    return 0;
  }
  if (args.length !== 1 || args[0]!.startsWith("-")) {
    console.error(usage);
    return 2;
  }
  const e = env();
  const r = await runBackup({
    target: args[0]!,
    dataDir: e.dataDir,
    blobDir: e.blobDir,
    blobStore: e.blobStore,
    databaseUrl: e.DATABASE_URL,
    pgBinDir: e.PG_BIN_DIR,
    portalVersion: VERSION,
    say: (line) => console.error(`backup: ${line}`),
  });
  const m = r.manifest;
  console.log(
    `backup written to ${args[0]} in ${(r.ms / 1000).toFixed(1)} s (${r.via === "server" ? "snapshot by the running portal" : r.via === "folder" ? "no portal was running" : "pg_dump"}): ` +
      `${m.counts.cases} cases, ${m.counts.artefacts} artefacts, ${m.counts.activity} activity entries, ${m.blobs.length} blobs; ` +
      `${formatBytes(r.bytes)} (database ${formatBytes(m.database.size)}). Restore with: npm run restore -- ${args[0]}`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`backup refused: ${err instanceof BackupError ? err.message : err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
