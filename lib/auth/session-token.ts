import { decode } from "next-auth/jwt";

/**
 * Reads the session cookie (next-auth's encrypted JWT) the way next-auth does, without running
 * its whole session endpoint on every page: `getServerSession` derived two keys (HKDF), decrypted
 * the token, made a CSRF token, re-encrypted the token for a cookie that a page cannot set, and
 * ran the callbacks, about 1 ms of every request under load. The claims of a token are the same
 * every time it is presented, so a decoded token is kept (bounded, until its expiry); whether its
 * session is still open is asked of the database on every request all the same
 * (lib/auth/session.ts), so sign-out, revocation and deactivation take effect at once.
 */
export interface SessionClaims {
  uid: string;
  sid?: string;
  sv?: number;
  /** Seconds since the epoch (the JWT's exp). */
  exp: number;
}

export const SESSION_COOKIE = "next-auth.session-token";

/** The cookie's name: `__Secure-` prefixed exactly when the public URL is https (authOptions' useSecureCookies). */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/**
 * The token from the request's cookies: the cookie itself, or its chunks (`name.0`, `name.1`, ...)
 * in order, as next-auth writes a token longer than a cookie may be.
 */
export function sessionTokenFrom(cookies: { name: string; value: string }[], name: string): string | undefined {
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value || undefined;
  const chunks = cookies
    .map((c) => ({ c, suffix: c.name.startsWith(`${name}.`) ? c.name.slice(name.length + 1) : "" }))
    .filter(({ suffix }) => /^(0|[1-9]\d{0,2})$/.test(suffix))
    .map(({ c, suffix }) => ({ c, i: Number(suffix) }))
    .sort((a, b) => a.i - b.i);
  return chunks.length ? chunks.map(({ c }) => c.value).join("") : undefined;
}

const KEPT = 5_000;
/** Decoded tokens, for the one secret in use (a different secret empties it). */
const kept = new Map<string, SessionClaims>();
let keptFor: string | null = null;

/**
 * The token's claims, or null when it does not decode (tampered, another secret, malformed),
 * names no user, or has expired. `now` in milliseconds.
 */
export async function sessionClaims(token: string, secret: string, now = Date.now()): Promise<SessionClaims | null> {
  if (keptFor !== secret) {
    kept.clear();
    keptFor = secret;
  }
  const key = token;
  const hit = kept.get(key);
  if (hit) {
    if (hit.exp * 1000 > now) return hit;
    kept.delete(key);
    return null;
  }
  let claims: SessionClaims | null = null;
  try {
    const t = await decode({ token, secret });
    if (t && typeof t.uid === "string" && typeof t.exp === "number") claims = { uid: t.uid, sid: t.sid, sv: t.sv, exp: t.exp };
  } catch {
    return null;
  }
  // jose allows 15 s of clock skew on exp; a kept token is held to its exp exactly.
  if (!claims || claims.exp * 1000 <= now) return null;
  if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
  kept.set(key, claims);
  return claims;
}
