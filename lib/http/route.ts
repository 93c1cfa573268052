import "server-only";
import { NextResponse } from "next/server";
import { isBlobStoreUnavailable } from "@/lib/blobstore/local";
import { errorReference, HTTP_STATUS, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { recordRefusal } from "@/lib/security-events/record-refusal";

/** A route handler's error as JSON: expected errors keep their message, others get a reference; refusals (403/404) are recorded as security events. */
export async function errorResponse(err: unknown, context: string): Promise<NextResponse> {
  if (isAppError(err)) {
    await recordRefusal(err, `route:${context}`);
    return NextResponse.json(
      { error: { code: err.code, message: err.message, ...(err.fieldErrors ? { fields: err.fieldErrors } : {}) } },
      { status: HTTP_STATUS[err.code], headers: { "Cache-Control": "no-store" } },
    );
  }
  const ref = errorReference();
  if (isBlobStoreUnavailable(err)) {
    // An outage of the object store (or its configuration): the person may retry; the log has the reason.
    logger.error(`${context} failed: the blob store is unavailable`, { ref, reason: err.message });
    return NextResponse.json(
      { error: { code: "UNAVAILABLE", message: `${err.action}: the file store did not answer. Try again in a few minutes; if it goes on, quote reference ${ref} to an admin.` } },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "30" } },
    );
  }
  logger.error(`${context} failed`, { ref, err });
  return NextResponse.json({ error: { code: "INTERNAL", message: `Something went wrong. If it happens again, quote reference ${ref}.` } }, { status: 500, headers: { "Cache-Control": "no-store" } });
}

/** Content-Disposition for a download, with an ASCII fallback and the UTF-8 name. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A Node stream as a web ReadableStream for a Response body (backpressure kept). */
export function webStream(stream: AsyncIterable<Buffer> & { destroy?: () => void }): ReadableStream<Uint8Array> {
  const it = stream[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await it.return?.();
      stream.destroy?.();
    },
  });
}

/** Text chunks from an async generator as a UTF-8 web stream (pulled as the client reads). */
export function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(enc.encode(value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** A CSV download, streamed. */
export function csvResponse(chunks: AsyncGenerator<string>, filename: string): Response {
  return new Response(textStream(chunks), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment(filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
