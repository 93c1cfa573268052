// GET /api/event-types - the audit event catalogue ({ name, category, description }[], by name) for
// the event type fields of the intake and the gap form (components/event-types), which load it when
// the field is first focused instead of with every page that holds such a form.
import { authorize, requireUser } from "@/lib/auth/session";
import { auditEventCatalogue } from "@/lib/gaps/queries";
import { errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const user = await requireUser();
    authorize(user, "eventTypes.read");
    // The catalogue changes with a release of the product, not during a session: a browser keeps it five minutes.
    return Response.json(await auditEventCatalogue(), { headers: { "Cache-Control": "private, max-age=300" } });
  } catch (err) {
    return errorResponse(err, "audit event catalogue");
  }
}
