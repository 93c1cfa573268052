/**
 * The browser security headers every response carries (issue 12, finding 5),
 * as a pure function so the policy is unit-tested; server.ts applies it, with a
 * fresh nonce per page request (`isPagePath`).
 *
 * - Scripts: only those carrying this request's nonce, and what they load
 *   ('strict-dynamic'); no 'unsafe-inline'. Next reads the nonce from the
 *   request's Content-Security-Policy header and puts it on its own scripts,
 *   so every page must render per request (the root layout is dynamic).
 * - Styles: Tailwind's stylesheet is a same-origin file; <style> elements need
 *   the nonce. Style attributes (React's `style` prop, e.g. the upload progress
 *   bar) are allowed: they cannot run script.
 * - Framing: none at all (frame-ancestors 'none' and X-Frame-Options DENY).
 * - HSTS only when the public URL is https (a plain-http deployment would
 *   otherwise pin browsers to a scheme it does not serve).
 */
export interface SecurityHeaderOptions {
  /** This request's nonce (base64, at least 128 bits of randomness). */
  nonce: string;
  /** The public URL (NEXTAUTH_URL) is https. */
  https: boolean;
  /** `next dev`: React's dev tools need eval and the hot reloader injects unnonced styles. */
  dev?: boolean;
}

export function contentSecurityPolicy({ nonce, dev = false }: SecurityHeaderOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": dev ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`],
    "style-src-attr": ["'unsafe-inline'"],
    // Markdown images are shown as links and never loaded (decision 0005): only our own files.
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/**
 * What every response carries, set by server.ts before Next answers (so API
 * routes, public files and build assets have it too; on a page, server.ts
 * replaces the CSP with the page policy and its nonce). The CSP here is for
 * what is not a page: it runs, loads and frames nothing.
 */
export function baselineSecurityHeaders({ https }: { https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (https) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/** Every header of a page response (the CSP is also set on the request, for Next to read the nonce). */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return { ...baselineSecurityHeaders(options), "Content-Security-Policy": contentSecurityPolicy(options) };
}

/** Nothing the portal uses: camera, microphone, location, payment and the rest are off for every origin. */
const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
  "browsing-topics",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** Whether the configured public URL is https (HSTS, and `Secure` session cookies). */
export function isHttpsUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Whether a request path is a page (or a page's RSC or server-action request), which gets the
 * nonce'd policy, rather than the API, a build asset or a public file (which keep the closed
 * baseline policy). server.ts sets the page policy itself, on the request for Next to read the
 * nonce and on the answer: a Next proxy (middleware) did this until issue 15 and cost about 3 ms
 * of every page (the sign-in page served 184 req/s with it, 435 without, 50 connections).
 */
export function isPagePath(pathname: string): boolean {
  return !/^\/(api\/|_next\/static\/|_next\/image|favicon\.ico|favicon\.svg|robots\.txt)/.test(pathname);
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
