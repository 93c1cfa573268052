// GET /api/artefacts/:id/shares/:shareId/manifest - the signed release manifest handed on with the redacted file.
import { releaseManifestFile } from "@/lib/artefacts/open-artefact-file";
import { requireUser } from "@/lib/auth/session";
import { attachment, errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, ctx: { params: Promise<{ id: string; shareId: string }> }) {
  try {
    const user = await requireUser();
    const { id, shareId } = await ctx.params;
    const file = await releaseManifestFile(user, id, shareId);
    return new Response(file.text, {
      headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": attachment(file.filename), "Cache-Control": "private, no-store" },
    });
  } catch (err) {
    return errorResponse(err, "release manifest");
  }
}
