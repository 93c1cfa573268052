// GET /api/artefacts/:id - an artefact's status and redaction progress, for the progress bar.
import { NextResponse } from "next/server";
import { artefactProgress } from "@/lib/artefacts/queries";
import { requireUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireUser();
    const { id } = await ctx.params;
    return NextResponse.json(await artefactProgress(user, id), { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    return errorResponse(err, "artefact progress");
  }
}
