// Local dates and wall-clock times in an IANA time zone, found with Intl.DateTimeFormat so the
// machine's own zone never matters and the module runs unchanged in the browser.
import { DAY_MS, daysFromCivil } from "./civil-date";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for a zone the runtime does not know.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23", // never "24:00" for midnight
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime's Intl knows `timeZone` (IANA names such as "Europe/Amsterdam", "UTC"). */
export function isKnownTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== "string" || timeZone.trim() === "") return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local wall-clock reading at instant `t`, written as milliseconds on a UTC-like timeline
 * (local midnight of day N is N x DAY_MS). Offsets are whole seconds, so the instant's own
 * milliseconds carry over unchanged.
 */
export function wallClockMs(t: number, timeZone: string): number {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(t))) fields[part.type] = part.value;
  const yearOfEra = Number(fields.year);
  const year = fields.era === "BC" || fields.era === "B" ? 1 - yearOfEra : yearOfEra;
  const days = daysFromCivil({ year, month: Number(fields.month), day: Number(fields.day) });
  const seconds = Number(fields.hour) * 3600 + Number(fields.minute) * 60 + Number(fields.second);
  const millis = ((t % 1000) + 1000) % 1000;
  return days * DAY_MS + seconds * 1000 + millis;
}

/** The local day number (days since 1970-01-01) at instant `t`. */
export function localDayAt(t: number, timeZone: string): number {
  return Math.floor(wallClockMs(t, timeZone) / DAY_MS);
}

const offsetAt = (t: number, timeZone: string) => wallClockMs(t, timeZone) - t;

/**
 * The real instant of local time `minutes` after midnight on local day `day` (minutes may be
 * 1440: the next day's midnight). A time repeated by a fall-back change gives its first
 * occurrence; a time skipped by a spring-forward gap gives the instant right after the gap.
 */
export function instantAtLocal(day: number, minutes: number, timeZone: string): number {
  const wall = day * DAY_MS + minutes * 60_000;
  // Offsets are within +-14 hours, so the instant lies within a day of `wall` read as UTC; the
  // offsets at both ends of that span are the only candidates (one change at most in between).
  const offsets = [...new Set([offsetAt(wall - DAY_MS, timeZone), offsetAt(wall, timeZone), offsetAt(wall + DAY_MS, timeZone)])];
  const matches = offsets.map((offset) => wall - offset).filter((t) => wallClockMs(t, timeZone) === wall);
  if (matches.length > 0) return Math.min(...matches);

  // In a gap: the first instant whose wall-clock reading is past `wall` is where the gap ends.
  let lo = wall - Math.max(...offsets); // reads before `wall`
  let hi = wall - Math.min(...offsets); // reads after `wall`
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (wallClockMs(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}
