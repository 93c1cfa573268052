// GET /api/activity/export?from&to&actor&action&case - the activity log entries the filters match, as CSV (streamed, newest first).
import { actorOf } from "@/lib/audit";
import { exportActivity } from "@/lib/audit/search";
import { authorize, requireUser } from "@/lib/auth/session";
import { fieldErrorsOf } from "@/lib/action-errors";
import { AppError } from "@/lib/errors";
import { csvResponse, errorResponse } from "@/lib/http/route";
import { ZActivityFilter } from "@/lib/records/filters";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const user = await requireUser();
    authorize(user, "activity.read");
    const parsed = ZActivityFilter.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("VALIDATION", "Some filters are not valid.", fieldErrorsOf(parsed.error));
    return csvResponse(await exportActivity(actorOf(user), parsed.data), `activity-log-${new Date().toISOString().slice(0, 10)}.csv`);
  } catch (err) {
    return errorResponse(err, "activity export");
  }
}
