import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isHttpsUrl } from "@/lib/http/security-headers";
import { logger } from "@/lib/logger";
import { recordSecurityEvent, requestAddress } from "@/lib/security-events/record-security-event";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { endSession, startSession } from "./sessions";
import { markSignedIn, signInWithPassword } from "./sign-in";

export function authOptions(): NextAuthOptions {
  const e = env();
  const providers: NextAuthOptions["providers"] = [];
  if (e.passwordSignIn) {
    providers.push(
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          // The address server.ts decided (TRUSTED_PROXY_HOPS), never the client's X-Forwarded-For.
          const header = req?.headers?.[CLIENT_ADDRESS_HEADER];
          const address = (typeof header === "string" && header) || (await requestAddress()) || "unknown";
          const result = await signInWithPassword(raw, address);
          if (result.ok) return result.user;
          if (result.error === "CredentialsSignin") return null;
          throw new Error(result.error);
        },
      }),
    );
  }
  if (e.oidcEnabled) {
    providers.push({
      id: "sso",
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email?.toLowerCase() ?? "", name: profile.name ?? profile.email ?? "" };
      },
    });
  }
  const maxAge = Math.round(e.SESSION_MAX_AGE_HOURS * 3600);
  return {
    secret: e.NEXTAUTH_SECRET,
    // `Secure` (and `__Secure-`/`__Host-` prefixed) cookies exactly when the public URL is https.
    useSecureCookies: isHttpsUrl(e.NEXTAUTH_URL),
    providers,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/signin", error: "/signin" },
    // One line per problem (a tampered or expired cookie is routine, not a stack trace).
    logger: {
      // next-auth passes an Error or { error, providerId }: the SSO provider down shows as "SIGNIN_OAUTH_ERROR" with why (ECONNREFUSED ...).
      error: (code, meta) => {
        const m = meta as { message?: string; error?: { message?: string }; providerId?: string } | undefined;
        logger.warn(`auth: ${code}`, { message: m?.message ?? m?.error?.message, provider: m?.providerId });
      },
      warn: (code) => logger.warn(`auth: ${code}`),
      debug: () => {},
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "sso") return true;
        // SSO never creates staff: only an invited (existing, active) user may come in.
        const email = user.email?.toLowerCase();
        // Staff are matched by email, so an address the provider says it has not verified (a
        // self-service directory where anyone may type a colleague's address) opens nothing.
        const verified = (profile as { email_verified?: unknown } | undefined)?.email_verified;
        if (verified === false || verified === "false") {
          const claimed = email ? await db().user.findUnique({ where: { email }, select: { id: true } }) : null;
          await recordSecurityEvent({ kind: "signInFailed", actorId: claimed?.id ?? null, email: email ?? null, target: "signIn:sso", outcome: "EmailNotVerified" });
          return "/signin?error=EmailNotVerified";
        }
        const staff = email ? await db().user.findUnique({ where: { email }, select: { id: true, active: true, role: true } }) : null;
        if (!staff || !staff.active) {
          const outcome = staff ? "Deactivated" : "NotInvited";
          await recordSecurityEvent({ kind: "signInFailed", actorId: staff?.id ?? null, email: email ?? null, target: "signIn:sso", outcome });
          return `/signin?error=${outcome}`;
        }
        await markSignedIn(staff.id, staff.role, "sso");
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const staff = await db().user.findUnique({
            where: { email: (user.email ?? "").toLowerCase() },
            select: { id: true, role: true, sessionVersion: true },
          });
          if (staff) {
            token.uid = staff.id;
            token.sv = staff.sessionVersion;
            // This browser's session: sign-out ends it on the server (lib/auth/sessions.ts).
            token.sid = await startSession(staff.id, await requestAddress());
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv, sid: token.sid };
      },
    },
    events: {
      // POST /api/auth/signout: the cookie is cleared in the browser and its session ended here, so a kept copy opens nothing.
      async signOut({ token }) {
        await endSession(token?.sid, token?.uid, await requestAddress());
      },
    },
  };
}
