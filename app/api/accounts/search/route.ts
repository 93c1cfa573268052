// GET /api/accounts/search?q=text - the intake form's account search when there are too many accounts
// to list in a select (lib/cases/queries.ts, INTAKE_ACCOUNTS_LISTED): { accounts, more }, the accounts
// the user may open cases for whose name or slug contains q, by name, at most 20.
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/action-errors";
import { authorize, requireUser } from "@/lib/auth/session";
import { searchIntakeAccounts } from "@/lib/cases/queries";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const ZAccountSearch = z.object({ q: z.string().max(100, "Search with at most 100 characters.").default("") });

export async function GET(request: Request) {
  try {
    const user = await requireUser();
    authorize(user, "case.create");
    const parsed = ZAccountSearch.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("VALIDATION", "The search is not valid.", fieldErrorsOf(parsed.error));
    // An account added a moment ago is found at once: nothing is kept.
    return Response.json(await searchIntakeAccounts(user, parsed.data.q), { headers: { "Cache-Control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err, "account search");
  }
}
