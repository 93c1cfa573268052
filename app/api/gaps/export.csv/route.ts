// GET /api/gaps/export.csv?from&to - the gap records (step 10) of the cases the user may see, as CSV, for filing by hand.
import { authorize, requireUser } from "@/lib/auth/session";
import { exportGapsCsv } from "@/lib/gaps/export-gaps";
import { exportRangeOf } from "@/lib/gaps/export-query";
import { csvResponse, errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const user = await requireUser();
    authorize(user, "gap.export");
    const range = exportRangeOf(new URL(request.url));
    return csvResponse(await exportGapsCsv(user, range), `audit-events-gaps-${new Date().toISOString().slice(0, 10)}.csv`);
  } catch (err) {
    return errorResponse(err, "gap export (csv)");
  }
}
