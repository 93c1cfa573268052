import "server-only";
import { recordActivity, type Actor } from "@/lib/audit";
import { DEFAULT_CALENDAR, nextUpdateDue } from "@/lib/cadence";
import { teamCalendar } from "@/lib/cases/calendar";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/action-errors";
import { TEAMS, ZCalendarInput, toBusinessCalendar, type TTeam } from "./schemas";

/** Cases whose update clock is running: the team has them and has not yet shared the result. */
const OPEN_STATUSES = ["accepted", "in_progress"] as const;
/** Cases read per query while recomputing; the updates stay one per case. */
const BATCH = 500;

export interface CalendarView {
  team: TTeam;
  timeZone: string;
  workdays: number[];
  holidays: string[];
  workingHours: { start: string; end: string } | null;
  /** True when Admin has never saved one: the default (Monday-Friday, whole days, UTC) applies. */
  isDefault: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

function defaultView(team: TTeam): CalendarView {
  return {
    team,
    timeZone: DEFAULT_CALENDAR.timeZone,
    workdays: [...DEFAULT_CALENDAR.workdays],
    holidays: [...DEFAULT_CALENDAR.holidays],
    workingHours: null,
    isDefault: true,
    updatedAt: null,
    updatedBy: null,
  };
}

/** Both teams' calendars, Support first; a team without a row gets the default. */
export async function getCalendars(): Promise<CalendarView[]> {
  const rows = await db().calendar.findMany({
    select: { team: true, timeZone: true, workdays: true, holidays: true, workStart: true, workEnd: true, updatedById: true, updatedAt: true },
  });
  const editorIds = [...new Set(rows.map((r) => r.updatedById).filter((id): id is string => !!id))];
  const editors = editorIds.length
    ? await db().user.findMany({ where: { id: { in: editorIds } }, select: { id: true, name: true } })
    : [];
  const nameOf = new Map(editors.map((u) => [u.id, u.name]));
  return TEAMS.map((team) => {
    const row = rows.find((r) => r.team === team);
    if (!row) return defaultView(team);
    return {
      team,
      timeZone: row.timeZone,
      workdays: [...row.workdays].sort((a, b) => a - b),
      holidays: [...row.holidays].sort(),
      workingHours: row.workStart && row.workEnd ? { start: row.workStart, end: row.workEnd } : null,
      // A row the seed created and nobody has edited still holds the default.
      isDefault: !row.updatedById,
      updatedAt: row.updatedById ? row.updatedAt : null,
      updatedBy: row.updatedById ? (nameOf.get(row.updatedById) ?? "a former staff member") : null,
    };
  });
}

/**
 * Saves a team's calendar and moves the next-update time of that team's open cases to what the
 * new calendar gives (from the last relay, or acceptance), in one transaction with the log entry.
 * Invalid input is a VALIDATION error with lib/cadence's plain messages per field; nothing is written.
 */
export async function updateCalendar(actor: Actor, team: TTeam, input: unknown) {
  const parsed = ZCalendarInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  }
  const calendar = toBusinessCalendar(parsed.data);
  const { workingHours } = parsed.data;
  return db().$transaction(async (tx) => {
    const before = await teamCalendar(tx, team);
    const data = {
      timeZone: calendar.timeZone,
      workdays: calendar.workdays,
      holidays: calendar.holidays,
      workStart: workingHours?.start ?? null,
      workEnd: workingHours?.end ?? null,
      updatedById: actor.kind === "system" ? null : actor.id,
    };
    await tx.calendar.upsert({ where: { team }, create: { team, ...data }, update: data, select: { team: true } });
    const recomputed = await recomputeOpenCases(tx, team, calendar);
    await recordActivity(tx, {
      actor,
      action: "calendar.update",
      entityType: "Calendar",
      entityId: team,
      before,
      after: calendar,
      meta: { recomputedCases: recomputed.changed, openCases: recomputed.open },
    });
    return { team, recomputedCases: recomputed.changed };
  }, { timeout: 60_000, maxWait: 10_000 }); // a team with thousands of open cases: one UPDATE each
}

/** One UPDATE per open case whose due time moves, reading the cases in id order, BATCH at a time. */
async function recomputeOpenCases(tx: Tx, team: TTeam, calendar: ReturnType<typeof toBusinessCalendar>) {
  let open = 0;
  let changed = 0;
  let cursor: string | undefined;
  for (;;) {
    const cases = await tx.case.findMany({
      where: { team, status: { in: [...OPEN_STATUSES] }, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true, acceptedAt: true, lastRelayAt: true, nextUpdateDue: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const c of cases) {
      const from = c.lastRelayAt ?? c.acceptedAt;
      if (!from) continue; // not yet on the clock
      open++;
      const due = nextUpdateDue(from, calendar);
      if (c.nextUpdateDue?.getTime() === due.getTime()) continue;
      await tx.case.update({ where: { id: c.id }, data: { nextUpdateDue: due }, select: { id: true } });
      changed++;
    }
    if (cases.length < BATCH) return { open, changed };
    cursor = cases[cases.length - 1].id;
  }
}
