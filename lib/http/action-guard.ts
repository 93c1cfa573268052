/**
 * The server's check of a server action request before Next sees it (issue 12, finding 8). Next
 * answered a foreign Origin with an HTTP 500 and malformed bodies with framework errors; the
 * server (server.ts) now answers them itself, in plain text and without a stack:
 *
 * - 403 for a state-changing request to a page (every server action, called by fetch or by a
 *   form posted before hydration) whose `Origin` is missing or is not the portal's own. Browsers
 *   send `Origin` on every POST, same-origin included, so only forged or hand-made requests lack
 *   it. The portal's origins are the public URL (NEXTAUTH_URL) and the host the request was sent
 *   to (`Host`, or, behind TRUSTED_PROXY_HOPS proxies, the proxy's `X-Forwarded-Host`).
 * - 404 for an action id the build does not have; 415 for a body type Next's client never sends;
 *   413 past the size limit; 400 for a text body that is not the JSON array of arguments, or a
 *   multipart body that does not parse.
 *
 * Route handlers (/api/..., uploads and the bearer-token API included) are not touched: they check
 * their own input, and next-auth's routes carry their own CSRF token.
 */

/** Next's own limit for a server action body (next.config `serverActions.bodySizeLimit`, default 1 MB). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

export interface Refusal {
  status: 400 | 403 | 404 | 413 | 415;
  message: string;
}

type Headers = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** A request that runs a server action or could (a POST to a page), rather than a route handler or an asset. */
export function isActionLike(method: string | undefined, pathname: string, headers: Headers): boolean {
  if (one(headers["next-action"]) !== undefined) return true;
  const m = (method ?? "GET").toUpperCase();
  if (m === "GET" || m === "HEAD" || m === "OPTIONS") return false;
  return !pathname.startsWith("/api/") && !pathname.startsWith("/_next/");
}

function hostOf(origin: string): string | null {
  try {
    const u = new URL(origin);
    return u.protocol === "http:" || u.protocol === "https:" ? u.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * Whether the request's Origin is the portal's: the public URL's origin exactly, or the host the
 * request was addressed to (the scheme there is the proxy's business). Returns the Origin's host
 * when it is, for Next's own comparison.
 */
export function checkOrigin(headers: Headers, opts: { publicUrl?: string; trustedProxyHops: number }): { ok: true; host: string } | { ok: false; refusal: Refusal } {
  const origin = one(headers.origin);
  if (!origin) return { ok: false, refusal: { status: 403, message: "Refused: this request has no Origin header. Use the portal's own pages." } };
  const originHost = origin === "null" ? null : hostOf(origin);
  const foreign = { ok: false as const, refusal: { status: 403 as const, message: "Refused: this request's Origin is not this portal. Use the portal's own pages." } };
  if (!originHost) return foreign;
  if (opts.publicUrl) {
    try {
      if (new URL(opts.publicUrl).origin === new URL(origin).origin) return { ok: true, host: originHost };
    } catch {
      // An unparsable public URL matches nothing; env() refuses one at start anyway.
    }
  }
  const forwarded = opts.trustedProxyHops > 0 ? one(headers["x-forwarded-host"])?.split(",")[0]?.trim() : undefined;
  const addressed = (forwarded || one(headers.host) || "").toLowerCase();
  if (addressed && addressed === originHost) return { ok: true, host: originHost };
  return foreign;
}

/** The content types Next's client sends an action body in. */
export function actionBodyKind(contentType: string | undefined): "text" | "multipart" | null {
  const t = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (t === "text/plain") return "text";
  if (t === "multipart/form-data") return "multipart";
  return null;
}

/**
 * The `$` escapes React's `encodeReply` writes for plain values into a one-part (text) body. Every
 * other `$` string refers to another part of a multipart body (a Map, a Set, a file, a promise, a
 * stream, a temporary reference...), which a text body does not have: Next's decoder failed on it
 * with a 500, so it is refused here.
 */
const PLAIN_ESCAPE = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;

function hasUnsatisfiableReference(v: unknown): boolean {
  if (typeof v === "string") return v.startsWith("$") && !PLAIN_ESCAPE.test(v);
  if (Array.isArray(v)) return v.some(hasUnsatisfiableReference);
  if (v && typeof v === "object") return Object.values(v).some(hasUnsatisfiableReference);
  return false;
}

/**
 * A text action body must be what Next's client's `encodeReply` makes of the arguments: a JSON
 * array, whose `$` strings are plain values. Anything else would fail inside Next's decoder as a 500.
 */
export function checkTextActionBody(body: Buffer): Refusal | null {
  const bad: Refusal = { status: 400, message: "Refused: the body of a server action must be the JSON array of its arguments." };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return bad;
  }
  try {
    const args: unknown = JSON.parse(text);
    return Array.isArray(args) && !hasUnsatisfiableReference(args) ? null : bad;
  } catch {
    return bad;
  }
}

/** A multipart action body must parse as form data (Next's decoder throws on one that does not). */
export async function checkMultipartActionBody(body: Buffer, contentType: string): Promise<Refusal | null> {
  try {
    await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
    return null;
  } catch {
    return { status: 400, message: "Refused: the body of a server action is not well-formed form data." };
  }
}

/**
 * A path with a broken percent-escape ("/api/cases/%E0%A4%A/artefacts") made Next's own decoding of
 * the route's parameters fail with a 500, for pages and route handlers alike: a 400 here instead.
 */
export function hasMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
