// The demo history's clock (lib/demo/history.ts): acts fall in the demo staff's working hours,
// mostly. Pure: times in ms since the epoch, randomness passed in.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Working hours of the demo staff (UTC): most acts fall in them. */
const WORK_START = 8;
const WORK_END = 18;


/** `t` if it falls in working hours on a weekday, else the next working morning (plus a few minutes). */
export function workTime(t: number, rnd: () => number): number {
  const d = new Date(t);
  const h = d.getUTCHours() + d.getUTCMinutes() / 60;
  const dow = d.getUTCDay();
  if (dow !== 0 && dow !== 6 && h >= WORK_START && h < WORK_END) return t;
  let day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (h >= WORK_START) day += DAY;
  while ([0, 6].includes(new Date(day).getUTCDay())) day += DAY;
  return day + WORK_START * HOUR + Math.floor(rnd() * 50) * 60_000;
}

/** `hours` of working time after `t` (about one act in twenty is someone on call: real hours, any day). */
export function after(t: number, hours: number, rnd: () => number): number {
  if (rnd() < 0.05) return t + hours * HOUR;
  let at = workTime(t, rnd);
  let left = hours * HOUR;
  for (;;) {
    const d = new Date(at);
    const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + WORK_END * HOUR;
    if (at + left <= end) return at + left;
    left -= end - at;
    at = workTime(end, () => 0);
  }
}


/** `t` if it falls in working hours on a weekday, else the last working afternoon before it (up to three hours before the end). */
export function workBefore(t: number, rnd: () => number): number {
  const d = new Date(t);
  const h = d.getUTCHours() + d.getUTCMinutes() / 60;
  const dow = d.getUTCDay();
  if (dow !== 0 && dow !== 6 && h >= WORK_START && h < WORK_END) return t;
  let day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (h < WORK_END) day -= DAY;
  while ([0, 6].includes(new Date(day).getUTCDay())) day -= DAY;
  return day + WORK_END * HOUR - (5 + Math.floor(rnd() * 180)) * 60_000;
}
