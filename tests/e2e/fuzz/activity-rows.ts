// Prints the activity log of the embedded database in LOGDESK_DATA_DIR as JSON (id, at, actorId,
// action, entityId, caseId), for the fuzz spec's "no partial write" checks once its own server has stopped.
import { openDatabase } from "@/lib/db/open";
import { env } from "@/lib/env";

const d = await openDatabase({ kind: "pglite-dir", dataDir: env().dataDir });
try {
  const rows = await d.prisma.activityLog.findMany({ select: { id: true, at: true, actorId: true, action: true, entityId: true, caseId: true }, orderBy: { id: "asc" } });
  process.stdout.write(JSON.stringify(rows.map((r) => ({ ...r, id: String(r.id), at: r.at.toISOString() }))));
} finally {
  await d.close();
}
