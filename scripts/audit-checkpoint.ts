// npm run audit:checkpoint: signs the activity chain's head now (when it moved since the latest
// checkpoint) and prints the latest checkpoint as JSON with the public key, to keep elsewhere.
// Works on the embedded database (LOGDESK_DATA_DIR, refused while the server runs: the server's
// worker writes them on its own schedule) or on PostgreSQL when DATABASE_URL is set.
// The key: AUDIT_CHECKPOINT_KEY, or the data folder's (generated on first use). Exit 1 on error.
import crypto from "node:crypto";
import { checkpointSigningKey, writeCheckpoint } from "@/lib/audit/checkpoint";
import { checkpointsDocument } from "@/lib/audit/checkpoint-sign";
import { openConfigured } from "@/lib/db/open";
import { env } from "@/lib/env";

async function main(): Promise<number> {
  if (process.argv.length > 2) {
    console.error("usage: npm run audit:checkpoint   (on LOGDESK_DATA_DIR, or DATABASE_URL when set)");
    return process.argv.includes("-h") || process.argv.includes("--help") ? 0 : 2;
  }
  const e = env();
  const d = await openConfigured(e);
  try {
    const key = await checkpointSigningKey({ configured: e.AUDIT_CHECKPOINT_KEY, dataDir: e.dataDir });
    const { written, checkpoint } = await writeCheckpoint(d.prisma, key);
    if (!checkpoint) {
      console.error("audit:checkpoint: the activity log is empty: nothing to sign yet");
      return 1;
    }
    console.error(written ? "checkpoint written:" : "the chain's head has not moved since the latest checkpoint:");
    console.log(JSON.stringify(checkpointsDocument([checkpoint], crypto.createPublicKey(key)), null, 2));
    return 0;
  } finally {
    await d.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`audit:checkpoint: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  },
);
