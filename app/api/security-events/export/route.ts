// GET /api/security-events/export?from&to&actor&kind&target&outcome - the security events the filters match, as CSV (streamed, newest first).
import { actorOf } from "@/lib/audit";
import { authorize, requireUser } from "@/lib/auth/session";
import { fieldErrorsOf } from "@/lib/action-errors";
import { AppError } from "@/lib/errors";
import { csvResponse, errorResponse } from "@/lib/http/route";
import { ZSecurityEventFilter } from "@/lib/records/filters";
import { exportSecurityEvents } from "@/lib/security-events/search";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const user = await requireUser();
    authorize(user, "securityEvents.read");
    const parsed = ZSecurityEventFilter.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("VALIDATION", "Some filters are not valid.", fieldErrorsOf(parsed.error));
    return csvResponse(await exportSecurityEvents(actorOf(user), parsed.data), `security-events-${new Date().toISOString().slice(0, 10)}.csv`);
  } catch (err) {
    return errorResponse(err, "security events export");
  }
}
