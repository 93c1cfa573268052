// Kept whole (over 300 lines): the tuned redaction pass of one line (JSON walk, text scan, overlap
// resolution, pseudonyms) shares its per-line state; splitting it costs speed the timing tests guard.
// Artefact redaction (contracts.md, section 2): one log line in, one line out. Pure: no I/O, no
// environment. JSON object lines keep their text except for the string values that change;
// everything else is scanned as text. See scanners.ts for what is found and resolve.ts for how
// overlapping findings are settled.
//
// Readings of the contract where it leaves room (each covered by tests):
// - A key's rule reaches string elements of an array under it (`"set-cookie": [...]`,
//   `"exception.backtrace": [...]`), not objects nested under it.
// - Key names: `-` counts as `_` in every key (`PRIVATE-TOKEN`, `User-Name`, `Target-Details`,
//   `Request-URI`), the acting-user keys included; a flattened dotted key is also judged by its
//   last segment for secrets (`params.password`). Empty values stay.
// - `Bearer`/`Basic` outside a key are matched as written (`Bearer`, `BEARER`, `Basic`, `BASIC`),
//   so prose ("the basic idea") stays; after a secret key any case is a scheme, and so is
//   `token` (`Authorization: token abc`). A quoted value runs to its closing quote.
// - In text, identity keys take `key=value` (also Ruby's `key=>value`) and a quoted
//   `"key": value`; an unquoted `user: x` is prose. An identity key glued to its `=` and followed
//   by a blank has an empty value (`project= group=x`). The `.` characters at the end of an
//   unquoted value are not part of the name or path (`user=alice.`); a JSON value is judged
//   whole, as written.
// - The acting user is the first of user, username, user_name, meta.user, author_name (in that
//   order) present at the top level with a string value.
// - A text line that opens a private key block without closing it, and every following line up
//   to and including the END line, come out as `[REDACTED:secret]`; JSON is not recognised
//   inside a block. Within one line or string, a block ends at its END marker or the end.
// - Overlaps: a finding partly overlapping a higher-precedence one is absorbed into it
//   (`bob@db.internal` is `[REDACTED:system]` whole); an owned identifier is never widened.
// - A `@name` mention is owned when the name is an owned user, group or project; an `@` after a
//   `/` starts a mention too (`/@hashed/...`).
// - Paths compare without surrounding slashes (a path's pseudonym too: `/x/y/` is `x/y`);
//   `.` / `..` segments are never owned.
// - IPv4: a quad runs up to the first dot that is not followed by a digit (`1.2.3.4..5` holds
//   `1.2.3.4`); a run of digits and dots that starts with a dot touches it.
// - entity_path / target_details (JSON or key=value), the value trimmed: holding a `/` and no
//   whitespace, a path; all of [A-Za-z0-9_.-], a name (an owned user or group, any case, stays);
//   anything else, text. A value with `%2F` is decoded first, for every identity key.
// - URL-decoding (identity values with `%2F`, API ids) decodes the `%XX` escapes of ASCII
//   characters and keeps any other `%` as written.
// - URLs: `scheme://` where the scheme's last character is one of [A-Za-z0-9+.-]; the user
//   information is [A-Za-z0-9-._~%!$&*+=:] up to an `@`, its password what follows its first
//   `:` (an empty one is nothing to replace); an IPv6 host is bracketed; the path starts at the
//   first `/` after host and port. The user information's `@` is no email's or mention's, and
//   what follows it is the URL's host, not a namespace path of prose.
// - A request path may also start a string or a JSON value. Prose namespace paths are looked
//   for outside URLs and request paths only (those are file paths), so `x/globex/api` in prose
//   is a path but `/a=globex/api` is not.
// - Query parameters: the secret names and sig, signature, X-Amz-*, X-Goog-* are secrets when
//   written `?name=value` or `&name=value` (in URLs, request paths or anywhere), the value ending
//   as a key=value value does or at `#`; `sig=x` elsewhere is no parameter.
// - `/webhooks/<digits>/<segment>` is a secret in any URL or request path; on a host whose first
//   label is `hooks`, every non-empty segment after the first `services` segment is.
// - The words `api`, `v<digits>`, `projects`, `groups`, `namespaces`, `webhooks`, `services` and
//   the `.git` suffix are matched as written (lower case); the product's own routes, `groups/`
//   and `users/` at the start of a path are compared ignoring case.
// - A namespace from the start of a path ends at a `-` segment (also one ending the path:
//   `/x/y/-`); a trailing `/` ends it too; an empty segment elsewhere (`//`) or any other
//   character in it calls it off, so a product path with `%20` in a file name is left alone.
// - Product paths by key: a JSON value of path, uri, request_uri, request_path or fullpath whose
//   first non-blank character is `/`; in text `key=/x`, `key="/x"`, `"key": "/x"`, `"key"=>"/x"`,
//   the key not glued to a host character (`x-path=` is another key). HTTP methods are GET,
//   HEAD, POST, PUT, DELETE, PATCH, OPTIONS, CONNECT, TRACE, in upper case, as a word, then one
//   space, then perhaps one `"`: the product's own request log (Rails) quotes the path
//   (`Started GET "/initech/payroll" for ...` has the product path `/initech/payroll`); no other
//   character (`GET '/x'`, `GET ""/x`) and no quote glued to the method (`GET"/x"`).
// - "Continues an owned project" is applied wherever a product path is judged (also before `-`
//   or `.git` in a product path); the API id is judged as a path without it.
// - scp-style remotes: `[user@]host:path` where host is exactly a product host (not the end of a
//   longer host name, not inside a URL's authority); one `/` after the `:` is skipped. The
//   `user@host` is no email whenever a path follows the `:`; only a path with a segment ending
//   in `.git` is judged (the contract names no other).
// - The finder shared with the scope check (createPathFinder, finder.ts) lists what the
//   scanners judge as a path, with nothing owned; single names are not listed. What the scope
//   check knows (the known namespace roots, which prose paths and entity_path single names count)
//   changes only what the finder lists, never what the redaction replaces.
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
const MEMO_MAX_LENGTH = 160;
/** Slots of the memo (a power of two): one value each. */
const MEMO_BITS = 12;
const MEMO_MASK = (1 << MEMO_BITS) - 1;

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
  // own identifiers). A value's output under one key rule and scanning environment is the same
  // every time once its pseudonyms are numbered, so a value seen before is answered from a memo
  // with what it added to each count. The memo is a table of MEMO_BITS slots indexed by a hash
  // of at most 16 of the value's characters, read in place in the line (no slicing, no string
  // hashing); a slot's value is compared in place. A value is kept the second time its hash is
  // seen (the doorkeeper holds hashes only), as a detached copy (no decoder chunk stays alive).
  const memoText: (string | undefined)[] = new Array(1 << MEMO_BITS);
  const memoOut: (string | null)[] = new Array(1 << MEMO_BITS);
  const memoHash = new Int32Array(1 << MEMO_BITS);
  /** The key rule and environment a slot's value was redacted under. */
  const memoTag = new Int16Array(1 << MEMO_BITS);
  const memoSeen = new Int32Array(1 << MEMO_BITS);
  const memoCounts = new Int32Array(4 << MEMO_BITS);

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
      const a = start[i] + 1;
      const b = end[i] - 1;
      const length = b - a;
      if (!esc && length <= MEMO_MAX_LENGTH && (present[i] & SURROGATE) === 0) {
        // A plain value (no escapes, no surrogates): the memo.
        const step = length <= 16 ? 1 : length >> 4;
        const tag = rules[i] * 2 + (env === envIpAllowed ? 1 : 0);
        let h = Math.imul(tag + 1, 0x9e3779b1) ^ length;
        for (let k = a; k < b; k += step) h = Math.imul(h ^ line.charCodeAt(k), 16777619);
        const slot = (h ^ (h >>> MEMO_BITS)) & MEMO_MASK;
        const known = memoText[slot];
        if (memoHash[slot] === h && memoTag[slot] === tag && known !== undefined && known.length === length && line.startsWith(known, a)) {
          const c = slot * 4;
          counts.secret += memoCounts[c];
          counts.system += memoCounts[c + 1];
          counts["other-account"] += memoCounts[c + 2];
          counts["personal-data"] += memoCounts[c + 3];
          const remembered = memoOut[slot];
          if (remembered === null) continue;
          out += line.slice(pos, a) + remembered;
          pos = b;
          continue;
        }
        const value = line.slice(a, b);
        const secret = counts.secret;
        const system = counts.system;
        const other = counts["other-account"];
        const personal = counts["personal-data"];
        const redacted = redactString(value, env, rule, present[i]);
        if (memoSeen[slot] === h) {
          memoText[slot] = Scope.detached(value);
          memoOut[slot] = redacted === value ? null : Scope.detached(redacted);
          memoHash[slot] = h;
          memoTag[slot] = tag;
          const c = slot * 4;
          memoCounts[c] = counts.secret - secret;
          memoCounts[c + 1] = counts.system - system;
          memoCounts[c + 2] = counts["other-account"] - other;
          memoCounts[c + 3] = counts["personal-data"] - personal;
        } else {
          memoSeen[slot] = h;
        }
        if (redacted === value) continue;
        out += line.slice(pos, a) + redacted;
        pos = b;
        continue;
      }
      const value = decodeString(line, start[i], end[i], esc);
      const redacted = redactString(value, env, rule, esc ? -1 : present[i]);
      if (redacted === value) continue;
      if (esc || ((present[i] & SURROGATE) !== 0 && hasLoneSurrogate(redacted))) {
        out += line.slice(pos, start[i]) + JSON.stringify(redacted);
        pos = end[i];
      } else {
        // The raw value holds no quote, backslash, control character or lone surrogate (JSON.stringify
        // escapes those), and every replacement text is plain ASCII and is put between whole
        // characters: JSON.stringify would only add the quotes, which stay.
        out += line.slice(pos, a) + redacted;
        pos = b;
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
function isTimestampAt(s: string, a: number, b: number): boolean {
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

/** Whether `s` holds a surrogate code unit that is not half of a pair. */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return true;
    const next = s.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
    i++;
  }
  return false;
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
