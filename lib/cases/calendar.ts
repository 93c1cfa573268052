import "server-only";
import type { Tx } from "@/lib/db";
import { DEFAULT_CALENDAR, type BusinessCalendar } from "@/lib/cadence";

/** A team's business calendar as lib/cadence wants it (the default when Admin has not set one). */
export async function teamCalendar(tx: Tx, team: "support" | "sirt"): Promise<BusinessCalendar> {
  const row = await tx.calendar.findUnique({ where: { team } });
  if (!row) return DEFAULT_CALENDAR;
  return {
    timeZone: row.timeZone,
    workdays: row.workdays,
    holidays: row.holidays,
    ...(row.workStart && row.workEnd ? { workingHours: { start: row.workStart, end: row.workEnd } } : {}),
  };
}

export type TeamTimeZones = Record<"support" | "sirt", string>;

/** Both teams' time zones in one query, for showing cadence times in the team's local time beside UTC. */
export async function teamTimeZones(tx: Tx): Promise<TeamTimeZones> {
  const rows = await tx.calendar.findMany({ select: { team: true, timeZone: true } });
  const zoneOf = (team: "support" | "sirt") => rows.find((r) => r.team === team)?.timeZone ?? DEFAULT_CALENDAR.timeZone;
  return { support: zoneOf("support"), sirt: zoneOf("sirt") };
}
