// GET /api/artefacts/:id/download?form=redacted|raw - the file, streamed, with its SHA-256 in a header.
import { openArtefactFile } from "@/lib/artefacts/open-artefact-file";
import { blobStore } from "@/lib/artefacts/store";
import { requireUser } from "@/lib/auth/session";
import { attachment, errorResponse, webStream } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireUser();
    const { id } = await ctx.params;
    const form = new URL(request.url).searchParams.get("form") === "raw" ? "raw" : "redacted";
    const file = await openArtefactFile(user, id, form, blobStore());
    return new Response(webStream(file.stream), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.size),
        "Content-Disposition": attachment(file.filename),
        "X-Content-SHA256": file.sha256,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (err) {
    return errorResponse(err, "artefact download");
  }
}

/** Next answers HEAD by running GET, which would log a download nobody made: say no instead. */
export function HEAD() {
  return new Response(null, { status: 405, headers: { Allow: "GET" } });
}
