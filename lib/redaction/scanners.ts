// Kept whole (over 300 lines): the tuned linear scanners share character tables and bounded-window
// helpers; splitting them costs speed the timing tests guard.
// Linear scanners that find what a string must lose. Each one walks the string once (or jumps
// forward with indexOf / a sticky-free literal regex) and reports candidates; resolve.ts then
// settles overlaps by precedence. No regex here can backtrack over more than a bounded window.
import * as Scope from "./scope";
import type { CompiledScope, KeyRule } from "./scope";

// Local copies: an imported binding can cost a getter call on every use in a hot loop.
const KEY_LAST_CHAR = Scope.KEY_LAST_CHAR;
const KEY_LAST_TWO = Scope.KEY_LAST_TWO;
const KEY_FOLD = Scope.KEY_FOLD;
const TEXT_KEY_NONE = Scope.TEXT_KEY_NONE;
const TEXT_KEY_SECRET = Scope.TEXT_KEY_SECRET;
const TEXT_KEY_USER = Scope.TEXT_KEY_USER;
const TEXT_KEY_EITHER = Scope.TEXT_KEY_EITHER;
const TEXT_KEY_QUERY_SECRET = Scope.TEXT_KEY_QUERY_SECRET;
const textKeyKind = Scope.textKeyKind;
import type { Found } from "./found";
import * as U from "./urls";

const scanUrls = U.scanUrls;
const scanRemotes = U.scanRemotes;
const decodeAscii = U.decodeAscii;

// ---------------------------------------------------------------------------------------------
// Character classes: one ASCII lookup table. Kept in this module: the scanners' inner loops call
// these millions of times, and cross-module bindings can cost a getter per call.

/** [A-Za-z0-9_] */
const WORD = 1;
/** [A-Za-z0-9._-]: host names, key names, token bodies. */
const HOST = 2;
/** [A-Za-z0-9._/-]: namespace path runs. */
const PATH = 4;
/** [A-Za-z0-9._%+-]: the local part of an email. */
const LOCAL = 8;
/** [A-Za-z0-9.-]: an email's domain. */
const DOMAIN = 16;
/** [0-9A-Fa-f:.]: IPv6 runs. */
const HEX6 = 32;
/** [0-9.]: IPv4 runs. */
const DIGIT_DOT = 64;
/** [A-Za-z] */
const LETTER = 128;

const TABLE = new Uint8Array(128);

function mark(chars: string, flag: number): void {
  for (let i = 0; i < chars.length; i++) TABLE[chars.charCodeAt(i)] |= flag;
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const DIGITS = "0123456789";
const ALNUM = LOWER + UPPER + DIGITS;

mark(ALNUM + "_", WORD);
mark(ALNUM + "._-", HOST);
mark(ALNUM + "._/-", PATH);
mark(ALNUM + "._%+-", LOCAL);
mark(ALNUM + ".-", DOMAIN);
mark(DIGITS + "abcdefABCDEF:.", HEX6);
mark(DIGITS + ".", DIGIT_DOT);
mark(LOWER + UPPER, LETTER);

/** Whether the UTF-16 code `c` is an ASCII character in class `flag`. */
function is(c: number, flag: number): boolean {
  return c < 128 && (TABLE[c] & flag) !== 0;
}

const UNICODE_WORD = /[\p{L}\p{N}\p{M}]/u;

/** Whether the character at `i` is a word character (ASCII word, or a non-ASCII letter/digit). */
function isWordAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c < 128) return (TABLE[c] & WORD) !== 0;
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) return UNICODE_WORD.test(s.slice(i - 1, i + 1));
  if (c >= 0xd800 && c <= 0xdbff) return UNICODE_WORD.test(s.slice(i, i + 2));
  return UNICODE_WORD.test(s[i]);
}

/** Whitespace as far as value ends go: ASCII controls and blanks, and Unicode spaces. */
function isSpace(c: number): boolean {
  if (c <= 32) return true;
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Where a `key=value` value ends: whitespace, `&`, `,`, `;` or a quote. */
function endsValue(c: number): boolean {
  return isSpace(c) || c === 38 || c === 44 || c === 59 || c === 34 || c === 39 || c === 96;
}

// ---------------------------------------------------------------------------------------------

/** Tie-breaks, as in found.ts (a key's whole value, then key=value, then the scanners). */
const PRIO_WHOLE = 0;
const PRIO_KEYED = 1;
/** Which whole-value finding a string has (findCandidates). */
const LEVEL_NONE = 0;
const LEVEL_SYSTEM_WHOLE = 1;
const LEVEL_OTHER_WHOLE = 2;

export const SECRET_TEXT = "[REDACTED:secret]";
export const SYSTEM_TEXT = "[REDACTED:system]";
export const IP_TEXT = "[REDACTED:ip]";
export const EMAIL_TEXT = "[REDACTED:email]";

export interface ScanEnv {
  scope: CompiledScope;
  /** Public IPs may stay (personal data disclosed and the line's acting user is owned). */
  ipAllowed: boolean;
  /**
   * Only the scanners that name groups, projects and users run (identity keys, key=value, URLs
   * and request paths, remotes, prose paths): the path finder of the scope check.
   */
  pathsOnly?: boolean;
}

// ---------------------------------------------------------------------------------------------
// PEM private key blocks

const PEM_BEGIN = "-----BEGIN ";
const PEM_END = "-----END ";
const PEM_LABEL_MAX = 64;
const PEM_LABEL = /^[A-Z0-9 ]*PRIVATE KEY( BLOCK)?$/;

/** End of a `-----BEGIN|END <label>PRIVATE KEY-----` marker whose prefix starts at `at`, or -1. */
function pemMarkerEnd(s: string, at: number, prefixLength: number): number {
  const from = at + prefixLength;
  const window = s.slice(from, from + PEM_LABEL_MAX + 5);
  const close = window.indexOf("-----");
  if (close < 0 || !PEM_LABEL.test(window.slice(0, close))) return -1;
  return from + close + 5;
}

function findPem(s: string, from: number, prefix: string): { start: number; end: number } | null {
  for (let p = s.indexOf(prefix, from); p !== -1; p = s.indexOf(prefix, p + 1)) {
    const end = pemMarkerEnd(s, p, prefix.length);
    if (end !== -1) return { start: p, end };
  }
  return null;
}

/** Whether `s` opens a private key block that it does not close. */
export function opensPemBlock(s: string): boolean {
  let pos = 0;
  for (;;) {
    const begin = findPem(s, pos, PEM_BEGIN);
    if (begin === null) return false;
    const end = findPem(s, begin.end, PEM_END);
    if (end === null) return true;
    pos = end.end;
  }
}

/** Whether `s` holds a private key block's END marker. */
export function closesPemBlock(s: string): boolean {
  return findPem(s, 0, PEM_END) !== null;
}

function scanPem(s: string, out: Found): void {
  let pos = 0;
  for (;;) {
    const begin = findPem(s, pos, PEM_BEGIN);
    if (begin === null) return;
    const end = findPem(s, begin.end, PEM_END);
    const stop = end === null ? s.length : end.end;
    out.secret(begin.start, stop);
    pos = stop;
  }
}

// ---------------------------------------------------------------------------------------------
// GitLab tokens and Authorization credentials


/** Whether the 4 or 5 characters before the `-` at `d` are a token prefix; returns its start or -1. */
function tokenPrefixBefore(s: string, d: number): number {
  // glpat, glptt, gloas (5 characters) and gldt, glrt (4), any case: all end in `t` or `s`.
  const last = s.charCodeAt(d - 1) | 32;
  if (last !== 116 && last !== 115) return -1;
  if (d >= 5 && (s.charCodeAt(d - 5) | 32) === 103 && (s.charCodeAt(d - 4) | 32) === 108) {
    const a = s.charCodeAt(d - 3) | 32;
    const b = s.charCodeAt(d - 2) | 32;
    // glpat, glptt, gloas
    if ((a === 112 && b === 97 && last === 116) || (a === 112 && b === 116 && last === 116) || (a === 111 && b === 97 && last === 115)) {
      return d - 5;
    }
  }
  if (d >= 4 && last === 116 && (s.charCodeAt(d - 4) | 32) === 103 && (s.charCodeAt(d - 3) | 32) === 108) {
    const a = s.charCodeAt(d - 2) | 32;
    // gldt, glrt
    if (a === 100 || a === 114) return d - 4;
  }
  return -1;
}

/** GitLab tokens: a prefix (any case) and its `-`, then the token's characters. */
function scanTokens(s: string, out: Found): void {
  const n = s.length;
  let from = 0;
  for (let d = s.indexOf("-"); d !== -1; d = from < n ? s.indexOf("-", from) : -1) {
    const start = d >= 4 ? tokenPrefixBefore(s, d) : -1;
    if (start < 0) {
      from = d + 1;
      continue;
    }
    const bodyStart = d + 1;
    let end = bodyStart;
    while (end < n && is(s.charCodeAt(end), HOST)) end++;
    const next = end;
    while (end > bodyStart && (s.charCodeAt(end - 1) === 46 || s.charCodeAt(end - 1) === 45)) end--;
    if (end > bodyStart) out.secret(start, end);
    from = Math.max(next, bodyStart);
  }
}

// As written in headers (`Bearer`, `Basic`, or upper case); lower-case prose ("the basic idea") stays.
// After an authorization key the scheme is recognised in any case (skipScheme).

function valueEnd(s: string, from: number): number {
  let j = from;
  while (j < s.length && !endsValue(s.charCodeAt(j))) j++;
  return j;
}

function scanAuthSchemes(s: string, out: Found): void {
  const n = s.length;
  let from = 0;
  for (let b = s.indexOf("B"); b !== -1; b = from < n ? s.indexOf("B", from) : -1) {
    from = b + 1;
    // Bearer, BEARER, Basic, BASIC, not after a word character.
    let w = 0;
    if (s.startsWith("Bearer", b) || s.startsWith("BEARER", b)) w = 6;
    else if (s.startsWith("Basic", b) || s.startsWith("BASIC", b)) w = 5;
    if (w === 0 || (b > 0 && is(s.charCodeAt(b - 1), WORD))) continue;
    let start = b + w;
    if (start >= n || (s.charCodeAt(start) !== 32 && s.charCodeAt(start) !== 9)) continue;
    while (start < n && (s.charCodeAt(start) === 32 || s.charCodeAt(start) === 9)) start++;
    const end = valueEnd(s, start);
    out.secret(start, end);
    from = Math.max(end, start);
  }
}

/** After `Bearer `, `Basic ` or `Token ` the credential is what follows; returns its start. */
function skipScheme(s: string, v: number): number {
  let j = v;
  while (j < s.length && j - v <= 6 && is(s.charCodeAt(j), LETTER)) j++;
  const word = s.slice(v, j).toLowerCase();
  if (word !== "bearer" && word !== "basic" && word !== "token") return v;
  let k = j;
  while (k < s.length && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9)) k++;
  if (k === j || k >= s.length || endsValue(s.charCodeAt(k))) return v;
  return k;
}

// ---------------------------------------------------------------------------------------------
// key=value and key: value

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

const NAME = /^[A-Za-z0-9_.-]+$/;
const WHITESPACE = /\s/;
const ENCODED_SLASH = /%2f/i;

/**
 * A value judged like an identity key's JSON value: kept when owned, else a pseudonym; false
 * when it is nothing to judge (blank, or for entity_path / target_details text that only the
 * string rules apply to). A value holding `%2F` is judged URL-decoded and replaced whole.
 */
function judgeIdentity(
  env: ScanEnv,
  rule: "user" | "path" | "either",
  start: number,
  end: number,
  value: string,
  prio: number,
  out: Found,
): boolean {
  let v = value.trim();
  if (v.length === 0) return false;
  let decoded: string | null = null;
  if (v.indexOf("%") !== -1 && ENCODED_SLASH.test(v)) {
    decoded = decodeAscii(v).trim();
    v = decoded;
  }
  let kind: "user" | "path" | "name" = rule === "either" ? "name" : rule;
  if (rule === "either") {
    if (v.indexOf("/") !== -1 && !WHITESPACE.test(v)) kind = "path";
    else if (!NAME.test(v)) return false;
  }
  const scope = env.scope;
  const owned = kind === "user" ? scope.isOwnedUser(v) : kind === "path" ? scope.isOwnedPath(v) : scope.isOwnedUserOrGroup(v);
  if (owned) {
    out.keepIdentity(start, end, prio);
    return true;
  }
  // The scope check's finder counts a single name that names a namespace (scope.ts).
  if (kind === "path" || (kind === "name" && scope.isResourceName !== undefined && scope.isResourceName(v))) out.project(start, end, prio);
  else out.user(start, end, prio);
  if (decoded !== null) out.setLastId(start, end, decoded);
  return true;
}

function scanKeyValues(s: string, env: ScanEnv, out: Found): void {
  const n = s.length;
  // For each quote character, a position from which it is known not to occur again, so that
  // many unclosed quotes cannot make the search quadratic.
  let noDoubleFrom = n + 1;
  let noSingleFrom = n + 1;

  // The next `=` and `:` at or after i (-1: none left), found natively.
  let nextEq = s.indexOf("=");
  let nextColon = s.indexOf(":");

  let i = 0;
  while (i < n) {
    if (nextEq !== -1 && nextEq < i) nextEq = s.indexOf("=", i);
    if (nextColon !== -1 && nextColon < i) nextColon = s.indexOf(":", i);
    if (nextEq === -1 && nextColon === -1) break;
    i = nextEq === -1 ? nextColon : nextColon === -1 ? nextEq : nextEq < nextColon ? nextEq : nextColon;
    const sep = s.charCodeAt(i);
    // The key: a run of [A-Za-z0-9._-] before the separator, perhaps quoted, perhaps blanks.
    let k = i - 1;
    while (k >= 0 && isBlank(s.charCodeAt(k))) k--;
    let quote = 0;
    if (k >= 0 && (s.charCodeAt(k) === 34 || s.charCodeAt(k) === 39)) {
      quote = s.charCodeAt(k);
      k--;
    }
    const keyEnd = k + 1;
    // Every key of interest ends in a letter of KEY_LAST_CHAR (`...T00:` or `x=` never does).
    const last = k >= 0 ? s.charCodeAt(k) : 0;
    if (last >= 128 || KEY_LAST_CHAR[last] === 0) {
      i++;
      continue;
    }
    // And in one of a few pairs of characters (`host=`, `pid=`, `Projects::` never do).
    const prev = k >= 1 ? s.charCodeAt(k - 1) : 0;
    if (prev >= 128 || KEY_LAST_TWO[KEY_FOLD[prev] * 128 + KEY_FOLD[last]] === 0) {
      i++;
      continue;
    }
    while (k >= 0 && is(s.charCodeAt(k), HOST)) k--;
    let keyStart = k + 1;
    const quoted = quote !== 0 && k >= 0 && s.charCodeAt(k) === quote;
    if (quote !== 0 && !quoted) {
      i++;
      continue;
    }
    while (keyStart < keyEnd && (s.charCodeAt(keyStart) === 45 || s.charCodeAt(keyStart) === 46)) {
      keyStart++;
    }
    // The shortest key of interest is `sig`.
    if (keyEnd - keyStart < 3) {
      i++;
      continue;
    }
    const kind = textKeyKind(s.slice(keyStart, keyEnd));
    let rule: "secret" | "user" | "path" | "either" | null = null;
    let query = false;
    if (kind === TEXT_KEY_SECRET) {
      rule = "secret";
    } else if (kind === TEXT_KEY_QUERY_SECRET) {
      // A signature or credential as a query parameter: `?sig=...`, `&X-Amz-Signature=...`.
      const before = keyStart > 0 ? s.charCodeAt(keyStart - 1) : 0;
      if (sep === 61 && !quoted && (before === 63 || before === 38)) {
        rule = "secret";
        query = true;
      }
    } else if (kind !== TEXT_KEY_NONE && (sep === 61 || quoted)) {
      rule = kind === TEXT_KEY_USER ? "user" : kind === TEXT_KEY_EITHER ? "either" : "path";
    }
    if (rule === null) {
      i++;
      continue;
    }

    // The value: after blanks (and `=>`, Ruby's hash notation); quoted, or up to a value end.
    let v = i + 1;
    if (sep === 61 && s.charCodeAt(v) === 62 /* > */) v++;
    // An identity key glued to its `=` and followed by a blank has an empty value
    // (`project= group=x`); a secret's value is looked for after blanks all the same.
    if (rule !== "secret" && sep === 61 && v === i + 1 && isBlank(s.charCodeAt(v)) && !isBlank(s.charCodeAt(i - 1))) {
      i++;
      continue;
    }
    while (v < n && isBlank(s.charCodeAt(v))) v++;
    if (v >= n) break;
    let vStart = v;
    let vEnd: number;
    let next: number;
    const open = s.charCodeAt(v);
    let close = -1;
    if (open === 34 && v + 1 < noDoubleFrom) {
      close = s.indexOf('"', v + 1);
      if (close < 0) noDoubleFrom = v + 1;
    } else if (open === 39 && v + 1 < noSingleFrom) {
      close = s.indexOf("'", v + 1);
      if (close < 0) noSingleFrom = v + 1;
    }
    if (close >= 0) {
      vStart = rule === "secret" ? skipScheme(s, v + 1) : v + 1;
      vEnd = close;
      next = close + 1;
    } else {
      if (open === 34 || open === 39) vStart = v + 1;
      if (rule === "secret" && !query) vStart = skipScheme(s, vStart);
      vEnd = valueEnd(s, vStart);
      if (query) {
        // A query value also ends at the fragment.
        for (let h = vStart; h < vEnd; h++) {
          if (s.charCodeAt(h) === 35) {
            vEnd = h;
            break;
          }
        }
      }
      next = vEnd;
      // A `.` at the end of a name or path is not part of it (`user=alice.`).
      if (rule !== "secret") while (vEnd > vStart && s.charCodeAt(vEnd - 1) === 46) vEnd--;
    }
    if (vEnd > vStart) {
      if (rule === "secret") {
        out.secret(vStart, vEnd, PRIO_KEYED);
      } else {
        judgeIdentity(env, rule, vStart, vEnd, s.slice(vStart, vEnd), PRIO_KEYED, out);
      }
    }
    i = Math.max(next, i + 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Internal host names

function scanHosts(s: string, env: ScanEnv, out: Found): void {
  if (env.scope.internalHostsNeedDot) {
    scanHostRunsAround(s, env, out);
    return;
  }
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (!is(s.charCodeAt(i), HOST)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && is(s.charCodeAt(j), HOST)) j++;
    hostRun(s, i, j, env, out);
    i = j;
  }
}

function hostRun(s: string, i: number, j: number, env: ScanEnv, out: Found): void {
  let a = i;
  let b = j;
  while (b > a && s.charCodeAt(b - 1) === 46) b--;
  while (a < b && s.charCodeAt(a) === 46) a++;
  if (b > a && env.scope.isInternalHostAt(s, a, b)) {
    out.system(a, b);
  }
}

/**
 * The maximal runs of host characters that hold a `.` (all an internal host can be when every
 * suffix holds one), found from each `.` with a native search. Each character is visited at most
 * twice: a run is entered from its first dot and the search resumes past its end.
 */
function scanHostRunsAround(s: string, env: ScanEnv, out: Found): void {
  const n = s.length;
  let from = 0;
  for (let d = s.indexOf("."); d !== -1; d = from < n ? s.indexOf(".", from) : -1) {
    let i = d;
    while (i > from && is(s.charCodeAt(i - 1), HOST)) i--;
    let j = d + 1;
    while (j < n && is(s.charCodeAt(j), HOST)) j++;
    hostRun(s, i, j, env, out);
    from = j + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// IP addresses

function isPrivateV4(a: number, b: number): boolean {
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * The four octets of a dotted quad packed into one number (first octet highest, 0 to 2^32 - 1),
 * or -1: no array per candidate.
 */
function parseV4(s: string, start: number, end: number): number {
  let packed = 0;
  let count = 0;
  let value = 0;
  let digits = 0;
  for (let i = start; i <= end; i++) {
    const c = i < end ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255 || ++count > 4) return -1;
      packed = packed * 256 + value;
      value = 0;
      digits = 0;
      continue;
    }
    if (c < 48 || c > 57 || ++digits > 3) return -1;
    value = value * 10 + (c - 48);
  }
  return count === 4 ? packed : -1;
}

function foundIp(env: ScanEnv, start: number, end: number, isPrivate: boolean, out: Found): void {
  if (isPrivate) out.system(start, end);
  else if (!env.ipAllowed) out.ip(start, end);
}

function scanIPv4(s: string, env: ScanEnv, out: Found): void {
  const n = s.length;
  // Maximal runs of digits and dots that hold a dot, entered from their first dot (found
  // natively); the search resumes past each run, so every character is visited at most twice.
  let from = 0;
  for (let d = s.indexOf("."); d !== -1; d = from < n ? s.indexOf(".", from) : -1) {
    let i = d;
    while (i > from && is(s.charCodeAt(i - 1), DIGIT_DOT)) i--;
    let j = d + 1;
    while (j < n && is(s.charCodeAt(j), DIGIT_DOT)) j++;
    // A maximal run of digits and dots: the quad touches no other digit or dot, where a dot not
    // followed by a digit does not touch (`from 203.0.113.5.`). A run starting with a dot touches.
    const last = s.charCodeAt(j - 1);
    if (j - i >= 7 && j - i <= 15 && last !== 46) {
      // The common case: the run is the quad (no dot inside it can be one that does not touch).
      const o = parseV4(s, i, j);
      if (o >= 0) {
        foundIp(env, i, j, isPrivateV4(o >>> 24, (o >>> 16) & 255), out);
        from = j + 1;
        continue;
      }
    }
    // Otherwise the quad runs up to the first dot not followed by a digit (at most 16 characters looked at).
    if (j - i >= 7 && s.charCodeAt(i) !== 46) {
      let k = i;
      while (k < j && k - i <= 15) {
        if (s.charCodeAt(k) === 46) {
          const next = k + 1 < n ? s.charCodeAt(k + 1) : 0;
          if (next < 48 || next > 57) break;
        }
        k++;
      }
      if (k - i >= 7 && k - i <= 15) {
        const o = parseV4(s, i, k);
        if (o >= 0) {
          foundIp(env, i, k, isPrivateV4(o >>> 24, (o >>> 16) & 255), out);
        }
      }
    }
    from = j + 1;
  }
}

/** The eight 16-bit groups of the IPv6 address s[start, end) (IPv4 tail allowed), or null. */
export function parseV6(s: string, start = 0, end = s.length): number[] | null {
  if (end - start < 2 || end - start > 45) return null;
  const groups: number[] = [];
  let gap = -1; // index in `groups` where `::` stands
  let i = start;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return null;
    gap = 0;
    i += 2;
    if (i === end) return null; // "::" alone
  }
  for (;;) {
    // One group: hex digits, or (last) a dotted quad.
    let j = i;
    let value = 0;
    while (j < end && j - i < 5) {
      const c = s.charCodeAt(j);
      let d: number;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (c >= 97 && c <= 102) d = c - 87;
      else if (c >= 65 && c <= 70) d = c - 55;
      else break;
      value = value * 16 + d;
      j++;
    }
    if (j < end && s.charCodeAt(j) === 46) {
      let k = j;
      while (k < end && s.charCodeAt(k) !== 58) k++;
      if (k !== end) return null;
      const o = parseV4(s, i, end);
      if (o < 0) return null;
      groups.push(o >>> 16, o & 0xffff);
      break;
    }
    if (j === i || j - i > 4) return null;
    groups.push(value);
    if (j === end) break;
    if (s.charCodeAt(j) !== 58) return null;
    if (s.charCodeAt(j + 1) === 58) {
      if (gap !== -1) return null;
      gap = groups.length;
      i = j + 2;
      if (i === end) break;
    } else {
      i = j + 1;
      if (i === end) return null;
    }
  }
  if (gap === -1) return groups.length === 8 ? groups : null;
  if (groups.length > 7) return null;
  const full = groups.slice(0, gap);
  for (let z = groups.length; z < 8; z++) full.push(0);
  for (let g = gap; g < groups.length; g++) full.push(groups[g]);
  return full;
}

function isPrivateV6(g: number[]): boolean {
  const zeroPrefix = g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0;
  if (zeroPrefix && g[5] === 0 && g[6] === 0 && g[7] === 1) return true; // ::1
  if ((g[0] & 0xfe00) === 0xfc00) return true; // fc00::/7
  if (zeroPrefix && g[5] === 0xffff) return isPrivateV4(g[6] >> 8, g[6] & 0xff); // ::ffff:a.b.c.d
  return false;
}

function scanIPv6(s: string, env: ScanEnv, out: Found): void {
  const n = s.length;
  // Maximal runs of [0-9A-Fa-f:.] that hold a `:`, entered from their first colon (found
  // natively); the search resumes past each run, so every character is visited at most twice.
  let from = 0;
  for (let d = s.indexOf(":"); d !== -1; d = from < n ? s.indexOf(":", from) : -1) {
    let i = d;
    while (i > from && is(s.charCodeAt(i - 1), HEX6)) i--;
    let j = d + 1;
    let colons = 1;
    while (j < n && is(s.charCodeAt(j), HEX6)) {
      if (s.charCodeAt(j) === 58) colons++;
      j++;
    }
    if (colons >= 2 && j - i <= 64) considerV6(s, i, j, env, out);
    from = j + 1;
  }
}

function considerV6(s: string, a: number, b: number, env: ScanEnv, out: Found): void {
  while (b > a && s.charCodeAt(b - 1) === 46) b--;
  // A single leading or trailing `:` is a separator (`addr:2001:db8::1`, `::1: refused`).
  let leftOk: boolean;
  if (s.charCodeAt(a) === 58 && s.charCodeAt(a + 1) !== 58) {
    a++;
    leftOk = true;
  } else {
    leftOk = !isWordAt(s, a - 1);
  }
  if (!leftOk) return;
  let rightOk: boolean;
  if (b - a >= 2 && s.charCodeAt(b - 1) === 58 && s.charCodeAt(b - 2) !== 58) {
    b--;
    rightOk = true;
  } else {
    rightOk = !isWordAt(s, b);
  }
  if (!rightOk) return;
  // Real addresses carry a decimal digit; `Abc::Def` (a Ruby constant) does not.
  let digit = false;
  for (let c = a; c < b && !digit; c++) digit = is(s.charCodeAt(c), DIGIT_DOT) && s.charCodeAt(c) !== 46;
  if (!digit) return;
  const groups = parseV6(s, a, b);
  if (groups === null) return;
  foundIp(env, a, b, isPrivateV6(groups), out);
}

// ---------------------------------------------------------------------------------------------
// Emails and @mentions

function validDomain(s: string, start: number, end: number): boolean {
  if (end - start < 4) return false;
  let labelStart = start;
  let labels = 0;
  let lastAllLetters = true;
  for (let i = start; i <= end; i++) {
    const c = i < end ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (i === labelStart) return false;
      labels++;
      if (i === end) return labels >= 2 && lastAllLetters && i - labelStart >= 2;
      labelStart = i + 1;
      lastAllLetters = true;
      continue;
    }
    if (!is(c, LETTER)) lastAllLetters = false;
  }
  return false;
}

function scanEmails(s: string, env: ScanEnv, out: Found): void {
  const n = s.length;
  const skip = out.notEmailAt;
  let next = 0;
  for (let at = s.indexOf("@"); at !== -1; at = s.indexOf("@", at + 1)) {
    if (next < skip.length) {
      while (next < skip.length && skip[next] < at) next++;
      if (skip[next] === at) continue;
    }
    let ls = at;
    while (ls > 0 && is(s.charCodeAt(ls - 1), LOCAL)) ls--;
    while (ls < at && s.charCodeAt(ls) === 46) ls++;
    if (ls === at) continue;
    let de = at + 1;
    while (de < n && is(s.charCodeAt(de), DOMAIN)) de++;
    while (de > at + 1 && (s.charCodeAt(de - 1) === 46 || s.charCodeAt(de - 1) === 45)) de--;
    if (!validDomain(s, at + 1, de)) continue;
    if (!env.scope.isOwnedEmail(s.slice(ls, de))) out.emailPseudonym(ls, de);
    else if (env.scope.disclose) out.keepPersonal(ls, de);
    else out.email(ls, de);
  }
}

function scanMentions(s: string, env: ScanEnv, out: Found): void {
  const n = s.length;
  const skip = out.notEmailAt;
  let next = 0;
  for (let at = s.indexOf("@"); at !== -1; at = s.indexOf("@", at + 1)) {
    if (next < skip.length) {
      while (next < skip.length && skip[next] < at) next++;
      if (skip[next] === at) continue;
    }
    if (at > 0 && (is(s.charCodeAt(at - 1), LOCAL) || isWordAt(s, at - 1))) continue;
    const start = at + 1;
    if (start >= n || !is(s.charCodeAt(start), WORD)) continue;
    let end = start;
    while (end < n && is(s.charCodeAt(end), HOST)) end++;
    while (end > start && (s.charCodeAt(end - 1) === 46 || s.charCodeAt(end - 1) === 45)) end--;
    if (env.scope.isOwnedName(s.slice(start, end).toLowerCase())) out.keepIdentity(start, end);
    else out.user(start, end);
    at = end - 1;
  }
}

// ---------------------------------------------------------------------------------------------

/** Records in `out` every finding in `s`; `rule` is the rule of the key whose whole value `s` is, if any. */
export function findCandidates(s: string, env: ScanEnv, rule: KeyRule, out: Found, present = -1): void {
  out.reset();
  if (s.length === 0) return;
  if (rule === "secret") {
    out.secret(0, s.length, PRIO_WHOLE);
    return;
  }
  // A whole-value finding covers every other one. resolve() then lets only a higher level
  // change the outcome: under a whole `system` value only secrets matter, under a whole
  // identity value only secrets and system findings; the scanners that find nothing else are
  // skipped (what they would find is always dropped).
  let whole = LEVEL_NONE;
  /** Where a request path is a product path by its key (a request key's value), or -1. */
  let productFrom = -1;
  if (rule === "system") {
    out.system(0, s.length, PRIO_WHOLE);
    whole = LEVEL_SYSTEM_WHOLE;
  } else if (rule === "user" || rule === "path" || rule === "either") {
    if (judgeIdentity(env, rule, 0, s.length, s, PRIO_WHOLE, out)) whole = LEVEL_OTHER_WHOLE;
  } else if (rule === "request" && env.scope.hasProductHosts) {
    let p = 0;
    while (p < s.length && isBlank(s.charCodeAt(p))) p++;
    if (s.charCodeAt(p) === 47) productFrom = p;
  }
  // Each scanner needs a character whose absence one pass over the string rules it out.
  const has = present < 0 ? presentChars(s) : present;
  if (env.pathsOnly === true) {
    if (whole !== LEVEL_NONE) return;
    // Secrets too: what they cover is replaced whole, so a path inside one (the base64 of a PEM
    // block, a token after Bearer) names nothing (finder.ts skips paths overlapping them).
    if ((has & C_DASH) !== 0) {
      if (s.indexOf("-----") !== -1) scanPem(s, out);
      if ((has & C_G) !== 0) scanTokens(s, out);
    }
    if ((has & C_UPPER_B) !== 0) scanAuthSchemes(s, out);
    if ((has & (C_COLON | C_EQUALS)) !== 0) scanKeyValues(s, env, out);
    if ((has & C_SLASH) !== 0) scanUrls(s, env.scope, out, false, productFrom, true);
    if ((has & C_COLON) !== 0 && env.scope.hasProductHosts) scanRemotes(s, env.scope, out, false);
    return;
  }
  if ((has & C_DASH) !== 0) {
    if (s.indexOf("-----") !== -1) scanPem(s, out);
    if ((has & C_G) !== 0) scanTokens(s, out);
  }
  if ((has & C_UPPER_B) !== 0) scanAuthSchemes(s, out);
  if ((has & (C_COLON | C_EQUALS)) !== 0) scanKeyValues(s, env, out);
  if (whole === LEVEL_SYSTEM_WHOLE) {
    // Only the secrets of URLs (passwords, webhook paths) can still change the outcome.
    if ((has & C_SLASH) !== 0 && mayHoldUrlSecret(s)) scanUrls(s, env.scope, out, true, -1, false);
    return;
  }
  if (
    ((has & C_DOT) !== 0 || !env.scope.internalHostsNeedDot) &&
    ((has & C_LETTER) !== 0 || !env.scope.internalHostsNeedLetter) &&
    env.scope.mayHoldInternalHost(s)
  ) {
    scanHosts(s, env, out);
  }
  if ((has & C_DIGIT) !== 0) {
    // A dotted quad holds three dots; an IPv6 address (as scanned) two colons.
    if ((has & C_DOT) !== 0) {
      const d = s.indexOf(".", s.indexOf(".") + 1);
      if (d !== -1 && s.indexOf(".", d + 1) !== -1) scanIPv4(s, env, out);
    }
    if ((has & C_COLON) !== 0 && s.indexOf(":", s.indexOf(":") + 1) !== -1) scanIPv6(s, env, out);
  }
  if (whole === LEVEL_OTHER_WHOLE) {
    if ((has & C_SLASH) !== 0 && mayHoldUrlSecret(s)) scanUrls(s, env.scope, out, true, -1, false);
    return;
  }
  // URLs, request paths and prose namespace paths in one pass; then remotes, which tell the
  // email and mention scanners which `@` are theirs.
  if ((has & C_SLASH) !== 0) scanUrls(s, env.scope, out, false, productFrom, true);
  if ((has & C_COLON) !== 0 && env.scope.hasProductHosts) scanRemotes(s, env.scope, out, false);
  if ((has & C_AT) !== 0) {
    if ((has & C_DOT) !== 0) scanEmails(s, env, out);
    scanMentions(s, env, out);
  }
}

/** Whether a string can hold a secret of a URL: a `://` (user information, chat webhooks) or `/webhooks/`. */
function mayHoldUrlSecret(s: string): boolean {
  return s.indexOf("://") !== -1 || s.indexOf("/webhooks/") !== -1;
}

/**
 * Whether findCandidates could find anything in a string with no key rule whose present
 * characters are `present` (as presentChars): false lets a caller skip the string entirely.
 */
export function mayFind(present: number, env: ScanEnv): boolean {
  return (present & MAY_FIND) !== 0 || (!env.scope.internalHostsNeedDot && env.scope.hasInternalHosts);
}

// Characters whose presence a scanner needs (presentChars).
const C_AT = 1;
const C_COLON = 2;
const C_DOT = 4;
const C_DASH = 8;
const C_EQUALS = 16;
const C_SLASH = 32;
/** `B`: Bearer, BEARER, Basic, BASIC. */
const C_UPPER_B = 64;
/** `g` or `G`: the GitLab token prefixes. */
const C_G = 128;
const C_DIGIT = 256;
/** An ASCII letter: internal host suffixes hold one (when they all do). */
const C_LETTER = 512;

const PRESENT = new Uint16Array(128);
PRESENT[64] = C_AT;
PRESENT[58] = C_COLON;
PRESENT[46] = C_DOT;
PRESENT[45] = C_DASH;
PRESENT[61] = C_EQUALS;
PRESENT[47] = C_SLASH;
PRESENT[66] = C_UPPER_B;
PRESENT[103] = C_G;
PRESENT[71] = C_G;
for (let d = 48; d <= 57; d++) PRESENT[d] = C_DIGIT;
for (let c = 65; c <= 90; c++) {
  PRESENT[c] |= C_LETTER;
  PRESENT[c + 32] |= C_LETTER;
}
/** Some scanner runs when one of these is present (tokens need `-`, IPs `.` or `:`). */
const MAY_FIND = C_AT | C_COLON | C_DOT | C_DASH | C_EQUALS | C_SLASH | C_UPPER_B;

/** The table behind presentChars, for scanners that walk a string anyway (json.ts). */
export const PRESENT_CHARS: Readonly<Uint16Array> = PRESENT;

/** The C_* flags of the characters present in `s` (non-ASCII characters count as none). */
export function presentChars(s: string): number {
  let has = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) has |= PRESENT[c];
  }
  return has;
}
