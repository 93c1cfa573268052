import { describe, expect, it } from "vitest";
import { actorOf } from "@/lib/audit";
import { endSession, isSessionOpen, openSessionUser, revokeAllSessions, startSession } from "@/lib/auth/sessions";
import { businessCalendar, teamCalendars, teamTimeZones } from "@/lib/cases/calendar";
import { listCasesForUser } from "@/lib/cases/queries";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordRefusal } from "@/lib/security-events/record-refusal";
import { createUser } from "../support/factories";
import { useTestDatabase } from "../support/db";

useTestDatabase();

describe("sessions end on the server (finding 2)", () => {
  it("signing out one browser ends its session only, logged as a sign-out", async () => {
    const user = await createUser("csm");
    const [a, b] = [await startSession(user.id, "10.0.0.1"), await startSession(user.id, "10.0.0.2")];
    await endSession(a, user.id, "10.0.0.1");
    expect(await isSessionOpen(a, user.id)).toBe(false);
    expect(await isSessionOpen(b, user.id)).toBe(true);
    expect(await db().activityLog.count({ where: { entityId: user.id, action: "user.signOut" } })).toBe(1);
    expect(await db().securityEvent.findMany({ where: { actorId: user.id } })).toMatchObject([{ kind: "signOut", address: "10.0.0.1" }]);
  });

  it("a session id belongs to its user only", async () => {
    const [user, other] = [await createUser("support"), await createUser("support")];
    const sid = await startSession(user.id);
    expect(await isSessionOpen(sid, other.id)).toBe(false);
    expect(await isSessionOpen(undefined, user.id)).toBe(false);
  });

  it("sign out everywhere ends every session of the user, and an Admin's revoke does it for someone else; both logged", async () => {
    const [user, admin] = [await createUser("sirt"), await createUser("admin")];
    const sessions = [await startSession(user.id), await startSession(user.id)];
    expect(await revokeAllSessions(actorOf(user), user.id)).toBe(2);
    for (const s of sessions) expect(await isSessionOpen(s, user.id)).toBe(false);
    const later = await startSession(user.id);
    expect(await revokeAllSessions(actorOf(admin), user.id)).toBe(1);
    expect(await isSessionOpen(later, user.id)).toBe(false);
    const log = await db().activityLog.findMany({ where: { entityId: user.id }, orderBy: { id: "asc" }, select: { action: true, actorId: true } });
    expect(log).toEqual([
      { action: "user.signOutEverywhere", actorId: user.id },
      { action: "user.revokeSessions", actorId: admin.id },
    ]);
  });
});

describe("refusals are security events (finding 7)", () => {
  it("records 403 and 404 with the actor and what was tried, and ignores other errors", async () => {
    const user = await createUser("legal");
    await recordRefusal(new AppError("FORBIDDEN", "no"), "action:changeRole", { id: user.id, email: user.email });
    await recordRefusal(new AppError("NOT_FOUND", "no"), "route:artefact download", { id: user.id, email: user.email });
    await recordRefusal(new AppError("VALIDATION", "no"), "action:changeRole", { id: user.id, email: user.email });
    const events = await db().securityEvent.findMany({ where: { actorId: user.id }, orderBy: { id: "asc" } });
    expect(events).toMatchObject([
      { kind: "refused", target: "action:changeRole", outcome: "FORBIDDEN", email: user.email },
      { kind: "refused", target: "route:artefact download", outcome: "NOT_FOUND" },
    ]);
  });
});

describe("the session's read brings the teams' time zones (issue 15: no query of their own on each page)", () => {
  it("reads each team's calendar zone (null where none is set), as teamTimeZones does, and the case list shows times in the ones it is given", async () => {
    const user = await createUser("support");
    const sid = await startSession(user.id);
    const before = await db().calendar.findMany();
    try {
      await db().calendar.deleteMany({});
      expect(await openSessionUser(sid, user.id)).toMatchObject({ id: user.id, supportTimeZone: null, sirtTimeZone: null });
      await db().calendar.create({ data: { team: "sirt", timeZone: "Asia/Kolkata" } });
      await db().calendar.create({ data: { team: "support", timeZone: "America/Chicago" } });
      expect(await openSessionUser(sid, user.id)).toMatchObject({ supportTimeZone: "America/Chicago", sirtTimeZone: "Asia/Kolkata" });
      // The whole calendars come along, for the Updates board's business hours.
      await db().calendar.update({ where: { team: "support" }, data: { workdays: [1, 2, 3], holidays: ["2026-12-24"], workStart: "08:00", workEnd: "16:30" } });
      expect(await openSessionUser(sid, user.id)).toMatchObject({
        supportCalendar: { timeZone: "America/Chicago", workdays: [1, 2, 3], holidays: ["2026-12-24"], workStart: "08:00", workEnd: "16:30" },
        sirtCalendar: { timeZone: "Asia/Kolkata", workdays: [1, 2, 3, 4, 5], holidays: [], workStart: null, workEnd: null },
      });
      expect(businessCalendar((await openSessionUser(sid, user.id))!.supportCalendar)).toEqual((await teamCalendars(db())).support);
      expect(await teamTimeZones(db())).toEqual({ support: "America/Chicago", sirt: "Asia/Kolkata" });
      // A user read with its session carries the zones: the list uses them, and reads them itself otherwise.
      const withZones = { ...(user as SessionUser), timeZones: { support: "Pacific/Fiji", sirt: "Europe/Oslo" } };
      expect((await listCasesForUser(withZones, {})).timeZones).toEqual({ support: "Pacific/Fiji", sirt: "Europe/Oslo" });
      expect((await listCasesForUser(user as SessionUser, {})).timeZones).toEqual({ support: "America/Chicago", sirt: "Asia/Kolkata" });
    } finally {
      await db().calendar.deleteMany({});
      for (const c of before) await db().calendar.create({ data: c });
    }
  });
});
