import "server-only";
import { db, type Tx } from "@/lib/db";
import { DEFAULT_CALENDAR, type BusinessCalendar } from "@/lib/cadence";

export type CalendarRow = { timeZone: string; workdays: number[]; holidays: string[]; workStart: string | null; workEnd: string | null };

/** A calendar row as lib/cadence wants it (the default when Admin has not set one). */
export function businessCalendar(row: CalendarRow | null | undefined): BusinessCalendar {
  if (!row) return DEFAULT_CALENDAR;
  return {
    timeZone: row.timeZone,
    workdays: row.workdays,
    holidays: row.holidays,
    ...(row.workStart && row.workEnd ? { workingHours: { start: row.workStart, end: row.workEnd } } : {}),
  };
}

/** A team's business calendar as lib/cadence wants it (the default when Admin has not set one). */
export async function teamCalendar(tx: Tx, team: "support" | "sirt"): Promise<BusinessCalendar> {
  return businessCalendar(await tx.calendar.findUnique({ where: { team } }));
}

/** Both teams' business calendars in one query (the Updates board and the reminder scan need both, and their time zones). */
export async function teamCalendars(tx: Tx): Promise<Record<"support" | "sirt", BusinessCalendar>> {
  const rows = await tx.calendar.findMany({ select: { team: true, timeZone: true, workdays: true, holidays: true, workStart: true, workEnd: true } });
  return { support: businessCalendar(rows.find((r) => r.team === "support")), sirt: businessCalendar(rows.find((r) => r.team === "sirt")) };
}

export type TeamTimeZones = Record<"support" | "sirt", string>;

/** Both teams' time zones in one query, for showing cadence times in the team's local time beside UTC. */
export async function teamTimeZones(tx: Tx): Promise<TeamTimeZones> {
  const rows = await tx.calendar.findMany({ select: { team: true, timeZone: true } });
  const zoneOf = (team: "support" | "sirt") => rows.find((r) => r.team === team)?.timeZone ?? DEFAULT_CALENDAR.timeZone;
  return { support: zoneOf("support"), sirt: zoneOf("sirt") };
}

/** The teams' time zones: those read with the user's session on a page request, or read now. */
export function timeZonesFor(user: { timeZones?: TeamTimeZones } | null | undefined): Promise<TeamTimeZones> {
  return user?.timeZones ? Promise.resolve(user.timeZones) : teamTimeZones(db());
}
