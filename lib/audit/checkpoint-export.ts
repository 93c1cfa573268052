import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { checkpointSigningKey, exportCheckpoints, latestCheckpoint } from "./checkpoint";

/** The server's checkpoint key (AUDIT_CHECKPOINT_KEY or the data folder's). */
function serverKey() {
  const e = env();
  return checkpointSigningKey({ configured: e.AUDIT_CHECKPOINT_KEY, dataDir: e.dataDir });
}

/** Every checkpoint with the public key (the activity page's download). */
export async function auditCheckpointsExport() {
  return exportCheckpoints(db(), await serverKey());
}

/** The latest checkpoint, for the activity page. */
export function latestAuditCheckpoint() {
  return latestCheckpoint(db());
}
