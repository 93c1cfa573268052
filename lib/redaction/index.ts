// Artefact redaction (contracts.md, section 2): one log line in, one line out. Pure: no I/O, no
// environment. JSON object lines keep their text except for the string values that change;
// everything else is scanned as text. See scanners.ts for what is found and resolve.ts for how
// overlapping findings are settled.
//
// Readings of the contract where it leaves room (each covered by tests):
// - A key's rule reaches string elements of an array under it (`"set-cookie": [...]`,
//   `"exception.backtrace": [...]`), not objects nested under it.
// - Secret key names: `-` counts as `_` (`PRIVATE-TOKEN`, `Set-Cookie`) and a flattened dotted
//   key is also judged by its last segment (`params.password`). Empty values stay.
// - `Bearer`/`Basic` outside a key are matched as written (`Bearer`, `BEARER`, `Basic`, `BASIC`),
//   so prose ("the basic idea") stays; after a secret key any case is a scheme, and so is
//   `token` (`Authorization: token abc`). A quoted value runs to its closing quote.
// - In text, identity keys take `key=value` (also Ruby's `key=>value`) and a quoted
//   `"key": value`; an unquoted `user: x` is prose.
// - The acting user is the first of user, username, user_name, meta.user, author_name (in that
//   order) present at the top level with a string value.
// - A text line that opens a private key block without closing it, and every following line up
//   to and including the END line, come out as `[REDACTED:secret]`; JSON is not recognised
//   inside a block. Within one line or string, a block ends at its END marker or the end.
// - Overlaps: a finding partly overlapping a higher-precedence one is absorbed into it
//   (`bob@db.internal` is `[REDACTED:system]` whole); an owned identifier is never widened.
// - A `@name` mention is owned when the name is an owned user, group or project.
// - Paths compare without surrounding slashes; `.` / `..` segments are never owned.
import * as J from "./json";
import * as F from "./found";
import * as R from "./resolve";
import * as S from "./scanners";
import type { ScanEnv } from "./scanners";
import * as Scope from "./scope";
import type { KeyRule } from "./scope";
import type { RedactionKind, RedactionScope, Redactor } from "./types";

export type { RedactionKind, RedactionScope, Redactor } from "./types";
export { REDACTION_KINDS } from "./types";
/** The finder of group/project paths the case-scope check shares with the redaction. */
export { createPathFinder, type PathFinder, type PathFinderHosts } from "./finder";
export { PRODUCT_ROUTES, PRODUCT_USER_ROUTES } from "./urls";

// Local copies: an imported binding can cost a getter call on every use in a hot loop.
const decodeString = J.decodeString;
const scanJsonObjectLine = J.scanJsonObjectLine;
const resolve = R.resolve;
const closesPemBlock = S.closesPemBlock;
const findCandidates = S.findCandidates;
const mayFind = S.mayFind;
const opensPemBlock = S.opensPemBlock;
const compileScope = Scope.compileScope;
const KEY_RULES = J.KEY_RULES;
const SURROGATE = J.SURROGATE;
const SECRET = S.SECRET_TEXT;
const SYSTEM = S.SYSTEM_TEXT;
const IP = S.IP_TEXT;
const EMAIL = S.EMAIL_TEXT;
const A_KEEP = F.A_KEEP;
const A_SECRET = F.A_SECRET;
const A_SYSTEM = F.A_SYSTEM;
const A_IP = F.A_IP;
const A_EMAIL = F.A_EMAIL;
const A_USER = F.A_USER;
const A_PROJECT = F.A_PROJECT;
const A_EMAIL_PSEUDONYM = F.A_EMAIL_PSEUDONYM;
const SECRET_TEXT = SECRET;
const SYSTEM_TEXT = SYSTEM;
const IP_TEXT = IP;
const EMAIL_TEXT = EMAIL;

/** Values longer than this are never remembered (MEMO_*: the memo of repeated JSON values). */
const MEMO_MAX_LENGTH = 256;
/** Entries per memo table before it starts again. */
const MEMO_MAX_ENTRIES = 4096;
/** Slots of the doorkeeper: a value is remembered the second time it is seen. */
const MEMO_DOOR_BITS = 14;

/** A remembered value: its output (null: unchanged) and what it added to each count. */
interface MemoEntry {
  out: string | null;
  secret: number;
  system: number;
  other: number;
  personal: number;
}

export function createRedactor(scope: RedactionScope): Redactor {
  const compiled = compileScope(scope);
  const counts: Record<RedactionKind, number> = {
    secret: 0,
    "other-account": 0,
    "personal-data": 0,
    system: 0,
  };
  // Identifier (lower-cased) -> its pseudonym, per kind, numbered in order of first appearance.
  const pseudonyms = {
    user: new Map<string, string>(),
    project: new Map<string, string>(),
    email: new Map<string, string>(),
  };
  const found = new F.Found();
  // The two scanning environments: IPs replaced (text lines, most JSON lines) or allowed to stay.
  const envText: ScanEnv = { scope: compiled, ipAllowed: false };
  const envIpAllowed: ScanEnv = { scope: compiled, ipAllowed: true };
  let lines = 0;
  let inPemBlock = false;
  // JSON values repeat from line to line (user agents, routes, controller names, the account's
  // own identifiers): a value's output under one key rule and scanning environment is the same
  // every time once its pseudonyms are numbered, so a value seen before is answered from a memo
  // with the counts it added. Only values seen twice are kept (the doorkeeper holds hashes), and
  // every kept string is a detached copy (no decoder chunk stays alive); the tables are bounded.
  const memo: Map<string, MemoEntry>[] = [];
  const door = new Int32Array(1 << MEMO_DOOR_BITS);

  function pseudonymFor(kind: "user" | "project" | "email", id: string): string {
    const map = pseudonyms[kind];
    let name = map.get(id);
    if (name === undefined) {
      name = `[${kind}-${map.size + 1}]`;
      map.set(Scope.detached(id), name);
    }
    return name;
  }

  /** The replacement of finding `i` of `s`, counting it; null when the text stays. */
  function replacement(s: string, i: number): string | null {
    const action = found.action[i];
    switch (action) {
      case A_KEEP:
        return null;
      case A_SECRET:
        counts.secret++;
        return SECRET_TEXT;
      case A_SYSTEM:
        counts.system++;
        return SYSTEM_TEXT;
      case A_IP:
        counts["personal-data"]++;
        return IP_TEXT;
      case A_EMAIL:
        counts["personal-data"]++;
        return EMAIL_TEXT;
    }
    counts["other-account"]++;
    // Identifiers compare case-insensitively, so `Mallory` and `mallory` share a pseudonym; a
    // URL-decoded path (`initech%2Fpayroll`) is its decoded text.
    const decoded = found.idText.size > 0 ? found.idText.get(i) : undefined;
    const id = (decoded ?? s.slice(found.idStart[i], found.idEnd[i])).trim().toLowerCase();
    if (action === A_USER) return pseudonymFor("user", id);
    // Surrounding slashes are formatting: `/initech/payroll/` is `initech/payroll`.
    if (action === A_PROJECT) return pseudonymFor("project", stripSlashes(id));
    if (action === A_EMAIL_PSEUDONYM) return pseudonymFor("email", id);
    throw new Error(`unknown redaction action ${action}`);
  }

  function redactString(s: string, env: ScanEnv, rule: KeyRule, present = -1): string {
    findCandidates(s, env, rule, found, present);
    if (found.count === 0) return s;
    if (found.count === 1) {
      // A single finding wins as it is (resolve would return it unchanged).
      const text = replacement(s, 0);
      return text === null ? s : s.slice(0, found.start[0]) + text + s.slice(found.end[0]);
    }
    const winners = resolve(found);
    // Replacements are decided in order, so pseudonyms number by first appearance.
    const texts: (string | null)[] = new Array(winners.length);
    let replaced = 0;
    let length = s.length;
    for (let k = 0; k < winners.length; k++) {
      const i = winners[k];
      const text = replacement(s, i);
      texts[k] = text;
      if (text === null) continue;
      replaced++;
      length += text.length - (found.end[i] - found.start[i]);
    }
    if (replaced === 0) return s;
    if (replaced > 1024) return assemble(s, winners, texts, found, length);
    let out = "";
    let pos = 0;
    for (let k = 0; k < winners.length; k++) {
      const text = texts[k];
      if (text === null) continue;
      const i = winners[k];
      out += s.slice(pos, found.start[i]) + text;
      pos = found.end[i];
    }
    return out + s.slice(pos);
  }

  /** redactString of a JSON value under key rule `code`, from the memo when seen before. */
  function redactValue(value: string, env: ScanEnv, code: number, present: number): string {
    const table = code * 2 + (env === envIpAllowed ? 1 : 0);
    let map = memo[table];
    if (map === undefined) map = memo[table] = new Map();
    const known = map.get(value);
    if (known !== undefined) {
      counts.secret += known.secret;
      counts.system += known.system;
      counts["other-account"] += known.other;
      counts["personal-data"] += known.personal;
      return known.out === null ? value : known.out;
    }
    const secret = counts.secret;
    const system = counts.system;
    const other = counts["other-account"];
    const personal = counts["personal-data"];
    const out = redactString(value, env, KEY_RULES[code], present);
    // The doorkeeper's hash samples at most 16 characters: a collision only admits a value early.
    const n = value.length;
    let h = Math.imul(table + 1, 31) ^ n;
    const step = n <= 16 ? 1 : n >> 4;
    for (let i = 0; i < n; i += step) h = Math.imul(h ^ value.charCodeAt(i), 16777619);
    const slot = (h >>> (32 - MEMO_DOOR_BITS)) & ((1 << MEMO_DOOR_BITS) - 1);
    if (door[slot] !== h) {
      door[slot] = h;
      return out;
    }
    if (map.size >= MEMO_MAX_ENTRIES) map.clear();
    map.set(Scope.detached(value), {
      out: out === value ? null : Scope.detached(out),
      secret: counts.secret - secret,
      system: counts.system - system,
      other: counts["other-account"] - other,
      personal: counts["personal-data"] - personal,
    });
    return out;
  }

  const timestampsSafe = compiled.timestampsHoldNoHost;

  function redactJson(line: string): string | null {
    const parsed = scanJsonObjectLine(line);
    if (parsed === null) return null;
    const actingUser = parsed.actingUser;
    const env = compiled.disclose && actingUser !== undefined && compiled.isOwnedUser(actingUser) ? envIpAllowed : envText;
    let out = "";
    let pos = 0;
    const { count, start, end, present, escaped, rule: rules } = parsed;
    for (let i = 0; i < count; i++) {
      const rule = KEY_RULES[rules[i]];
      const esc = escaped[i] === 1;
      // Nothing any scanner needs is in the value, or it is a timestamp: it stays, without
      // being sliced out.
      if (rule === null && !esc && (!mayFind(present[i], env) || (timestampsSafe && isTimestampAt(line, start[i] + 1, end[i] - 1)))) {
        continue;
      }
      const value = decodeString(line, start[i], end[i], esc);
      const redacted =
        value.length <= MEMO_MAX_LENGTH
          ? redactValue(value, env, rules[i], esc ? -1 : present[i])
          : redactString(value, env, rule, esc ? -1 : present[i]);
      if (redacted === value) continue;
      if (esc || (present[i] & SURROGATE) !== 0) {
        out += line.slice(pos, start[i]) + JSON.stringify(redacted);
        pos = end[i];
      } else {
        // The raw value holds no quote, backslash, control character or surrogate, and every
        // replacement text is plain ASCII: JSON.stringify would only add the quotes, which stay.
        out += line.slice(pos, start[i] + 1) + redacted;
        pos = end[i] - 1;
      }
    }
    return pos === 0 ? line : out + line.slice(pos);
  }

  function redactText(line: string): string {
    if (inPemBlock) {
      if (closesPemBlock(line)) inPemBlock = false;
      counts.secret++;
      return SECRET_TEXT;
    }
    if (opensPemBlock(line)) {
      inPemBlock = true;
      counts.secret++;
      return SECRET_TEXT;
    }
    return redactString(line, envText, null);
  }

  return {
    redactLine(line: string): string {
      lines++;
      const text = typeof line === "string" ? line : String(line ?? "");
      if (!inPemBlock && firstNonBlankIsBrace(text)) {
        const json = redactJson(text);
        if (json !== null) return json;
      }
      return redactText(text);
    },
    summary() {
      return { lines, redactions: { ...counts } };
    },
  };
}

/**
 * The output for many replacements, written into one UTF-16 buffer: cheaper than hundreds of
 * thousands of string concatenations, and exact for any code unit (lone surrogates included).
 */
function assemble(
  s: string,
  winners: number[],
  texts: (string | null)[],
  found: F.Found,
  length: number,
): string {
  const buf = new Uint16Array(length);
  let o = 0;
  let pos = 0;
  for (let k = 0; k < winners.length; k++) {
    const text = texts[k];
    if (text === null) continue;
    const i = winners[k];
    for (let c = pos, stop = found.start[i]; c < stop; c++) buf[o++] = s.charCodeAt(c);
    for (let c = 0; c < text.length; c++) buf[o++] = text.charCodeAt(c);
    pos = found.end[i];
  }
  for (let c = pos; c < s.length; c++) buf[o++] = s.charCodeAt(c);
  const chunks: string[] = [];
  for (let c = 0; c < length; c += 8192) {
    chunks.push(String.fromCharCode.apply(null, buf.subarray(c, c + 8192) as unknown as number[]));
  }
  return chunks.join("");
}

/** Whether s[a, b) holds `n` ASCII digits at `i`. */
function digitsAt(s: string, i: number, n: number): boolean {
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Whether s[a, b) is exactly an ISO 8601 timestamp, `2026-11-20`, `2026-11-20T10:15:00.123Z`,
 * `2026-11-20 10:15:00+01:00` and the like: it holds nothing any rule finds (no letter but the
 * `T` and `Z`, one dot, colons only between two-digit numbers), so it stays as it is.
 */
export function isTimestampAt(s: string, a: number, b: number): boolean {
  const n = b - a;
  if (n < 10 || n > 35) return false;
  if (!digitsAt(s, a, 4) || s.charCodeAt(a + 4) !== 45 || !digitsAt(s, a + 5, 2) || s.charCodeAt(a + 7) !== 45 || !digitsAt(s, a + 8, 2)) {
    return false;
  }
  let i = a + 10;
  if (i === b) return true;
  const t = s.charCodeAt(i);
  if (t === 84 || t === 32) {
    // Time: hh:mm[:ss[.fraction]]
    if (!digitsAt(s, i + 1, 2) || s.charCodeAt(i + 3) !== 58 || !digitsAt(s, i + 4, 2)) return false;
    i += 6;
    if (i < b && s.charCodeAt(i) === 58) {
      if (!digitsAt(s, i + 1, 2)) return false;
      i += 3;
      if (i < b && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
        i++;
        const from = i;
        while (i < b && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
        if (i === from || i - from > 9) return false;
      }
    }
  }
  if (i === b) return true;
  // Zone: Z, +hh, +hhmm, +hh:mm
  const z = s.charCodeAt(i);
  if (z === 90) return i + 1 === b;
  if (z !== 43 && z !== 45) return false;
  if (!digitsAt(s, i + 1, 2)) return false;
  i += 3;
  if (i === b) return true;
  if (s.charCodeAt(i) === 58) i++;
  return digitsAt(s, i, 2) && i + 2 === b;
}

function stripSlashes(id: string): string {
  if (id.charCodeAt(0) !== 47 && id.charCodeAt(id.length - 1) !== 47) return id;
  let a = 0;
  let b = id.length;
  while (a < b && id.charCodeAt(a) === 47) a++;
  while (b > a && id.charCodeAt(b - 1) === 47) b--;
  return id.slice(a, b);
}

function firstNonBlankIsBrace(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 123) return true;
    // ASCII as \s sees it: tab, LF, VT, FF, CR and space are blank, nothing else is.
    if (c < 128) {
      if (c === 32 || (c >= 9 && c <= 13)) continue;
      return false;
    }
    if (!/\s/.test(line[i])) return false;
  }
  return false;
}
