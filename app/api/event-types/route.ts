// GET /api/gaps/catalogue - the audit event catalogue ({ name, description }[], by name) for the
// gap form's picker, which loads it when its field is first focused instead of with every case page.
import { authorize, requireUser } from "@/lib/auth/session";
import { auditEventCatalogue } from "@/lib/gaps/queries";
import { errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const user = await requireUser();
    authorize(user, "gap.file");
    // The catalogue changes with a release of the product, not during a session: a browser keeps it five minutes.
    return Response.json(await auditEventCatalogue(), { headers: { "Cache-Control": "private, max-age=300" } });
  } catch (err) {
    return errorResponse(err, "audit event catalogue");
  }
}
