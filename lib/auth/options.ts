import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { actorOf, recordActivity } from "@/lib/audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isHttpsUrl } from "@/lib/http/security-headers";
import { logger } from "@/lib/logger";
import { verifyPassword } from "./password";
import { clearSignInFailures, recordSignInFailure, signInBlockedFor } from "./throttle";

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(1024),
});

/** Error codes the sign-in page turns into sentences. */
export const SIGN_IN_ERRORS = {
  CredentialsSignin: "Wrong email or password.",
  RateLimited: "Too many failed attempts. Wait a moment before trying again.",
  NotInvited: "Your SSO account is not a Logdesk staff member. Ask an Admin to invite you.",
  Deactivated: "This account has been deactivated. Ask an Admin if you need access.",
  SessionExpired: "Your session has expired or your access changed. Please sign in again.",
} as const;

async function markSignedIn(userId: string, role: string, method: string) {
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
    await recordActivity(tx, { actor: actorOf({ id: userId, role }), action: "user.signIn", entityType: "User", entityId: userId, meta: { method } });
  });
}

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const fwd = headers?.["x-forwarded-for"];
  return typeof fwd === "string" && fwd ? fwd.split(",")[0]!.trim() : "local";
}

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
          const parsed = ZCredentials.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const keys = [`email:${email}`, `ip:${clientAddress(req?.headers)}`];
          if ((await signInBlockedFor(keys)) > 0) throw new Error("RateLimited");
          const user = await db().user.findUnique({
            where: { email },
            select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true, sessionVersion: true },
          });
          const ok = await verifyPassword(user?.passwordHash, password);
          if (!user || !ok) {
            await recordSignInFailure(keys);
            return null;
          }
          if (!user.active) throw new Error("Deactivated");
          await clearSignInFailures(keys);
          await markSignedIn(user.id, user.role, "password");
          return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
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
      error: (code, meta) => logger.warn(`auth: ${code}`, { message: (meta as { message?: string })?.message }),
      warn: (code) => logger.warn(`auth: ${code}`),
      debug: () => {},
    },
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "sso") return true;
        // SSO never creates staff: only an invited (existing, active) user may come in.
        const email = user.email?.toLowerCase();
        const staff = email ? await db().user.findUnique({ where: { email }, select: { id: true, active: true, role: true } }) : null;
        if (!staff) return "/signin?error=NotInvited";
        if (!staff.active) return "/signin?error=Deactivated";
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
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv };
      },
    },
  };
}
