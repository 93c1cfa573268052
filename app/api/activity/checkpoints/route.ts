// GET /api/activity/checkpoints - every signed checkpoint of the activity chain's head, with the public key, as JSON to keep elsewhere.
import { actorOf } from "@/lib/audit";
import { auditCheckpointsExport } from "@/lib/audit/checkpoint-export";
import { authorize, requireUser } from "@/lib/auth/session";
import { attachment, errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const user = await requireUser();
    authorize(user, "activity.read");
    const doc = await auditCheckpointsExport(actorOf(user));
    return new Response(`${JSON.stringify(doc, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": attachment(`activity-checkpoints-${new Date().toISOString().slice(0, 10)}.json`),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (err) {
    return errorResponse(err, "activity checkpoints export");
  }
}
