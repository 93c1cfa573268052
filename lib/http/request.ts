import "server-only";

// What route handlers read from a request: the bearer credential and the body, bounded or chunk by chunk.

/** The credential of `Authorization: Bearer <token>`, or null when there is none. */
export function bearerOf(request: Request): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.get("authorization") ?? "");
  return match ? match[1]! : null;
}

/** The body as text, or null once it passes `limit` bytes (read no further: the sender may not say its size). */
export async function readBody(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The request body has fewer bytes than it announced: the client went away mid-upload. */
export class CutOff extends Error {
  override name = "AbortError";
  constructor() {
    super("The upload was cut off before the whole file arrived.");
  }
}

/** The length the sender announced (Content-Length), or null when it said none. */
export function declaredLength(request: Request): number | null {
  const declared = Number(request.headers.get("content-length"));
  return Number.isFinite(declared) && request.headers.has("content-length") ? declared : null;
}

/**
 * Chunks of the request body as they arrive, never the whole body in memory; when the sender said
 * how long the body is, a body that ends short is a cut-off upload, not a smaller file.
 */
export async function* chunksOf(reader: ReadableStreamDefaultReader<Uint8Array>, declared: number | null): AsyncGenerator<Uint8Array> {
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    yield value;
  }
  if (declared !== null && received !== declared) throw new CutOff();
}

/** Reads (and drops) what is left of a refused body, up to a bound, so the client hears the refusal instead of a reset connection. */
export async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, limit = 64 * 1024 * 1024) {
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
