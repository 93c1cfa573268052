// POST /api/cases/:id/artefacts - upload a log artefact, streamed (the body is the file itself; options in the query).
import { NextResponse } from "next/server";
import { fieldErrorsOf } from "@/lib/action";
import { ZUploadArtefact } from "@/lib/artefacts/schemas";
import { uploadArtefact } from "@/lib/artefacts/upload-artefact";
import { blobStore, lineLimits, maxUploadBytes } from "@/lib/artefacts/store";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { chunksOf, declaredLength, drain } from "@/lib/http/request";
import { errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function POST(request: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    // A custom header cannot be sent cross-site without a CORS preflight, which this route never allows.
    if (request.headers.get("x-logdesk-upload") !== "1") throw new AppError("FORBIDDEN", "Upload from the case page.");
    const user = await requireUser();
    const { id } = await ctx.params;
    const url = new URL(request.url);
    const parsed = ZUploadArtefact.safeParse({ ...Object.fromEntries(url.searchParams), caseId: id });
    if (!parsed.success) throw new AppError("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
    if (!request.body) throw new AppError("VALIDATION", "The file is empty.", { file: ["The file is empty."] });
    const declared = declaredLength(request);
    if (declared !== null && declared > maxUploadBytes()) {
      throw new AppError("VALIDATION", `The file is larger than the upload limit (${Math.round(maxUploadBytes() / 1024 ** 2)} MB).`, { file: ["Too large."] });
    }
    const reader = request.body.getReader();
    try {
      const result = await uploadArtefact(user, parsed.data, chunksOf(reader, declared), {
        store: blobStore(),
        limits: lineLimits(),
        maxUploadBytes: maxUploadBytes(),
      });
      return NextResponse.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      await drain(reader);
      throw err;
    }
  } catch (err) {
    return errorResponse(err, "artefact upload");
  }
}
