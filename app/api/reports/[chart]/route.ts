// GET /api/reports/<name>.csv?from&to - one chart of the Reports page as CSV (aggregates only), with the page's date range rules.
import { fieldErrorsOf } from "@/lib/action-errors";
import { authorize, requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { attachment, errorResponse } from "@/lib/http/route";
import { firstValues } from "@/lib/records/filters";
import { reportCsv } from "@/lib/reports/queries";
import { reportRangeSchema } from "@/lib/reports/range";

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ chart: string }> }) {
  try {
    const user = await requireUser();
    authorize(user, "report.read");
    const { chart } = await ctx.params;
    if (!chart.endsWith(".csv")) throw new AppError("NOT_FOUND", "There is no such report.");
    const params = firstValues(Object.fromEntries(new URL(request.url).searchParams));
    const parsed = reportRangeSchema(new Date()).safeParse({ from: params.from, to: params.to });
    if (!parsed.success) throw new AppError("VALIDATION", "The date range is not valid.", fieldErrorsOf(parsed.error));
    const { filename, csv } = await reportCsv(user, chart.slice(0, -4), parsed.data);
    return new Response(csv, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment(filename), "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store" },
    });
  } catch (err) {
    return errorResponse(err, "report csv");
  }
}
