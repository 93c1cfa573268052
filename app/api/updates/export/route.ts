// GET /api/updates/export?scope=mine|team - the Updates due board (every row, most overdue first), as CSV.
import { fieldErrorsOf } from "@/lib/action-errors";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { csvResponse, errorResponse } from "@/lib/http/route";
import { exportUpdatesDue } from "@/lib/updates/export-board";
import { ZUpdatesQuery } from "@/lib/updates/schemas";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const user = await requireUser();
    const parsed = ZUpdatesQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("VALIDATION", "Some filters are not valid.", fieldErrorsOf(parsed.error));
    return csvResponse(await exportUpdatesDue(user, { scope: parsed.data.scope }), `updates-due-${new Date().toISOString().slice(0, 10)}.csv`);
  } catch (err) {
    return errorResponse(err, "updates due export");
  }
}
