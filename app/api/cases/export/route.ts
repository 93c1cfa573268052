// GET /api/cases/export?<the case list's filters> - every case the filters match (all pages), as CSV (streamed).
import { fieldErrorsOf } from "@/lib/action-errors";
import { requireUser } from "@/lib/auth/session";
import { exportCaseList } from "@/lib/cases/export-cases";
import { ZCaseListQuery } from "@/lib/cases/list-filters";
import { AppError } from "@/lib/errors";
import { csvResponse, errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const user = await requireUser();
    const parsed = ZCaseListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("VALIDATION", "Some filters are not valid.", fieldErrorsOf(parsed.error));
    return csvResponse(await exportCaseList(user, parsed.data), `cases-${new Date().toISOString().slice(0, 10)}.csv`);
  } catch (err) {
    return errorResponse(err, "case list export");
  }
}
