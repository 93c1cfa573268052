import "server-only";
import { actorOf, recordActivity, type Actor } from "@/lib/audit";
import type { Role } from "@/lib/auth/permissions";
import { Prisma } from "@/generated/prisma/client";
import type { CalendarRow } from "@/lib/cases/calendar";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { recordSecurityEvent } from "@/lib/security-events/record-security-event";

/**
 * One row per signed-in browser. The session cookie carries its id; the
 * server refuses a cookie whose session was signed out or revoked, so a
 * cookie kept from before sign-out opens nothing.
 */
export async function startSession(userId: string, address?: string | null): Promise<string> {
  const row = await db().userSession.create({ data: { userId, address: address ?? null }, select: { id: true } });
  return row.id;
}

/** Whether the session is still open for this user. */
export async function isSessionOpen(sessionId: string | undefined, userId: string): Promise<boolean> {
  return !!(await openSessionUser(sessionId, userId));
}

/**
 * The user of a session that is still open and belongs to `userId`, with what every request
 * re-checks (active, sessionVersion, role), in one query: the session row joined to its user
 * (issue 15: Prisma reads a relation with a second query, and every page asks this). With the
 * teams' calendars (null where Admin set none): the lists and the case page show cadence times in
 * their time zones, and the Updates board groups by their business hours. Read here, they cost the
 * page no query of their own.
 */
export async function openSessionUser(sessionId: string | undefined, userId: string | undefined) {
  if (!sessionId || !userId) return null;
  const rows = await db().$queryRaw<
    { id: string; email: string; name: string; role: Role; active: boolean; sessionVersion: number; teamLead: boolean; supportCalendar: CalendarRow | null; sirtCalendar: CalendarRow | null }[]
  >`
    SELECT u."id", u."email", u."name", u."role"::text AS "role", u."active", u."sessionVersion", u."teamLead",
           (SELECT ${CALENDAR_JSON} FROM "Calendar" k WHERE k."team" = 'support') AS "supportCalendar",
           (SELECT ${CALENDAR_JSON} FROM "Calendar" k WHERE k."team" = 'sirt') AS "sirtCalendar"
    FROM "UserSession" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId} AND s."userId" = ${userId} AND s."revokedAt" IS NULL`;
  const row = rows[0];
  if (!row) return null;
  return { ...row, supportTimeZone: row.supportCalendar?.timeZone ?? null, sirtTimeZone: row.sirtCalendar?.timeZone ?? null };
}

/** A team's calendar row as JSON (lib/cases/calendar.ts's CalendarRow), for the session's read. */
const CALENDAR_JSON = Prisma.sql`json_build_object('timeZone', k."timeZone", 'workdays', k."workdays", 'holidays', k."holidays", 'workStart', k."workStart", 'workEnd', k."workEnd")`;

/** Sign-out of one browser: its session ends on the server; the user's other browsers stay signed in. */
export async function endSession(sessionId: string | undefined, userId: string | undefined, address?: string | null): Promise<void> {
  if (!sessionId || !userId) return;
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
    const ended = await tx.userSession.updateMany({
      where: { id: sessionId, userId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: "signOut" },
    });
    if (user && ended.count > 0) {
      await recordActivity(tx, { actor: actorOf(user), action: "user.signOut", entityType: "User", entityId: userId, meta: { session: sessionId } });
    }
  });
  await recordSecurityEvent({ kind: "signOut", actorId: userId, address, target: "session", outcome: "signedOut", detail: { session: sessionId } });
}

/**
 * Ends every open session of a user: "sign out everywhere" (the user
 * themself) or an Admin's "revoke sessions". Logged in the same transaction.
 * Returns how many sessions ended.
 */
export async function revokeAllSessions(actor: Actor, userId: string): Promise<number> {
  const self = actor.kind === "user" && actor.id === userId;
  const count = await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw notFound("That staff member");
    const ended = await tx.userSession.updateMany({
      where: { userId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: self ? "signOutEverywhere" : "revokedByAdmin" },
    });
    await recordActivity(tx, {
      actor,
      action: self ? "user.signOutEverywhere" : "user.revokeSessions",
      entityType: "User",
      entityId: userId,
      meta: { sessionsEnded: ended.count },
    });
    return ended.count;
  });
  if (self) await recordSecurityEvent({ kind: "signOut", actorId: userId, target: "session", outcome: "signedOutEverywhere", detail: { sessionsEnded: count } });
  return count;
}
