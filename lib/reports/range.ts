import { z } from "zod";
import { DAY_MS, dayStart, isoDay, refineRange, ZOptionalIsoDay } from "@/lib/validation/date-range";

export { isoDay };

/**
 * The date range of the Reports page and its CSV downloads, read from the query string (a GET
 * form): whole UTC days, `to` inclusive. Empty fields mean the last 90 days up to today. Pure:
 * "today" is passed in.
 */
export const DEFAULT_DAYS = 90;
export const MAX_YEARS = 5;

/** The last `DEFAULT_DAYS` days up to and including `today` (UTC). */
export function defaultRange(today: Date): { from: string; to: string } {
  const to = isoDay(today);
  return { from: isoDay(new Date(dayStart(to).getTime() - (DEFAULT_DAYS - 1) * DAY_MS)), to };
}

/** The schema, with the defaults taken from `today`. */
export function reportRangeSchema(today: Date) {
  return z
    .object({ from: ZOptionalIsoDay, to: ZOptionalIsoDay })
    .transform((v) => {
      const d = defaultRange(today);
      // One side given: the other defaults around it (a lone `from` runs to today, or 90 days on if today is before it).
      const to = v.to ?? (v.from && v.from > d.to ? isoDay(new Date(dayStart(v.from).getTime() + (DEFAULT_DAYS - 1) * DAY_MS)) : d.to);
      const from = v.from ?? (v.to ? isoDay(new Date(dayStart(v.to).getTime() - (DEFAULT_DAYS - 1) * DAY_MS)) : d.from);
      return { from, to };
    })
    .superRefine((v, ctx) => refineRange(v, ctx, MAX_YEARS));
}

export type ReportRange = { from: string; to: string };

/** Half-open instants of a range: [from 00:00 UTC, the day after `to` 00:00 UTC). */
export function rangeBounds(r: ReportRange): { gte: Date; lt: Date } {
  return { gte: dayStart(r.from), lt: new Date(dayStart(r.to).getTime() + DAY_MS) };
}
