/**
 * `requestedAt` minus `months` calendar months, same time of day, UTC, with the day clamped to
 * the last day of the target month: 31 March - 1 month = 28 February (29 in a leap year),
 * 15 March - 1 month = 15 February. An invalid date gives an invalid date.
 */
export function windowLowerBound(requestedAt: Date, months: number): Date {
  const time = requestedAt.getTime();
  if (Number.isNaN(time) || !Number.isInteger(months)) return new Date(Number.NaN);
  const year = requestedAt.getUTCFullYear();
  const month = requestedAt.getUTCMonth() - months; // setUTCFullYear carries this across years
  const bound = new Date(0);
  bound.setUTCFullYear(year, month + 1, 0); // day 0 = the last day of the target month
  const day = Math.min(requestedAt.getUTCDate(), bound.getUTCDate());
  bound.setUTCFullYear(year, month, day); // unlike Date.UTC, no 1900 offset for years 0-99
  bound.setUTCHours(
    requestedAt.getUTCHours(),
    requestedAt.getUTCMinutes(),
    requestedAt.getUTCSeconds(),
    requestedAt.getUTCMilliseconds(),
  );
  return bound;
}

/** Whether `date` holds a real instant. */
export function isValidDate(date: unknown): date is Date {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * A UTC instant for staff to read, e.g. `2024-02-29 14:30 UTC`; seconds and milliseconds are shown
 * only when they are not zero, so a boundary is never rounded into a different answer.
 */
export function formatUtc(date: Date): string {
  if (!isValidDate(date)) return "an invalid date";
  const year = date.getUTCFullYear();
  const yearText = year >= 0 && year <= 9999 ? pad(year, 4) : String(year);
  let text = `${yearText}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  const seconds = date.getUTCSeconds();
  const ms = date.getUTCMilliseconds();
  if (seconds !== 0 || ms !== 0) text += `:${pad(seconds)}`;
  if (ms !== 0) text += `.${pad(ms, 3)}`;
  return `${text} UTC`;
}
