import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { AppError, forbidden } from "@/lib/errors";
import { recordSecurityEvent } from "@/lib/security-events/record-security-event";
import { env } from "@/lib/env";
import { isHttpsUrl } from "@/lib/http/security-headers";
import { logger } from "@/lib/logger";
import { can, type Permission, type Role } from "./permissions";
import { sessionClaims, sessionCookieName, sessionTokenFrom } from "./session-token";
import { openSessionUser } from "./sessions";
import type { BusinessCalendar } from "@/lib/cadence";
import { businessCalendar, type TeamTimeZones } from "@/lib/cases/calendar";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** A Support or SIRT member Admin made team lead (shows the checklist override; services re-read it). */
  teamLead?: boolean;
  /**
   * The teams' time zones, read with the session on a page request (lib/auth/sessions.ts), for the
   * cadence times lists and the case page show; absent elsewhere, where they are read when needed
   * (`timeZonesFor`, lib/cases/calendar.ts).
   */
  timeZones?: TeamTimeZones;
  /** Both teams' business calendars, read with the session on a page request (the Updates board's groups); absent elsewhere. */
  calendars?: Record<"support" | "sirt", BusinessCalendar>;
}

/**
 * The signed-in staff member, re-checked against the database on every
 * request: a deactivated user, one whose sessions were revoked (role
 * change, deactivation), or a browser that signed out (its session ended on
 * the server, so a kept copy of the cookie opens nothing) is treated as
 * signed out. The role always comes from
 * the database, never from the cookie.
 */
export async function currentUser(): Promise<SessionUser | null> {
  return (await sessionState()).user;
}

/**
 * The user, and whether a session cookie was presented at all (to tell "expired" from "never signed
 * in"). Once per request (React's cache): the layout and the page both ask.
 */
const sessionState = cache(readSessionState);

async function readSessionState(): Promise<{ user: SessionUser | null; hadSession: boolean }> {
  const e = env();
  const token = sessionTokenFrom((await cookies()).getAll(), sessionCookieName(isHttpsUrl(e.NEXTAUTH_URL)));
  if (!token) return { user: null, hadSession: false };
  const session = e.NEXTAUTH_SECRET ? await sessionClaims(token, e.NEXTAUTH_SECRET) : null;
  if (!session) {
    // An expired or tampered cookie yields no session, but the cookie is still there.
    logger.warn("auth: a session cookie that is expired or does not decode (tampered, or made with another secret)");
    return { user: null, hadSession: true };
  }
  const user = await openSessionUser(session.sid, session.uid);
  if (!user || !user.active || user.sessionVersion !== session.sv) return { user: null, hadSession: true };
  const calendars = { support: businessCalendar(user.supportCalendar), sirt: businessCalendar(user.sirtCalendar) };
  const timeZones = { support: calendars.support.timeZone, sirt: calendars.sirt.timeZone };
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role, teamLead: user.teamLead, timeZones, calendars }, hadSession: true };
}

/** For pages: the user, or a redirect to sign-in. */
export async function requirePageUser(permission?: Permission): Promise<SessionUser> {
  const { user, hadSession } = await sessionState();
  if (!user) redirect(hadSession ? "/signin?error=SessionExpired" : "/signin");
  if (permission && !can(user.role, permission)) {
    await recordSecurityEvent({ kind: "refused", actorId: user.id, email: user.email, target: `page:${permission}`, outcome: "NOT_FOUND", detail: { role: user.role } });
    notFound();
  }
  return user;
}

/** For server actions and route handlers: the user, or an UNAUTHENTICATED error. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has expired. Please sign in again.");
  return user;
}

/** Throws FORBIDDEN unless the role has the permission (the one table in permissions.ts). */
export function authorize(user: { role: Role }, permission: Permission): void {
  if (!can(user.role, permission)) throw forbidden();
}

/** Throws FORBIDDEN unless the role has at least one of the permissions (an empty list refuses). */
export function authorizeAny(user: { role: Role }, permissions: readonly Permission[]): void {
  if (!permissions.some((p) => can(user.role, p))) throw forbidden();
}
