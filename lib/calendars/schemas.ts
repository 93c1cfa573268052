import { z } from "zod";
import { DEFAULT_CALENDAR, validateCalendar, type BusinessCalendar } from "@/lib/cadence";
import { DATE_MAX, DATE_MIN, DATE_RANGE_MESSAGE, line } from "@/lib/validation/text";

/** The year of a date-shaped holiday ("2025-12-25", "+275760-09-13"); lib/cadence checks the rest of its form. */
const holidayYear = (d: string) => Number(/^([+-]?\d{4,6})-/.exec(d)?.[1] ?? Number.NaN);
const inYears = (d: string) => Number.isNaN(holidayYear(d)) || (holidayYear(d) >= DATE_MIN.getUTCFullYear() && holidayYear(d) <= DATE_MAX.getUTCFullYear());

export const TEAMS = ["support", "sirt"] as const;
export const ZTeam = z.enum(TEAMS, { message: "Choose Support or SIRT." });
export type TTeam = z.infer<typeof ZTeam>;

/** Enough for years of public holidays; keeps the update clock's day-by-day walk short. */
export const MAX_HOLIDAYS = 400;

const ZCalendarFields = z.object({
  timeZone: line(z.string({ message: "Choose a time zone." }).trim().min(1, "Choose a time zone.")),
  workdays: z
    .array(z.coerce.number({ message: "Tick the days the team works." }), { message: "Tick the days the team works." })
    .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
  holidays: z
    .array(line(z.string({ message: "Holidays are dates such as 2025-12-25." }).trim()).refine(inYears, DATE_RANGE_MESSAGE), { message: "Holidays are dates such as 2025-12-25." })
    .max(MAX_HOLIDAYS, `Keep the list to ${MAX_HOLIDAYS} holidays or fewer; remove past ones first.`)
    .transform((dates) => [...new Set(dates)].sort()),
  /** null (or absent): the whole day counts. */
  workingHours: z
    .object({
      start: line(z.string({ message: "Enter when the working day starts, e.g. 09:00." }).trim()),
      end: line(z.string({ message: "Enter when the working day ends, e.g. 17:00." }).trim()),
    })
    .nullish()
    .transform((hours) => hours ?? null),
});

type CalendarFields = z.output<typeof ZCalendarFields>;

/** The calendar lib/cadence works with, from the form's fields. */
export function toBusinessCalendar(fields: CalendarFields): BusinessCalendar {
  return {
    timeZone: fields.timeZone,
    workdays: fields.workdays,
    holidays: fields.holidays,
    ...(fields.workingHours ? { workingHours: fields.workingHours } : {}),
  };
}

/**
 * lib/cadence's plain-words problems, each against the field it is about: every part is checked
 * on its own, beside the default calendar's other parts, so a message lands beside its input.
 */
function checkWithCadence(fields: CalendarFields, ctx: z.RefinementCtx) {
  const parts: [keyof CalendarFields, Partial<BusinessCalendar>][] = [
    ["timeZone", { timeZone: fields.timeZone }],
    ["workdays", { workdays: fields.workdays }],
    ["holidays", { holidays: fields.holidays }],
    ["workingHours", fields.workingHours ? { workingHours: fields.workingHours } : {}],
  ];
  for (const [path, part] of parts) {
    for (const message of validateCalendar({ ...DEFAULT_CALENDAR, ...part })) {
      ctx.addIssue({ code: "custom", path: [path], message });
    }
  }
}

/** A team's business calendar as Admin edits it (contracts.md, section 3). */
export const ZCalendarInput = ZCalendarFields.superRefine(checkWithCadence);
export type TCalendarInput = z.input<typeof ZCalendarInput>;
export type TCalendar = z.output<typeof ZCalendarInput>;

export const ZUpdateCalendarInput = ZCalendarFields.extend({ team: ZTeam }).superRefine(checkWithCadence);
export type TUpdateCalendarInput = z.input<typeof ZUpdateCalendarInput>;
