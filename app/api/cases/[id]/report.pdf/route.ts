// GET /api/cases/:id/report.pdf[?internal=1] - the case report (PDF) for Legal's file; internal
// timeline entries only with internal=1 and for a reader who may see them (lib/cases/case-report.ts).
import { requireUser } from "@/lib/auth/session";
import { caseReportPdf } from "@/lib/cases/case-report";
import { attachment, errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireUser();
    const { id } = await ctx.params;
    const includeInternal = new URL(request.url).searchParams.get("internal") === "1";
    const { filename, pdf } = await caseReportPdf(user, id, { includeInternal });
    return new Response(new Uint8Array(pdf), {
      headers: { "Content-Type": "application/pdf", "Content-Disposition": attachment(filename), "Cache-Control": "private, no-store" },
    });
  } catch (err) {
    return errorResponse(err, "case report");
  }
}
