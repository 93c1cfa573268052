import { z } from "zod";

/**
 * The date range of the Reports page and its CSV downloads, read from the query string (a GET
 * form): whole UTC days, `to` inclusive. Empty fields mean the last 90 days up to today. Pure:
 * "today" is passed in.
 */
export const DEFAULT_DAYS = 90;
export const MAX_YEARS = 5;
const DAY_MS = 86_400_000;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);
const day = z.preprocess(
  blank,
  z
    .string({ message: "Enter a date as YYYY-MM-DD." })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Enter a date as YYYY-MM-DD.", abort: true })
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: "Enter a real date.", abort: true })
    .refine((s) => s >= "2000-01-01" && s <= "2099-12-31", "Enter a date between 2000 and 2099.")
    .optional(),
);

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const dayStart = (s: string) => new Date(`${s}T00:00:00.000Z`);

/** The last `DEFAULT_DAYS` days up to and including `today` (UTC). */
export function defaultRange(today: Date): { from: string; to: string } {
  const to = isoDay(today);
  return { from: isoDay(new Date(dayStart(to).getTime() - (DEFAULT_DAYS - 1) * DAY_MS)), to };
}

/** The day `years` years after `from` (29 February falls back to 28 February). */
function yearsAfter(from: string, years: number): string {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return isoDay(target);
}

/** The schema, with the defaults taken from `today`. */
export function reportRangeSchema(today: Date) {
  return z
    .object({ from: day, to: day })
    .transform((v) => {
      const d = defaultRange(today);
      // One side given: the other defaults around it (a lone `from` runs to today, or 90 days on if today is before it).
      const to = v.to ?? (v.from && v.from > d.to ? isoDay(new Date(dayStart(v.from).getTime() + (DEFAULT_DAYS - 1) * DAY_MS)) : d.to);
      const from = v.from ?? (v.to ? isoDay(new Date(dayStart(v.to).getTime() - (DEFAULT_DAYS - 1) * DAY_MS)) : d.from);
      return { from, to };
    })
    .superRefine((v, ctx) => {
      if (v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date comes before the start date. Pick an end on or after the start." });
      else if (v.to > yearsAfter(v.from, MAX_YEARS)) ctx.addIssue({ code: "custom", path: ["to"], message: `The range spans more than ${MAX_YEARS} years. Pick an end at most ${MAX_YEARS} years after the start (${yearsAfter(v.from, MAX_YEARS)}).` });
    });
}

export type ReportRange = { from: string; to: string };

/** Half-open instants of a range: [from 00:00 UTC, the day after `to` 00:00 UTC). */
export function rangeBounds(r: ReportRange): { gte: Date; lt: Date } {
  return { gte: dayStart(r.from), lt: new Date(dayStart(r.to).getTime() + DAY_MS) };
}
