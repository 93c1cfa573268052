// GET /api/cases/filter-options - the case list's account and author choices ({ accounts, authors },
// each { id, name }[] by name, as many as the user's list can show), which the filter form loads when
// it is first used instead of with every page of the list (issue 15).
import { authorize, requireUser } from "@/lib/auth/session";
import { caseListChoices } from "@/lib/cases/queries";
import { errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const user = await requireUser();
    authorize(user, "case.list");
    // A new account or author shows within a minute; the page always names the one chosen.
    return Response.json(await caseListChoices(user), { headers: { "Cache-Control": "private, max-age=60" } });
  } catch (err) {
    return errorResponse(err, "case list filter options");
  }
}
