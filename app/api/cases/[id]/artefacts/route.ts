// POST /api/cases/:id/artefacts - upload a log artefact, streamed (the body is the file itself; options in the query).
import { NextResponse } from "next/server";
import { fieldErrorsOf } from "@/lib/action";
import { ZUploadArtefact } from "@/lib/artefacts/schemas";
import { uploadArtefact } from "@/lib/artefacts/service";
import { blobStore, lineLimits, maxUploadBytes } from "@/lib/artefacts/store";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The request body has fewer bytes than it announced: the client went away mid-upload. */
class CutOff extends Error {
  override name = "AbortError";
  constructor() {
    super("The upload was cut off before the whole file arrived.");
  }
}

/**
 * Chunks of the request body as they arrive, never the whole file in memory; when the sender said
 * how long the body is, a body that ends short is a cut-off upload, not a smaller file.
 */
async function* chunksOf(reader: ReadableStreamDefaultReader<Uint8Array>, declared: number | null): AsyncGenerator<Uint8Array> {
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    yield value;
  }
  if (declared !== null && received !== declared) throw new CutOff();
}

/** Reads (and drops) what is left of a refused upload, up to a bound, so the browser hears the refusal instead of a reset connection. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, limit = 64 * 1024 * 1024) {
  let read = 0;
  try {
    while (read < limit) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    /* the client is gone: nobody to answer */
  }
}

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
    const declared = Number(request.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > maxUploadBytes()) {
      throw new AppError("VALIDATION", `The file is larger than the upload limit (${Math.round(maxUploadBytes() / 1024 ** 2)} MB).`, { file: ["Too large."] });
    }
    const reader = request.body.getReader();
    try {
      const result = await uploadArtefact(user, parsed.data, chunksOf(reader, Number.isFinite(declared) && request.headers.has("content-length") ? declared : null), {
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
