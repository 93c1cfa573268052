import { z } from "zod";

/**
 * Whole UTC days typed into the date fields of the reports, the gap analytics and the record pages
 * (GET forms): one parser and one set of messages, so every page says the same thing about the
 * same mistake. Pure.
 */
export const DAY_MS = 86_400_000;

/** A real calendar day between 2000 and 2099 as YYYY-MM-DD (the schema of one field, required). */
export const ZIsoDay = z
  .string({ message: "Enter a date as YYYY-MM-DD." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Enter a date as YYYY-MM-DD.", abort: true })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: "Enter a real date.", abort: true })
  .refine((s) => s >= "2000-01-01" && s <= "2099-12-31", "Enter a date between 2000 and 2099.");

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The same, where an empty field means "not given". */
export const ZOptionalIsoDay = z.preprocess(blank, ZIsoDay.optional());

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const dayStart = (s: string) => new Date(`${s}T00:00:00.000Z`);

/** The day `years` years after `from` (29 February falls back to 28 February). */
export function yearsAfter(from: string, years: number): string {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return isoDay(target);
}

/** What is wrong with a range of days, `to` inclusive (null when nothing is): its order, then its length. */
export function rangeProblem(from: string, to: string, maxYears?: number): string | null {
  if (from > to) return "The end date comes before the start date. Pick an end on or after the start.";
  if (maxYears !== undefined && to > yearsAfter(from, maxYears)) {
    return `The range spans more than ${maxYears} years. Pick an end at most ${maxYears} years after the start (${yearsAfter(from, maxYears)}).`;
  }
  return null;
}

/** A superRefine step: the range's problem, on its `to` field. */
export function refineRange(v: { from?: string; to?: string }, ctx: z.RefinementCtx, maxYears?: number) {
  if (!v.from || !v.to) return;
  const problem = rangeProblem(v.from, v.to, maxYears);
  if (problem) ctx.addIssue({ code: "custom", path: ["to"], message: problem });
}
