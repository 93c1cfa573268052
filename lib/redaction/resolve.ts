// Settling overlapping findings by precedence: secret, then system, then other-account, then
// personal-data. Levels are merged in that order, each in one sweep, so the work is linear in
// the number of findings (after sorting, which is skipped when they already are in order).
//
// - A finding inside a stretch already claimed (by a higher level, or earlier/longer at the
//   same level) is dropped.
// - A finding that overlaps a claimed stretch only in part widens that stretch to the union:
//   the text the two cover together goes under the winner's rule, so nothing half-matched leaks
//   (`mallory@db.internal` with `.internal` internal is `[REDACTED:system]` as a whole).
// - A stretch kept as it is (an owned identifier) is never widened over text another rule
//   claims: the lower finding keeps only its part beyond the kept stretch.
import { A_KEEP as KEEP, type Found } from "./found";

/** A local copy: imported bindings can cost a getter call per use. */
const A_KEEP = KEEP;

function compare(f: Found, a: number, b: number): number {
  return f.start[a] - f.start[b] || f.end[b] - f.end[a] || f.prio[a] - f.prio[b];
}

function add(f: Found, out: number[], x: number): void {
  const { start, end, level, action } = f;
  while (out.length > 0) {
    const last = out[out.length - 1];
    if (end[last] <= start[x]) break;
    if (level[last] <= level[x]) {
      // `last` wins: it is of a higher level, or of the same level and earlier or longer.
      if (end[x] <= end[last]) return;
      if (action[last] === A_KEEP && action[x] !== A_KEEP) {
        start[x] = end[last];
        break;
      }
      end[last] = end[x];
      return;
    }
    // `x` wins over the lower-level `last`, taking in the text they cover together.
    out.pop();
    if (start[last] < start[x]) start[x] = start[last];
    if (end[last] > end[x]) end[x] = end[last];
  }
  out.push(x);
}

/** Indices of the disjoint winners, sorted by start. Widens and trims spans in `f`. */
export function resolve(f: Found): number[] {
  if (f.count === 1) return [0];
  const levels: number[][] = [[], [], [], []];
  for (let i = 0; i < f.count; i++) levels[f.level[i]].push(i);
  let claimed: number[] = [];
  for (const list of levels) {
    if (list.length === 0) continue;
    let sorted = true;
    for (let i = 1; i < list.length && sorted; i++) sorted = compare(f, list[i - 1], list[i]) <= 0;
    if (!sorted) {
      if (list.length <= 16) {
        // Insertion sort: few findings per string, and no closure per call.
        for (let i = 1; i < list.length; i++) {
          const x = list[i];
          let j = i - 1;
          while (j >= 0 && compare(f, list[j], x) > 0) {
            list[j + 1] = list[j];
            j--;
          }
          list[j + 1] = x;
        }
      } else {
        list.sort((a, b) => compare(f, a, b));
      }
    }
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < claimed.length || j < list.length) {
      // On equal starts the claimed (higher-level) stretch goes first.
      if (j >= list.length || (i < claimed.length && f.start[claimed[i]] <= f.start[list[j]])) {
        add(f, out, claimed[i++]);
      } else {
        add(f, out, list[j++]);
      }
    }
    claimed = out;
  }
  return claimed;
}
