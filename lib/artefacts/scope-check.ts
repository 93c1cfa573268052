// Kept whole (over 300 lines): one per-line scope checker (timestamps, paths through the
// redaction's finder) and its tally, tuned for the upload's hot path and tested as one unit.
// Per-line case-scope check for uploaded log artefacts: is the line's timestamp inside the case
// window, and does it name group/project paths outside the case's resources? Pure: no I/O.
//
// Readings where the spec leaves room (each covered by tests):
// - JSON keys match case-insensitively (as in the redactor). A timestamp key whose value does not
//   parse is skipped and the next key in the list is tried; a line with none is "undated".
// - JSON timestamp strings may be ISO-8601 (date-only means midnight UTC, no zone means UTC) or
//   digits (epoch seconds below 1e11, else milliseconds), like numbers.
// - Text timestamps need a time (`2026-11-20T10:15` at least), must start within the first 200
//   characters, and a zone, when present, is written right after the time (`Z`, `+01:00`, `+0100`).
// - The paths a line names are those the redaction recognises (createPathFinder of
//   lib/redaction: identity-key values at any depth with `-` and `_` alike, key=value, prose
//   namespace paths, API ids URL-decoded, request and product paths, scp remotes on product hosts,
//   entity_path / target_details paths), plus the scope check's own keys `full_path`, `group`
//   and `group_path` (top-level JSON keys, or key=value in text). Single names (a user, or a
//   group where the redaction judges a name) are not counted: a case's own users are no resource.
// - Dropping a whole line needs stronger evidence than replacing a token: with `knownRoots`, a
//   prose namespace path counts only when its root segment is a namespace Logdesk knows (a root
//   of the registry's group and project paths, or of the case's own resources), so
//   `refs/heads/main`, `feature/login`, `Europe/Berlin` or `read/write` drop no line, while
//   `acme/web/storefront` (the customer's other project) and `globex/api` do. The positional
//   forms count whatever their root. A single name in entity_path / target_details counts when
//   it is a known root (`{"entity_path":"initech"}`); under namespace / root_namespace it always
//   does.
// - Resource paths are compared trimmed, lower-cased, with surrounding slashes removed; a value
//   with `%` escapes (a query string) is URL-decoded. outsideResources holds them in that form,
//   without duplicates, in order of appearance (the finder's paths first, then the own keys).
//   The redaction judges a product path without `-` or `.git` whole (it cannot tell where its
//   namespace ends): the whole path is compared with the scope, and outsideResources (so the
//   file's summary) names one of three or more segments by its first two, so that
//   `initech/payroll/issues/5`, `.../6`, ... are one entry `initech/payroll` and not a flood
//   (the whole path when those two are within the scope).
// - A path is within the scope when it is a scope resource, lies below one, or is a group above
//   one (`acme` for the scope `acme/infra/api`: its lines name their root namespace).
// - In text, a key must not be glued to a preceding word character, `.` or `-` (`x-project=` is
//   not a key); a quoted value runs to its closing quote.
//
// Work is linear in the line: the timestamp regex only ever sees 240 characters, the key regex
// has no nested quantifiers, and each value is consumed once (the scan resumes after it).

import { createPathFinder } from "@/lib/redaction";

export interface CaseScope {
  from: Date;
  to: Date;
  /** Group/project paths, e.g. "acme", "acme/web". */
  resources: string[];
  /** Host names of the product's own front end, as in RedactionScope.productHosts; default none. */
  productHosts?: string[];
  /** Host suffixes of our own systems, as in RedactionScope.internalHosts; default none. */
  internalHosts?: string[];
  /**
   * The root segments (lower case) of every group and project path in the account registry, all
   * customers' (loadKnownRoots in lib/accounts/queries.ts): a prose namespace path counts only
   * when its root is one of them (or a root of the case's own resources), and so does a single
   * name in entity_path / target_details. Absent: every prose path counts, no such single name.
   */
  knownRoots?: ReadonlySet<string>;
}

export type WindowVerdict = "inside" | "outside" | "undated";

export interface LineScope {
  window: WindowVerdict;
  /**
   * The resources outside the scope the line names (normalised, deduplicated), each by the part a
   * summary names it by: a product path judged whole that continues past two segments
   * (`initech/payroll/issues/5`) by its first two (`initech/payroll`); every other path whole.
   */
  outsideResources: string[];
}

export interface DropOptions {
  dropOutsideWindow: boolean;
  dropOutsideScope: boolean;
}

export interface ScopeSummary {
  lines: number;
  insideWindow: number;
  outsideWindow: number;
  undated: number;
  /** Lines naming at least one resource outside scope. */
  outsideScope: number;
  /** Top 20 by count. */
  outsideResources: { path: string; lines: number }[];
  /** At most 10. */
  samples: { lineNo: number; reason: "window" | "scope"; text: string }[];
}

const TIME_KEYS = ["time", "timestamp", "@timestamp", "created_at", "date", "ts"] as const;
/** Keys of the scope check's own (besides what the redaction's path finder recognises). */
const RESOURCE_KEYS: ReadonlySet<string> = new Set(["full_path", "group", "group_path"]);

/** Characters of a text line searched for its timestamp (it must start within the first 200). */
const TEXT_TS_START = 200;
const TEXT_TS_WINDOW = 240;

// y-m-d, T or space, h:m, optional :s and fraction, optional zone. No nested quantifiers.
const TEXT_TS_RE =
  /(?<!\d)(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?(?!\d)/g;
// The same, anchored, with the time optional (JSON values).
const VALUE_TS_RE =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?)?\s*$/;
const EPOCH_STRING_RE = /^\s*\d{1,16}(?:\.\d{1,9})?\s*$/;

// The own keys in text (`-` as `_`); longer alternatives first, the `=` decides.
const TEXT_KEY_RE = /(?<![\w.-])(full[_-]path|group[_-]path|group)=/gi;
const VALUE_END_RE = /[\s&,;"']/g;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function epochMs(n: number): number | null {
  if (!Number.isFinite(n) || n < 0) return null;
  return n < 1e11 ? n * 1000 : n;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Midnight UTC of the last date parsed (consecutive log lines share their date). */
let lastDay = "";
let lastDayMs = 0;

/** Milliseconds since the epoch from a timestamp match (groups y, m, d, h, mi, s, frac, zone); null if invalid. */
function fromMatch(m: RegExpExecArray): number | null {
  const dayKey = m[1] + m[2] + m[3];
  let day: number;
  if (dayKey === lastDay) {
    day = lastDayMs;
  } else {
    const y = +m[1];
    const mo = +m[2];
    const d = +m[3];
    if (mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1]) return null;
    if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
    day = Date.UTC(y, mo - 1, d);
    lastDay = dayKey;
    lastDayMs = day;
  }
  const h = m[4] === undefined ? 0 : +m[4];
  const mi = m[5] === undefined ? 0 : +m[5];
  let s = m[6] === undefined ? 0 : +m[6];
  if (h > 23 || mi > 59 || s > 60) return null;
  if (s === 60) s = 59; // a leap second: close enough for a window check
  const frac = m[7];
  const ms = frac === undefined ? 0 : frac.length >= 3 ? +frac.slice(0, 3) : frac.length === 2 ? +frac * 10 : +frac * 100;
  let t = day + ((h * 60 + mi) * 60 + s) * 1000 + ms;
  const zone = m[8];
  if (zone !== undefined && zone !== "Z" && zone !== "z" && zone !== "UTC") {
    const sign = zone.charCodeAt(0) === 45 ? -1 : 1;
    const digits = zone.length > 3 && zone.charCodeAt(3) === 58 ? zone.slice(1, 3) + zone.slice(4) : zone.slice(1);
    const zh = +digits.slice(0, 2);
    const zm = digits.length > 2 ? +digits.slice(2, 4) : 0;
    if (zh > 23 || zm > 59) return null;
    t -= sign * (zh * 60 + zm) * 60_000;
  }
  return t;
}

function valueTime(v: unknown): number | null {
  if (typeof v === "number") return epochMs(v);
  if (typeof v !== "string" || v.length > 64) return null;
  if (EPOCH_STRING_RE.test(v)) return epochMs(Number(v));
  const m = VALUE_TS_RE.exec(v);
  return m ? fromMatch(m) : null;
}

function textTime(line: string): number | null {
  const head = line.length > TEXT_TS_WINDOW ? line.slice(0, TEXT_TS_WINDOW) : line;
  TEXT_TS_RE.lastIndex = 0;
  for (;;) {
    const m = TEXT_TS_RE.exec(head);
    if (!m || m.index >= TEXT_TS_START) return null;
    const t = fromMatch(m);
    if (t !== null) return t;
  }
}

/** Trimmed, lower-cased, without surrounding slashes; "" when nothing is left. */
export function normalisePath(p: string): string {
  let s = p.trim();
  if (s.includes("%")) {
    try {
      s = decodeURIComponent(s);
    } catch {
      // not an escape sequence after all: keep it as written
    }
  }
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === 47) a++;
  while (b > a && s.charCodeAt(b - 1) === 47) b--;
  return s.slice(a, b).trim().toLowerCase();
}

/** Values of the resource keys in a text line (`key=value`, `key="value"`). */
function textResources(line: string, out: string[]): void {
  TEXT_KEY_RE.lastIndex = 0;
  // Once a quote character has no closing partner left, no later value can be quoted with it.
  let noDouble = false;
  let noSingle = false;
  for (;;) {
    const m = TEXT_KEY_RE.exec(line);
    if (!m) return;
    const start = m.index + m[0].length;
    const q = line.charCodeAt(start);
    let value: string;
    let next: number;
    if ((q === 34 && !noDouble) || (q === 39 && !noSingle)) {
      const close = line.indexOf(q === 34 ? '"' : "'", start + 1);
      if (close === -1) {
        if (q === 34) noDouble = true;
        else noSingle = true;
        value = "";
        next = start + 1;
      } else {
        value = line.slice(start + 1, close);
        next = close + 1;
      }
    } else {
      VALUE_END_RE.lastIndex = start;
      const e = VALUE_END_RE.exec(line);
      const stop = e ? e.index : line.length;
      value = line.slice(start, stop);
      next = Math.max(stop, start + 1);
    }
    if (value) out.push(value);
    TEXT_KEY_RE.lastIndex = next;
  }
}

// Top-level JSON keys (lower-case, `-` as `_`) -> what they hold: 0..5 a timestamp (its rank in
// TIME_KEYS), RESOURCE a path of the scope check's own keys.
const RESOURCE = 10;
const KEY_KIND = new Map<string, number>([
  ...TIME_KEYS.map((k, i) => [k, i] as [string, number]),
  ...[...RESOURCE_KEYS].map((k) => [k, RESOURCE] as [string, number]),
]);
const LONGEST_KEY = Math.max(...[...KEY_KIND.keys()].map((k) => k.length));

function keyKind(key: string): number | undefined {
  const kind = KEY_KIND.get(key);
  if (kind !== undefined || key.length > LONGEST_KEY) return kind;
  return KEY_KIND.get(key.toLowerCase().replace(/-/g, "_"));
}

/** Timestamp and resource values of a JSON object line; null when the line is not one. */
function jsonFacts(line: string, out: string[]): { time: number | null } | null {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isPlainObject(obj)) return null;
  // The first value of each timestamp key, by rank.
  let times: unknown[] | null = null;
  for (const key in obj) {
    const kind = keyKind(key);
    if (kind === undefined) continue;
    const v = obj[key];
    if (kind < RESOURCE) {
      times ??= new Array<unknown>(TIME_KEYS.length);
      if (times[kind] === undefined) times[kind] = v;
    } else if (typeof v === "string") {
      out.push(v);
    }
  }
  let time: number | null = null;
  if (times) {
    for (let i = 0; i < times.length; i++) {
      if (times[i] === undefined) continue;
      time = valueTime(times[i]);
      if (time !== null) break;
    }
  }
  return { time };
}

function firstNonBlank(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 0xfeff) return c;
  }
  return -1;
}

export function createScopeChecker(scope: CaseScope): (line: string) => LineScope {
  const resources = [...new Set(scope.resources.map(normalisePath).filter((r) => r !== ""))];
  const known = scope.knownRoots;
  // The case's own roots are known whatever the registry holds (a resource named at intake).
  const ownRoots = new Set(resources.map((r) => r.split("/", 1)[0]));
  const finder = createPathFinder({
    productHosts: scope.productHosts ?? [],
    internalHosts: scope.internalHosts ?? [],
    knownRoots: known === undefined ? undefined : { has: (root) => known.has(root) || ownRoots.has(root) },
  });
  const from = scope.from.getTime();
  const to = scope.to.getTime();
  const prefixes = resources.map((r) => `${r}/`);
  const verdicts = new Map<string, boolean>(); // path -> within scope (paths repeat a lot)

  function within(path: string): boolean {
    let v = verdicts.get(path);
    if (v === undefined) {
      v = false;
      for (let i = 0; i < resources.length; i++) {
        // The resource itself, anything below it, or a group above it (a scoped project's line
        // names its root namespace): none of these is another resource.
        if (path === resources[i] || path.startsWith(prefixes[i]) || prefixes[i].startsWith(`${path}/`)) {
          v = true;
          break;
        }
      }
      if (verdicts.size > 10_000) verdicts.clear();
      verdicts.set(path, v);
    }
    return v;
  }

  return (line: string): LineScope => {
    // What the redaction recognises first (in order of appearance), then the own keys.
    const reported: string[] = [];
    const named = finder.pathsInLine(line, reported);
    let time: number | null;
    const facts = firstNonBlank(line) === 123 ? jsonFacts(line, named) : null;
    if (facts) {
      time = facts.time;
    } else {
      time = textTime(line);
      textResources(line, named);
    }
    const window: WindowVerdict =
      time === null || Number.isNaN(time) ? "undated" : time >= from && time <= to ? "inside" : "outside";
    let outside: string[] = [];
    if (named.length > 0) {
      const seen = new Set<string>();
      for (let i = 0; i < named.length; i++) {
        const p = normalisePath(named[i]);
        if (p === "" || within(p)) continue;
        // Judged whole, named by its namespace part (a product path continuing a project by its
        // first two segments), unless that part is within the scope.
        const r = i < reported.length && reported[i] !== named[i] ? normalisePath(reported[i]) : p;
        seen.add(r === p || r === "" || within(r) ? p : r);
      }
      if (seen.size > 0) outside = [...seen];
    }
    return { window, outsideResources: outside };
  };
}

/** Outside the window (when dropping those) or naming a resource outside scope (when dropping those). Undated lines never drop on time. */
export function isDropped(s: LineScope, o: DropOptions): boolean {
  return (o.dropOutsideWindow && s.window === "outside") || (o.dropOutsideScope && s.outsideResources.length > 0);
}

const SAMPLE_LIMIT = 10;
const SAMPLE_TEXT = 300;
const TOP_RESOURCES = 20;
/** Distinct outside paths counted exactly; past this, new paths are no longer tracked. */
const MAX_TRACKED_PATHS = 100_000;

function sampleText(line: string): string {
  if (line.length <= SAMPLE_TEXT) return line;
  let s = line.slice(0, SAMPLE_TEXT);
  const last = s.charCodeAt(s.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1); // no half surrogate pair
  return s;
}

/**
 * Counts for a whole file. Samples: the first lines out of scope, up to 10, keeping room for
 * both reasons (a line out on both counts is a "window" sample): each reason gets up to 5, and
 * the rest is filled by whichever has more, in line order.
 */
export function createScopeTally(): {
  add(lineNo: number, line: string, s: LineScope): void;
  summary(): ScopeSummary;
} {
  let lines = 0;
  let insideWindow = 0;
  let outsideWindow = 0;
  let undated = 0;
  let outsideScope = 0;
  const paths = new Map<string, number>();
  const windowSamples: ScopeSummary["samples"] = [];
  const scopeSamples: ScopeSummary["samples"] = [];

  return {
    add(lineNo, line, s) {
      lines++;
      if (s.window === "inside") insideWindow++;
      else if (s.window === "outside") outsideWindow++;
      else undated++;
      if (s.outsideResources.length > 0) {
        outsideScope++;
        for (const p of s.outsideResources) {
          const n = paths.get(p);
          if (n !== undefined) paths.set(p, n + 1);
          else if (paths.size < MAX_TRACKED_PATHS) paths.set(p, 1);
        }
      }
      if (s.window === "outside") {
        if (windowSamples.length < SAMPLE_LIMIT) windowSamples.push({ lineNo, reason: "window", text: sampleText(line) });
      } else if (s.outsideResources.length > 0) {
        if (scopeSamples.length < SAMPLE_LIMIT) scopeSamples.push({ lineNo, reason: "scope", text: sampleText(line) });
      }
    },
    summary() {
      const half = SAMPLE_LIMIT / 2;
      const w = Math.min(windowSamples.length, SAMPLE_LIMIT - Math.min(scopeSamples.length, half));
      const sc = Math.min(scopeSamples.length, SAMPLE_LIMIT - w);
      const samples = [...windowSamples.slice(0, w), ...scopeSamples.slice(0, sc)].sort((a, b) => a.lineNo - b.lineNo);
      const outsideResources = [...paths]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .slice(0, TOP_RESOURCES)
        .map(([path, n]) => ({ path, lines: n }));
      return { lines, insideWindow, outsideWindow, undated, outsideScope, outsideResources, samples };
    },
  };
}
