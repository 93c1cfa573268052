import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { checkpointSigningKey, exportCheckpoints, latestCheckpoint } from "./checkpoint";
import { recordActivity, type Actor } from "./index";

/** The server's checkpoint key (AUDIT_CHECKPOINT_KEY or the data folder's). */
function serverKey() {
  const e = env();
  return checkpointSigningKey({ configured: e.AUDIT_CHECKPOINT_KEY, dataDir: e.dataDir });
}

/** Every checkpoint with the public key (the activity page's download), the download logged. */
export async function auditCheckpointsExport(actor: Actor) {
  const doc = await exportCheckpoints(db(), await serverKey());
  await recordActivity(db(), { actor, action: "records.exportCheckpoints", entityType: "ActivityCheckpoint", entityId: "json", meta: { checkpoints: doc.checkpoints.length, keyId: doc.keyId } });
  return doc;
}

/** The latest checkpoint, for the activity page. */
export function latestAuditCheckpoint() {
  return latestCheckpoint(db());
}
