// npm run restore -- <backup folder>: checks the backup against its manifest (every blob, the
// dump and the keys, by SHA-256), refuses a target in use or not empty, then restores beside it and
// renames into place (lib/backup, decision 0015). Embedded: into LOGDESK_DATA_DIR (and BLOB_DIR);
// PostgreSQL: into the empty database of DATABASE_URL with pg_restore (PG_BIN_DIR).
// Exit 0: restored (start the portal on it). Exit 1: refused or failed, the target as it was.
// Exit 2: bad usage.
import { BackupError } from "@/lib/backup/files";
import { formatBytes } from "@/lib/backup/manifest";
import { runRestore } from "@/lib/backup/restore";
import { migrationNames } from "@/lib/db/migrations";
import { env } from "@/lib/env";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const usage = "usage: npm run restore -- <backup folder>   (into LOGDESK_DATA_DIR, or the empty database of DATABASE_URL when set)";
  if (args.includes("-h") || args.includes("--help")) {
    console.log(usage);
    return 0;
  }
  if (args.length !== 1 || args[0]!.startsWith("-")) {
    console.error(usage);
    return 2;
  }
  const e = env();
  const r = await runRestore({
    source: args[0]!,
    dataDir: e.dataDir,
    blobDir: e.blobDir,
    blobStore: e.blobStore,
    databaseUrl: e.DATABASE_URL,
    pgBinDir: e.PG_BIN_DIR,
    knownMigrations: await migrationNames(),
    say: (line) => console.error(`restore: ${line}`),
  });
  const m = r.manifest;
  const bytes = m.database.size + m.blobs.reduce((n, b) => n + b.size, 0);
  console.log(
    `restored the backup of ${m.createdAt} into ${e.DATABASE_URL ? "the PostgreSQL database of DATABASE_URL" : e.dataDir} in ${(r.ms / 1000).toFixed(1)} s (checked in ${(r.checkMs / 1000).toFixed(1)} s): ` +
      `${m.counts.cases} cases, ${m.counts.artefacts} artefacts, ${m.counts.activity} activity entries, ${m.blobs.length} blobs (${formatBytes(bytes)}). ` +
      `Start the portal on it (npm start), then check the activity log with npm run audit:verify while it is stopped.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`restore refused: ${err instanceof BackupError ? err.message : err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
