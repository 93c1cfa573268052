// GET /api/gaps/export.json?from&to - the gap records (step 10) of the cases the user may see, as a JSON array, for filing by hand.
import { authorize, requireUser } from "@/lib/auth/session";
import { exportGapsJson } from "@/lib/gaps/export-gaps";
import { exportRangeOf } from "@/lib/gaps/export-query";
import { attachment, errorResponse, textStream } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const user = await requireUser();
    authorize(user, "gap.export");
    const range = exportRangeOf(new URL(request.url));
    return new Response(textStream(await exportGapsJson(user, range)), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": attachment(`audit-events-gaps-${new Date().toISOString().slice(0, 10)}.json`),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (err) {
    return errorResponse(err, "gap export (json)");
  }
}
