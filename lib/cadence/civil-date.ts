// Calendar dates without a time zone ("local dates"), as whole days since 1970-01-01. Pure
// integer arithmetic (Howard Hinnant's civil-date algorithms), so no Date object and no machine
// time zone is involved, and years 0-99 are not shifted into the 1900s as with Date.UTC.

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The proleptic Gregorian date `days` days after 1970-01-01. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday of a day number: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7 + 1;
}

/** "YYYY-MM-DD" of a day number, the format of `BusinessCalendar.holidays`. */
export function formatCivil(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

/** The day number of a real "YYYY-MM-DD" date, or null (2025-02-30, 2025-2-3, "" ...). */
export function parseCivil(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1) return null;
  const days = daysFromCivil(date);
  const back = civilFromDays(days);
  return back.month === date.month && back.day === date.day ? days : null;
}

const pad = (n: number) => String(n).padStart(2, "0");
