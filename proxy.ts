// Next's proxy (the Next 16 name for middleware): the page Content-Security-Policy with a fresh
// nonce per request (issue 12, finding 5). Next reads the nonce from the request's CSP header and
// puts it on every script it writes, so pages render per request (the root layout is dynamic).
// The other headers, and a closed policy for what is not a page, come from server.ts on every
// response (lib/http/security-headers.ts). API routes are left out: a proxy buffers request
// bodies (10 MB by default), which would cut artefact uploads short.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy, isHttpsUrl, newNonce } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const e = env();
  const csp = contentSecurityPolicy({ nonce: newNonce(), https: isHttpsUrl(e.NEXTAUTH_URL), dev: e.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico|favicon\\.svg|robots\\.txt).*)"],
};
