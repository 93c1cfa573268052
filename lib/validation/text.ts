import { z } from "zod";

/**
 * Hostile input (issue 12, finding 6): text with NUL or other control
 * characters, and dates no case can have, are refused by the schema with a
 * message beside the field, so they never reach the database (PostgreSQL
 * refuses NUL in text: that was an HTTP 500).
 */

/** C0 controls, DEL and C1 controls, except tab, line feed and carriage return. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** The same, with tab and line breaks too (a name, a path, an email, an id). */
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

export const CONTROL_CHARACTER_MESSAGE = "Remove the control character (such as a NUL byte) from this text.";
export const LINE_BREAK_MESSAGE = "Keep this on one line: remove tabs, line breaks and control characters.";

/** Whether text that may have several lines holds a control character other than tab and line breaks. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_IN_TEXT.test(text);
}

/** Whether one-line text holds a control character, tab or line break. */
export function hasLineControlCharacter(text: string): boolean {
  return CONTROL_IN_LINE.test(text);
}

/** Free text (summaries, entries, reasons): tabs and line breaks allowed, other controls refused. */
export function text<S extends z.ZodType<string, unknown>>(schema: S): S {
  return schema.refine((v) => !hasControlCharacter(v), CONTROL_CHARACTER_MESSAGE) as S;
}

/** One-line text (names, paths, event types, file names, emails): no tab, line break or other control. */
export function line<S extends z.ZodType<string, unknown>>(schema: S): S {
  return schema.refine((v) => !hasLineControlCharacter(v), LINE_BREAK_MESSAGE) as S;
}

/**
 * The dates a case can have: from 2000-01-01 to the end of 2099 (UTC). Fixed
 * rather than relative to today so the same input always gets the same answer
 * (a draft saved today is still valid next year); the product and its logs are
 * decades younger than 2000, and 2100 is far past any expiry or log window,
 * yet both are well inside what JavaScript, Prisma and PostgreSQL store.
 */
export const DATE_MIN = new Date("2000-01-01T00:00:00.000Z");
export const DATE_MAX = new Date("2099-12-31T23:59:59.999Z");
export const DATE_RANGE_MESSAGE = "Enter a date between 2000 and 2099.";

export function isDateInRange(d: Date): boolean {
  const t = d.getTime();
  return Number.isFinite(t) && t >= DATE_MIN.getTime() && t <= DATE_MAX.getTime();
}

/** A date schema refused outside DATE_MIN..DATE_MAX. */
export function inDateRange<S extends z.ZodType<Date | null, unknown>>(schema: S): S {
  return schema.refine((d) => d === null || isDateInRange(d), DATE_RANGE_MESSAGE) as S;
}
