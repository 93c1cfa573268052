// Kept whole (over 300 lines): one single-pass byte scanner whose lookup tables, shape tests and
// caps are tuned together for the redaction job's hot path (timing-guarded in its tests); its
// output format is residue-inventory.ts.
//
// The residue of a redaction (issue 10, "Residue review"): an inventory of what is LEFT in the
// redacted file that still looks like an identifier, each distinct value with its count, a sample
// line and the reason it stayed. Legal reads it first on the review page, and an approval carries
// the SHA-256 of its canonical JSON.
//
// Pure: no I/O. The redaction job feeds every output line to one collector while it writes the
// file (as the UTF-8 bytes it writes). Memory is bounded whatever the file size (at most
// `unknownPerCategory` + `explainedPerCategory` values tracked per category; anything beyond is
// counted, not kept) and the work is linear: one pass of table lookups splits the bytes into
// chunks at delimiters (whitespace, quotes, brackets, `,;|\=&`, any non-ASCII byte), and only
// the chunks that hold a `.`, `/`, `:` or `@`, or are 20+ characters long, or follow an identity
// key are looked at again, each within its own bounds.
import type { RedactionScope } from "@/lib/redaction";
import { compileScope } from "@/lib/redaction/scope";
import {
  RESIDUE_FORMAT,
  RESIDUE_CATEGORIES,
  type ResidueReason,
  type ResidueSample,
  type ResidueItem,
  type ResidueUntracked,
  type ResidueCategoryInventory,
  type ResidueInventory,
} from "./residue-inventory";

export interface ResidueOptions {
  unknownPerCategory?: number;
  explainedPerCategory?: number;
}

export interface ResidueCollector {
  /**
   * One redacted output line (no newline). Lines are numbered from 1 in the order they come;
   * `lineNo` (1-based) sets the number of this one and so of those after it.
   */
  add(line: string, lineNo?: number): void;
  /**
   * Whole redacted lines as the UTF-8 bytes written to the file, each ending in `\n`: what the
   * redaction job does with each buffer it writes (scanning bytes is about twice as fast as
   * scanning strings, and the job has them anyway).
   */
  addLines(bytes: Uint8Array): void;
  result(): ResidueInventory;
}

export const DEFAULT_UNKNOWN_PER_CATEGORY = 200;
export const DEFAULT_EXPLAINED_PER_CATEGORY = 50;
export const SAMPLE_CHARS = 300;
/** Distinct untracked values remembered (as 32-bit hashes) per category and class, to count them. */
const UNTRACKED_HASHES = 4096;

// ---------------------------------------------------------------------------------------------
// Character classes

const F_DIGIT = 1;
const F_LETTER = 2;
const F_DOT = 4;
const F_SLASH = 8;
const F_COLON = 16;
const F_AT = 32;
const F_CHUNK = 128;
const F_INTERESTING = F_DOT | F_SLASH | F_COLON | F_AT;
/** Per byte: 0 for a delimiter, else F_CHUNK with the byte's class. */
const BYTE = new Uint8Array(256);
for (let c = 33; c < 127; c++) BYTE[c] = F_CHUNK;
for (const c of "\"'`<>()[]{},;|\\=&") BYTE[c.charCodeAt(0)] = 0;
for (let c = 48; c <= 57; c++) BYTE[c]! |= F_DIGIT;
for (let c = 65; c <= 90; c++) BYTE[c]! |= F_LETTER;
for (let c = 97; c <= 122; c++) BYTE[c]! |= F_LETTER;
BYTE[46]! |= F_DOT;
BYTE[47]! |= F_SLASH;
BYTE[58]! |= F_COLON;
BYTE[64]! |= F_AT;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAlnum = (c: number) => isDigit(c) || isAlpha(c);
/** [A-Za-z0-9_.-]: a namespace segment's characters. */
const isSegChar = (c: number) => isAlnum(c) || c === 95 || c === 46 || c === 45;
/** [A-Za-z0-9._%+-]: an email local part's characters. */
const isLocalChar = (c: number) => isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
/** [A-Za-z0-9.-]: a host name's characters. */
const isHostChar = (c: number) => isAlnum(c) || c === 46 || c === 45;
/** [A-Za-z0-9_+-]: what a random-looking string is made of ('/', '.', '=' and ':' split it). */
const isRandomChar = (c: number) => isAlnum(c) || c === 95 || c === 45 || c === 43;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

// ---------------------------------------------------------------------------------------------
// Vocabulary (contracts.md section 2 and common sense)

/** The product's own routes: first path segments that are never a namespace (contract section 2). */
export const PRODUCT_ROUTES: ReadonlySet<string> = new Set([
  "api", "-", "assets", "uploads", "oauth", "users", "help", "explore", "dashboard", "admin", "search", "import", "jwt",
  "login", "profile", "projects", "snippets", "v2", "health_check", ".well-known", "favicon.ico", "robots.txt",
]);
/** The product's own user routes after `users/` (contract section 2). */
const USER_ROUTES: ReadonlySet<string> = new Set(["sign_in", "sign_out", "sign_up", "password", "confirmation", "unlock", "auth", "edit", "almost_there", "identity_verification"]);
const MEDIA_TYPES: ReadonlySet<string> = new Set(["application", "text", "image", "audio", "video", "multipart", "font", "model", "message"]);
const HTTP_METHODS: ReadonlySet<string> = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/**
 * Top-level domains that make a bare dotted token a host name. Common ones only, and none that is
 * mostly seen as a file extension in logs (md, sh, py, rs, pl, so, zip, mov, name, cc, tf, ps, pm,
 * mk): `README.md` is a file, `gitlab.example.com` is a host.
 */
const KNOWN_TLDS: ReadonlySet<string> = new Set(
  (
    "com net org info biz edu gov mil int io dev app cloud ai co me us tv xyz tech online site store shop live page blog " +
    "email global group systems services network solutions digital agency host website space link one pro " +
    "eu uk de fr nl be lu at ch it es pt ie dk se no fi is ee lv lt cz sk hu ro bg gr hr si rs ua ru by kz tr il ae sa " +
    "in cn jp kr tw hk sg my id th vn ph au nz za ng ke eg ma br ar cl mx ca " +
    "example test invalid localhost local internal corp lan home intranet private"
  ).split(" "),
);
/** Mail providers whose domain says nothing about the account that uses them. */
const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set(["gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "me.com", "proton.me", "protonmail.com", "aol.com", "gmx.com", "gmx.de", "mail.com"]);

/** Identity keys (contract section 2): whose whole value names a user (1) or a path (2). */
const IDENTITY_KEYS: ReadonlyMap<string, 1 | 2> = new Map([
  ["user", 1], ["username", 1], ["user_name", 1], ["author_name", 1], ["meta.user", 1],
  ["project", 2], ["project_path", 2], ["meta.project", 2], ["namespace", 2], ["root_namespace", 2], ["meta.root_namespace", 2], ["entity_path", 2], ["target_details", 2],
] as const);
/** Keys whose value is a request path in the product's own request logs (contract section 2). */
const PATH_VALUE_KEYS: ReadonlySet<string> = new Set(["path", "uri", "request_uri", "request_path", "fullpath"]);
// What a key says its value is.
const KEY_USER = 1;
const KEY_PATH = 2;
const KEY_REQUEST_PATH = 3;
/** How much of a path is a namespace position (requestPath's mode). */
const API_ONLY = 0;
const REQUEST = 1;
const PRODUCT = 2;

/** Lower-cased FNV-1a of bytes [a, b) with `-` read as `_`: keys are looked up without slicing them. */
function keyHash(s: Uint8Array, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) {
    let c = s[i]!;
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 45) c = 95;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}
const KEYS_BY_HASH = new Map<number, { name: string; kind: number }>();
for (const [name, kind] of [...IDENTITY_KEYS, ...[...PATH_VALUE_KEYS].map((k) => [k, KEY_REQUEST_PATH] as const)]) {
  KEYS_BY_HASH.set(keyHash(Buffer.from(name, "latin1"), 0, name.length), { name, kind });
}

/** What a key (as written, any case, `-` for `_`) is: an identity key, a request-path key or nothing (0). */
function keyKind(s: Uint8Array, a: number, b: number): number {
  const len = b - a;
  if (len < 3 || len > 19) return 0;
  const found = KEYS_BY_HASH.get(keyHash(s, a, b));
  if (!found || found.name.length !== len) return 0;
  for (let i = 0; i < len; i++) {
    let c = s[a + i]!;
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 45) c = 95;
    if (c !== found.name.charCodeAt(i)) return 0;
  }
  return found.kind;
}

/**
 * (length, first letter, last letter) of the keys that matter, as a bitmap: a JSON key or a
 * `key=` is only looked up when its signature is set, so the common keys cost four reads.
 * Signatures may collide (the lookup then says no); keys longer than 31 never matter.
 */
const KEY_SIGNATURES = new Uint8Array(1 << 15);
const keySignature = (len: number, first: number, last: number) => ((len & 31) << 10) | ((first & 31) << 5) | (last & 31);
const isKeyOfInterest = (len: number, first: number, last: number) => len <= 31 && KEY_SIGNATURES[keySignature(len, first, last)] === 1;
for (const name of [...IDENTITY_KEYS.keys(), ...PATH_VALUE_KEYS]) KEY_SIGNATURES[keySignature(name.length, name.charCodeAt(0), name.charCodeAt(name.length - 1))] = 1;

// ---------------------------------------------------------------------------------------------
// Shapes

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A ULID (26 characters of Crockford base32, first 0-7): the correlation ids of GitLab's logs. */
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** Whether a 20+ character run mixing letters and digits looks random (not a UUID, hex hash or ULID). */
export function isRandomLooking(s: string): boolean {
  if (s.length < 20) return false;
  let letters = 0;
  let digits = 0;
  let allHex = true;
  let switches = 0;
  let prev = 0; // 1 letter, 2 digit
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let kind = 0;
    if (isDigit(c)) {
      digits++;
      kind = 2;
    } else if (isAlpha(c)) {
      letters++;
      kind = 1;
      if (!isHex(c)) allHex = false;
    } else if (c !== 45) allHex = false;
    if (kind) {
      if (prev && kind !== prev) switches++;
      prev = kind;
    }
  }
  if (letters < 2 || digits < 2 || switches < 2) return false;
  if (allHex) return false; // a hex hash (or a UUID)
  if (s.length === 26 && ULID.test(s)) return false;
  return !UUID.test(s);
}

/** `s` is a dotted host name whose last label is 2-24 letters; returns its labels' count or 0. */
function hostLabels(s: string): number {
  let labels = 1;
  let labelLen = 0;
  let lastAlpha = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (labelLen === 0 || s.charCodeAt(i - 1) === 45) return 0;
      labels++;
      labelLen = 0;
      lastAlpha = true;
      continue;
    }
    if (c === 45) {
      if (labelLen === 0) return 0;
    } else if (!isAlnum(c)) return 0;
    if (!isAlpha(c)) lastAlpha = false;
    labelLen++;
  }
  if (labels < 2 || labelLen < 2 || labelLen > 24 || !lastAlpha) return 0;
  return labels;
}

/**
 * Whether a bare dotted token is a host name: its top-level domain is a known one, or it has
 * three or more labels, one of them with a digit or a hyphen (`web-1.prod.acme`) and does not
 * start with a top-level domain (`org.apache.kafka` is a package, `os.path.join` code).
 */
export function isHostShaped(token: string): boolean {
  const labels = hostLabels(token);
  if (!labels) return false;
  const lower = token.toLowerCase();
  const tld = lower.slice(lower.lastIndexOf(".") + 1);
  if (KNOWN_TLDS.has(tld)) return true;
  if (labels < 3) return false;
  if (KNOWN_TLDS.has(lower.slice(0, lower.indexOf(".")))) return false;
  return /[0-9-]/.test(lower);
}

/** The end of a dotted quad of octets 0-255 starting at a (within b), or -1. */
function ipv4At(s: Uint8Array, a: number, b: number): number {
  let i = a;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (i >= b || s[i] !== 46) return -1;
      i++;
    }
    const start = i;
    let v = 0;
    while (i < b && i - start < 4 && isDigit(s[i]!)) v = v * 10 + (s[i++]! - 48);
    const n = i - start;
    if (n === 0 || n > 3 || v > 255) return -1;
  }
  return i;
}

/** Whether bytes [a, b) are IPv6-shaped: hex groups of 1-4 with `::` and 3+ groups, or exactly 8 groups; a digit somewhere. */
function isIpv6(s: Uint8Array, a: number, b: number): boolean {
  let groups = 0;
  let groupLen = 0;
  let double = false;
  let digit = false;
  for (let i = a; i < b; i++) {
    const c = s[i]!;
    if (c === 58) {
      if (groupLen) groups++;
      else if (i > a && s[i - 1] === 58) {
        if (double) return false;
        double = true;
      }
      groupLen = 0;
      continue;
    }
    if (!isHex(c)) return false;
    if (isDigit(c)) digit = true;
    if (++groupLen > 4) return false;
  }
  if (groupLen) groups++;
  if (!digit) return false;
  return double ? groups >= 3 && groups < 8 : groups === 8;
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const decodeSlashes = (s: string) => (s.indexOf("%") === -1 ? s : s.replace(/%2f/gi, "/"));

// ---------------------------------------------------------------------------------------------
// The collector

/** Bounded searches in bytes [from, to): each stays inside its chunk, so the work stays linear. */
function find(s: Uint8Array, ch: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (s[i] === ch) return i;
  return -1;
}
function findLast(s: Uint8Array, ch: number, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (s[i] === ch) return i;
  return -1;
}
/** `://` in [from, to), or -1. */
function findScheme(s: Uint8Array, from: number, to: number): number {
  for (let i = from; i + 2 < to; i++) if (s[i] === 58 && s[i + 1] === 47 && s[i + 2] === 47) return i;
  return -1;
}
/** Whether bytes [a, b) equal `lower` ignoring ASCII case. */
function equalsLower(s: Uint8Array, a: number, b: number, lower: string): boolean {
  if (b - a !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    let c = s[a + i]!;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}
/** A ULID at s (26 bytes of Crockford base32, the first 0-7): GitLab's correlation ids. */
function isUlidAt(s: Uint8Array, a: number): boolean {
  if (s[a]! < 48 || s[a]! > 55) return false;
  for (let i = a + 1; i < a + 26; i++) {
    const c = s[i]!;
    if (!(isDigit(c) || (c >= 65 && c <= 90 && c !== 73 && c !== 76 && c !== 79 && c !== 85))) return false;
  }
  return true;
}
/** An IPv6 address has `::` or seven `:`. */
function mayHoldIpv6(s: Uint8Array, a: number, b: number): boolean {
  let colons = 0;
  for (let i = a; i < b; i++) {
    if (s[i] !== 58) continue;
    if (i + 1 < b && s[i + 1] === 58) return true;
    if (++colons >= 7) return true;
  }
  return false;
}
/**
 * Chunks that are never residue, told from their bytes alone: replacement markers
 * (`[REDACTED:system]`), ISO 8601 times, ULIDs, numbers with fewer than three dots, ports.
 */
function isPlain(s: Uint8Array, a: number, b: number, flags: number, next: number): boolean {
  const len = b - a;
  const c = s[a]!;
  if (c === 82 && next === 93 && len > 9 && s[a + 8] === 58 && a > 0 && s[a - 1] === 91) return true;
  if (len >= 19 && s[a + 4] === 45 && s[a + 7] === 45 && s[a + 10] === 84 && s[a + 13] === 58 && isDigit(c)) return true;
  const kind = flags & ~F_CHUNK;
  if (kind === (F_LETTER | F_DIGIT)) return len === 26 && isUlidAt(s, a);
  if (kind === (F_DOT | F_DIGIT)) {
    let dots = 0;
    for (let i = a; i < b; i++) if (s[i] === 46) dots++;
    return dots < 3;
  }
  return kind === (F_COLON | F_DIGIT) && len < 6;
}
/** `v` and digits (`v4`). */
function isApiVersion(s: Uint8Array, a: number, b: number): boolean {
  if (b - a < 2 || (s[a]! | 32) !== 118) return false;
  for (let i = a + 1; i < b; i++) if (!isDigit(s[i]!)) return false;
  return true;
}
function allDigits(s: Uint8Array, a: number, b: number): boolean {
  if (a >= b) return false;
  for (let i = a; i < b; i++) if (!isDigit(s[i]!)) return false;
  return true;
}
/** Every byte of [a, b) is [A-Za-z0-9_.-]. */
function allSegChars(s: Uint8Array, a: number, b: number): boolean {
  if (a >= b) return false;
  for (let i = a; i < b; i++) if (!isSegChar(s[i]!)) return false;
  return true;
}
/**
 * The bytes [a, b) as a string; chunks are ASCII (every non-ASCII byte is a delimiter).
 * `latin1Slice` is what `toString("latin1", a, b)` calls, without its argument handling.
 */
type Latin1 = Buffer & { latin1Slice(a: number, b: number): string };
function ascii(s: Buffer, a: number, b: number): string {
  return (s as Latin1).latin1Slice(a, b);
}

/** Where segment k of a path ends, given the n segments' starts. */
function segEnd(starts: Int32Array, n: number, k: number, end: number): number {
  return k + 1 < n ? starts[k + 1]! - 1 : end;
}

const C_HOST = 0;
const C_IP = 1;
const C_EMAIL = 2;
const C_PATH = 3;
const C_NAME = 4;
const C_RANDOM = 5;

/** An item while it is counted (the same shape as the one stored). */
type Entry = ResidueItem;

interface Untracked extends ResidueUntracked {
  seen: Set<number>;
}

interface Bucket {
  entries: Map<string, Entry>;
  trackedUnknown: number;
  trackedExplained: number;
  unknown: Untracked;
  explained: Untracked;
  occurrences: number;
}

type Verdict = { reason: ResidueReason; note?: string };

const ROUTE: Verdict = { reason: "product-route" };
const UNKNOWN: Verdict = { reason: "unknown" };
const VERSION: Verdict = { reason: "not-identifier", note: "a version" };
const NUMBER: Verdict = { reason: "not-identifier", note: "a number (an id or a version)" };
const MEDIA: Verdict = { reason: "not-identifier", note: "a media type" };
const SEGMENTS = 64;
/** Addresses judged per line when disclosure is on; a line with more counts only these. */
const MAX_IPS_PER_LINE = 256;

/**
 * A collector for one redaction: `scope` is the redaction scope the file was redacted with (what
 * the account owns, whether personal data is disclosed, the internal and product hosts).
 */
export function createResidueCollector(scope: RedactionScope, options: ResidueOptions = {}): ResidueCollector {
  const judge = compileScope(scope);
  const unknownCap = options.unknownPerCategory ?? DEFAULT_UNKNOWN_PER_CATEGORY;
  const explainedCap = options.explainedPerCategory ?? DEFAULT_EXPLAINED_PER_CATEGORY;
  const disclose = scope.disclosePersonalData === true;
  const productHosts = new Set((scope.productHosts ?? []).map((h) => h.trim().toLowerCase().replace(/:\d+$/, "")).filter(Boolean));
  // The account's own mail domains (from its users' emails): hosts under them are its own.
  const ownDomains = [
    ...new Set(
      (scope.owned?.emails ?? [])
        .map((e) => (typeof e === "string" ? (e.trim().toLowerCase().split("@")[1] ?? "") : ""))
        .filter((d) => d.includes(".") && !PUBLIC_MAIL_DOMAINS.has(d)),
    ),
  ];
  const PERSONAL: Verdict = { reason: "personal-data", note: "kept as approved: on a line of the account's own user" };
  // Disclosure keeps addresses only on the account's users' JSON lines: anywhere else, one left is unknown.
  const DISCLOSED_BUT_NOT_OWNED: Verdict = { reason: "unknown", note: "not on a line of the account's own user" };

  const buckets: Bucket[] = RESIDUE_CATEGORIES.map(() => ({
    entries: new Map(),
    trackedUnknown: 0,
    trackedExplained: 0,
    unknown: { distinct: 0, occurrences: 0, capped: false, seen: new Set() },
    explained: { distinct: 0, occurrences: 0, capped: false, seen: new Set() },
    occurrences: 0,
  }));
  let lines = 0;
  // The bytes being scanned, where the current line starts in them and its number.
  let buf: Buffer = Buffer.alloc(0);
  let lineStart = 0;
  let lineNo = 1;
  // With disclosure on: the current line's addresses (start, end pairs), whether it is a JSON
  // line, and whether one of its user fields names the account's own user.
  const lineIps: number[] = [];
  let lineIsJson = false;
  let lineOwnedUser = false;
  // A key that says what its value is (identity or request path), and where that value starts.
  let pendingKind = 0;
  let pendingAt = -1;
  let pendingJson = false;
  // Segment starts of the path being judged (reused).
  const starts = new Int32Array(SEGMENTS);

  /** About SAMPLE_CHARS of the current line around bytes [at, at + length). */
  function sampleOf(at: number, length: number): ResidueSample {
    let lineEnd = at + length;
    while (lineEnd < buf.length && buf[lineEnd] !== 10) lineEnd++;
    const shown = Math.min(length, SAMPLE_CHARS);
    const room = SAMPLE_CHARS - shown;
    // Bytes, not characters, but close enough to frame the value; never inside a UTF-8 sequence.
    let start = Math.max(lineStart, at - Math.floor(room / 2));
    let end = Math.min(lineEnd, at + shown + (room - (at - start)));
    start = Math.max(lineStart, Math.min(start, end - SAMPLE_CHARS));
    while (start > lineStart && (buf[start]! & 0xc0) === 0x80) start--;
    while (end < lineEnd && (buf[end]! & 0xc0) === 0x80) end++;
    const before = buf.toString("utf8", start, at);
    const value = ascii(buf, at, at + shown);
    return { line: lineNo, text: before + value + buf.toString("utf8", at + shown, end), at: before.length, length: value.length, cutBefore: start > lineStart, cutAfter: end < lineEnd };
  }

  /**
   * Counts one occurrence of a value. `key` is its distinct form (lower-cased where case does not
   * matter); the verdict is reached once, on its first occurrence (`forced`, or by category).
   */
  function record(cat: number, key: string, value: string, at: number, length: number, forced?: Verdict) {
    const b = buckets[cat]!;
    b.occurrences++;
    const e = b.entries.get(key);
    if (e !== undefined) {
      e.count++;
      return;
    }
    const v = forced ?? verdictOf(cat, key);
    const isUnknown = v.reason === "unknown";
    if (isUnknown ? b.trackedUnknown >= unknownCap : b.trackedExplained >= explainedCap) {
      const u = isUnknown ? b.unknown : b.explained;
      u.occurrences++;
      if (u.capped) return;
      const h = fnv(key);
      if (u.seen.has(h)) return;
      if (u.seen.size >= UNTRACKED_HASHES) {
        u.capped = true;
        return;
      }
      u.seen.add(h);
      u.distinct++;
      return;
    }
    if (isUnknown) b.trackedUnknown++;
    else b.trackedExplained++;
    const search = ascii(buf, at, at + length);
    const entry: Entry = { value: value === search ? search : value, search, count: 1, reason: v.reason, sample: sampleOf(at, length) };
    if (v.note) entry.note = v.note;
    b.entries.set(key, entry);
  }

  // --- verdicts ------------------------------------------------------------------------------

  function verdictOf(cat: number, key: string): Verdict {
    switch (cat) {
      case C_HOST:
        return hostVerdict(key);
      case C_IP:
        return UNKNOWN; // with disclosure on, the line decides (flushIps)
      case C_EMAIL:
        if (judge.isOwnedEmail(key)) return disclose ? { reason: "personal-data", note: "an email of the account's users, kept as approved" } : { reason: "owned", note: "an email of the account's users" };
        return UNKNOWN;
      case C_PATH:
        return pathVerdict(key);
      case C_NAME:
        return nameVerdict(key);
      default:
        return UNKNOWN;
    }
  }

  function isOwnedPathLike(lowerPath: string): boolean {
    if (judge.isOwnedPath(lowerPath)) return true;
    // A path that continues an owned project (`acme/api/issues/5` when `acme/api` is owned).
    let cut = lowerPath.indexOf("/");
    for (let n = 0; cut !== -1 && n < 8; n++) {
      cut = lowerPath.indexOf("/", cut + 1);
      if (cut === -1) break;
      if (judge.isOwnedPath(lowerPath.slice(0, cut))) return true;
    }
    return false;
  }

  function pathVerdict(lowerPath: string): Verdict {
    const slash = lowerPath.indexOf("/");
    const first = slash === -1 ? lowerPath : lowerPath.slice(0, slash);
    if (PRODUCT_ROUTES.has(first)) return ROUTE;
    if (isOwnedPathLike(lowerPath)) return { reason: "owned" };
    return UNKNOWN;
  }

  function nameVerdict(lowerName: string): Verdict {
    if (judge.isOwnedUser(lowerName)) return { reason: "owned", note: "a user of the account" };
    if (judge.isOwnedPath(lowerName)) return { reason: "owned", note: "a group or project of the account" };
    return UNKNOWN;
  }

  function hostVerdict(lowerHost: string): Verdict {
    if (productHosts.has(lowerHost)) return { reason: "known-host", note: "a product host" };
    for (const d of ownDomains) {
      if (lowerHost === d || (lowerHost.endsWith(d) && lowerHost.charCodeAt(lowerHost.length - d.length - 1) === 46)) {
        return { reason: "known-host", note: "the account's own domain (its users' email domain)" };
      }
    }
    if (judge.isInternalHost(lowerHost)) return { reason: "unknown", note: "under an internal host suffix: it should have been redacted" };
    return UNKNOWN;
  }

  // --- recorders -----------------------------------------------------------------------------

  function host(at: number, end: number, lower?: string) {
    const key = lower ?? ascii(buf, at, end).toLowerCase();
    record(C_HOST, key, key, at, end - at);
  }

  function path(at: number, end: number, decoded?: string) {
    const value = decoded ?? ascii(buf, at, end);
    record(C_PATH, value.toLowerCase(), value, at, end - at);
  }

  function name(at: number, end: number, decoded?: string) {
    const value = decoded ?? ascii(buf, at, end);
    record(C_NAME, value.toLowerCase(), value, at, end - at);
  }

  /** A route of the product itself (`/api/v4/projects`, `/uploads`), once per route: why those paths stayed. */
  function route(at: number, end: number) {
    const value = ascii(buf, at, end);
    record(C_PATH, value.toLowerCase(), value, at, end - at, ROUTE);
  }

  /** A value under an identity key: a name, or a path when it holds a `/` under a path key. */
  function identity(kind: number, at: number, end: number) {
    while (end > at && buf[end - 1] === 46) end--;
    let slashes = 0;
    let encoded = false;
    for (let i = at; i < end; i++) {
      const c = buf[i]!;
      if (c === 47) slashes++;
      else if (c === 37) {
        // Only `%2F` is understood: the path is judged decoded.
        if (i + 2 < end && buf[i + 1] === 50 && (buf[i + 2]! | 32) === 102) encoded = true;
        else return;
      } else if (!isSegChar(c)) return;
    }
    let a = at;
    let b = end;
    while (a < b && buf[a] === 47) a++;
    while (b > a && buf[b - 1] === 47) b--;
    if (a === b) return;
    let value: string | undefined;
    if (encoded || a !== at || b !== end) value = decodeSlashes(ascii(buf, a, b)).replace(/^\/+|\/+$/g, "");
    const hasSlash = value === undefined ? slashes > 0 : value.indexOf("/") !== -1;
    if (kind === KEY_PATH && hasSlash) path(at, end, value);
    else if (!hasSlash) {
      if (kind === KEY_USER && disclose && !lineOwnedUser) lineOwnedUser = judge.isOwnedUser(value ?? ascii(buf, a, b));
      name(at, end, value);
    }
  }

  /**
   * The namespace positions of a request path or a URL path (contract section 2, read wider: any
   * host's `/api/v4/projects/<id>`; before `/-/` and up to `.git` in request paths and product
   * paths; the whole namespace of a product path). `mode`: API_ONLY for a URL on another host
   * (its `/-/` and `.git` are left alone), REQUEST for a request path, PRODUCT for a product path.
   */
  function requestPath(at: number, end: number, mode: number) {
    // The path ends at `?` or `#`; a trailing `.` or `:` is not part of it.
    for (let i = at; i < end; i++) {
      const c = buf[i]!;
      if (c === 63 || c === 35) {
        end = i;
        break;
      }
    }
    while (end > at && (buf[end - 1] === 46 || buf[end - 1] === 58)) end--;
    if (end - at < 2) return;
    let n = 0;
    for (let i = at; i < end && n < SEGMENTS; i++) if (buf[i] === 47 && i + 1 < end && buf[i + 1] !== 47) starts[n++] = i + 1;
    if (n === 0) return;
    const product = mode === PRODUCT;
    // /api/v4/projects/<id>: an id that is not all digits names a namespace, URL-encoded or not.
    if (n > 3 && equalsLower(buf, starts[0]!, segEnd(starts, n, 0, end), "api") && isApiVersion(buf, starts[1]!, segEnd(starts, n, 1, end)) && (equalsLower(buf, starts[2]!, segEnd(starts, n, 2, end), "projects") || equalsLower(buf, starts[2]!, segEnd(starts, n, 2, end), "groups") || equalsLower(buf, starts[2]!, segEnd(starts, n, 2, end), "namespaces"))) {
      const a = starts[3]!;
      const b = segEnd(starts, n, 3, end);
      if (!allDigits(buf, a, b)) {
        const id = ascii(buf, a, b);
        const decoded = decodeSlashes(id);
        if (/^[A-Za-z0-9_.\-/]+$/.test(decoded)) path(a, b, decoded === id ? undefined : decoded);
      } else if (product) route(at, segEnd(starts, n, 2, end));
      return;
    }
    if (mode === API_ONLY) return;
    const first = n > 1 && equalsLower(buf, starts[0]!, segEnd(starts, n, 0, end), "groups") ? 1 : 0;
    const head = ascii(buf, starts[first]!, segEnd(starts, n, first, end)).toLowerCase();
    if (PRODUCT_ROUTES.has(head)) {
      if (!product) return;
      if (head === "users" && first === 0 && n > 1) {
        const user = ascii(buf, starts[1]!, segEnd(starts, n, 1, end));
        if (USER_ROUTES.has(user.toLowerCase())) route(at, segEnd(starts, n, 1, end));
        else if (allSegChars(buf, starts[1]!, segEnd(starts, n, 1, end))) name(starts[1]!, segEnd(starts, n, 1, end));
        return;
      }
      let upto = first;
      if (head === "api" && n > first + 2 && isApiVersion(buf, starts[first + 1]!, segEnd(starts, n, first + 1, end)) && /^[a-z_]+$/i.test(ascii(buf, starts[first + 2]!, segEnd(starts, n, first + 2, end)))) upto = first + 2;
      route(at, segEnd(starts, n, upto, end));
      return;
    }
    // The namespace: the segments before `-`, or up to one ending in `.git`, or (in a product
    // position) its first two segments (a project, or a group and a name).
    let last = -1;
    let found = false;
    let git = false;
    for (let k = first; k < n; k++) {
      const from = starts[k]!;
      const to = segEnd(starts, n, k, end);
      if (to - from === 1 && buf[from] === 45) {
        last = k - 1;
        found = true;
        break;
      }
      if (to - from > 4 && buf[to - 4] === 46 && equalsLower(buf, to - 3, to, "git")) {
        last = k;
        found = git = true;
        break;
      }
    }
    if (!found) {
      if (!product) return;
      last = Math.min(n - 1, first + 1);
    }
    if (last < first) return;
    for (let k = first; k <= last; k++) if (!allSegChars(buf, starts[k]!, segEnd(starts, n, k, end))) return;
    const from = starts[first]!;
    const to = git ? segEnd(starts, n, last, end) - 4 : segEnd(starts, n, last, end);
    if (to <= from) return;
    if (last === first && first === 0) name(from, to);
    else path(from, to);
  }

  /** A URL: its host, and the namespace positions of its path (any host: the API id; product or internal hosts: all). */
  function url(b: number, sep: number) {
    // The authority runs from after `://` to the first `/`, `?` or `#`.
    const authStart = sep + 3;
    let authEnd = authStart;
    while (authEnd < b) {
      const c = buf[authEnd]!;
      if (c === 47 || c === 63 || c === 35) break;
      authEnd++;
    }
    const at = findLast(buf, 64, authStart, authEnd);
    const hostStart = at === -1 ? authStart : at + 1;
    let hostEnd = hostStart;
    while (hostEnd < authEnd && isHostChar(buf[hostEnd]!)) hostEnd++;
    while (hostEnd > hostStart && buf[hostEnd - 1] === 46) hostEnd--;
    if (hostEnd === hostStart) return;
    // A host that is an address is the IP scan's.
    if (ipv4At(buf, hostStart, hostEnd) === hostEnd) return;
    const hostName = ascii(buf, hostStart, hostEnd).toLowerCase();
    if (hostLabels(hostName) || hostName.indexOf(".") === -1) host(hostStart, hostEnd, hostName);
    if (authEnd < b && buf[authEnd] === 47) {
      const mode = productHosts.has(hostName) || judge.isInternalHost(hostName) ? PRODUCT : API_ONLY;
      // The path ends where a next URL starts, if one does.
      let end = b;
      const next = findScheme(buf, authEnd, b);
      if (next !== -1) {
        end = next;
        while (end > authEnd && isAlpha(buf[end - 1]!)) end--;
      }
      requestPath(authEnd, end, mode);
    }
  }

  /** `user@domain` (email), `user@host:path` (a git remote), `@name` (a mention). */
  function atSign(a: number, b: number, p: number) {
    if (p === a) {
      // A mention that stayed: an owned user (or one the redaction missed).
      let e = p + 1;
      while (e < b && isSegChar(buf[e]!)) e++;
      while (e > p + 1 && buf[e - 1] === 46) e--;
      if (e > p + 1) name(p + 1, e);
      return;
    }
    let s = p;
    while (s > a && isLocalChar(buf[s - 1]!)) s--;
    while (s < p && buf[s] === 46) s++;
    if (s === p) return;
    let e = p + 1;
    while (e < b && isHostChar(buf[e]!)) e++;
    while (e > p + 1 && (buf[e - 1] === 46 || buf[e - 1] === 45)) e--;
    if (e === p + 1 || !hostLabels(ascii(buf, p + 1, e))) return;
    if (e + 1 < b && buf[e] === 58 && !isDigit(buf[e + 1]!)) {
      // An scp-style remote (git@gitlab.example.com:acme/api.git): a host and a path, no email.
      host(p + 1, e);
      let q = e + 1;
      while (q < b && (isSegChar(buf[q]!) || buf[q] === 47)) q++;
      let to = q;
      if (to - (e + 1) > 4 && buf[to - 4] === 46 && equalsLower(buf, to - 3, to, "git")) to -= 4;
      if (to > e + 1) path(e + 1, to);
      return;
    }
    const key = ascii(buf, s, e).toLowerCase();
    record(C_EMAIL, key, key, s, e - s);
  }

  /** IPv4 dotted quads that touch no other digit or dot (`from 203.0.113.5.` counts). */
  function ips(a: number, b: number) {
    for (let i = a; i < b; i++) {
      if (!isDigit(buf[i]!) || (i > a && (isDigit(buf[i - 1]!) || buf[i - 1] === 46))) continue;
      const end = ipv4At(buf, i, b);
      if (end < 0) continue;
      if (end < b && (isDigit(buf[end]!) || (buf[end] === 46 && end + 1 < b && isDigit(buf[end + 1]!)))) {
        i = end;
        continue;
      }
      ip(i, end);
      i = end;
    }
  }

  /**
   * An address. Kept as approved personal data only on a JSON line whose user is one of the
   * account's (contract section 2): with disclosure on, the verdict waits for the end of the line.
   */
  function ip(at: number, end: number) {
    if (!disclose) {
      const key = ascii(buf, at, end).toLowerCase();
      record(C_IP, key, key, at, end - at);
    } else if (lineIps.length < 2 * MAX_IPS_PER_LINE) lineIps.push(at, end);
  }

  /** The addresses of the line just scanned, judged now that its user is known. */
  function flushIps() {
    const verdict = lineIsJson && lineOwnedUser ? PERSONAL : DISCLOSED_BUT_NOT_OWNED;
    for (let k = 0; k < lineIps.length; k += 2) {
      const key = ascii(buf, lineIps[k]!, lineIps[k + 1]!).toLowerCase();
      record(C_IP, key, key, lineIps[k]!, lineIps[k + 1]! - lineIps[k]!, verdict);
    }
    lineIps.length = 0;
  }

  function ipv6s(a: number, b: number) {
    let i = a;
    while (i < b) {
      while (i < b && !(isHex(buf[i]!) || buf[i] === 58)) i++;
      const s = i;
      while (i < b && (isHex(buf[i]!) || buf[i] === 58)) i++;
      // Bounded by something other than a letter, digit or `_` on both sides.
      const before = s > a ? buf[s - 1]! : 32;
      const after = i < b ? buf[i]! : 32;
      if (i - s >= 6 && !isAlnum(before) && before !== 95 && !isAlnum(after) && after !== 95 && isIpv6(buf, s, i)) {
        ip(s, i);
      }
      if (i === s) i++;
    }
  }

  function randoms(a: number, b: number) {
    let i = a;
    while (i < b) {
      while (i < b && !isRandomChar(buf[i]!)) i++;
      const s = i;
      let digits = 0;
      while (i < b && isRandomChar(buf[i]!)) if (isDigit(buf[i++]!)) digits++;
      if (i - s >= 20 && digits >= 2 && !(i - s === 26 && isUlidAt(buf, s))) {
        const value = ascii(buf, s, i);
        if (isRandomLooking(value)) record(C_RANDOM, value, value, s, i - s);
      }
    }
  }

  /** A bare token with a `/` that is not a URL or request path: a namespace path, or `host/path`. */
  function slashed(a: number, b: number) {
    let end = b;
    while (end > a && (buf[end - 1] === 46 || buf[end - 1] === 58)) end--;
    const slash = find(buf, 47, a, end);
    if (slash <= a) return;
    // `gitlab.example.com/acme/api`: a host without a scheme.
    if (find(buf, 46, a, slash) !== -1 && isHostShaped(ascii(buf, a, slash))) {
      host(a, slash);
      return;
    }
    if (!isAlpha(buf[a]!)) return;
    // Two or more segments of [A-Za-z0-9_.-]; cut before a `-` segment; `.git` stripped.
    let segs = 1;
    let segStart = a;
    let to = end;
    for (let i = a; i < end; i++) {
      const c = buf[i]!;
      if (c === 47) {
        if (i === segStart) return; // an empty segment
        if (i + 1 < end && buf[i + 1] === 45 && (i + 2 === end || buf[i + 2] === 47)) {
          to = i;
          break;
        }
        segs++;
        segStart = i + 1;
        continue;
      }
      if (!isSegChar(c)) return;
    }
    if (to === end && segStart === end) return;
    if (segs < 2) {
      if (to !== end) name(a, to);
      return;
    }
    if (to - a > 4 && buf[to - 4] === 46 && equalsLower(buf, to - 3, to, "git")) to -= 4;
    // A numeric tail (`Mozilla/5.0`, `user/1009026`, `globex/api/5`) is a version or an id: what
    // comes before it is judged instead, when that is a path itself.
    let head = to;
    let dots = false;
    for (;;) {
      const s = findLast(buf, 47, a, head);
      if (s === -1) break;
      let numeric = s + 1 < head;
      for (let i = s + 1; i < head && numeric; i++) {
        const c = buf[i]!;
        if (c === 46) dots = true;
        else if (!isDigit(c)) numeric = false;
      }
      if (!numeric) break;
      head = s;
    }
    if (head === to) {
      // A media type is not an identifier, nor is anything after its `/`.
      if (MEDIA_TYPES.has(ascii(buf, a, slash).toLowerCase())) {
        const value = ascii(buf, a, to);
        record(C_PATH, value.toLowerCase(), value, a, to - a, MEDIA);
        return;
      }
      path(a, to);
    } else if (find(buf, 47, a, head) !== -1) {
      path(a, head); // `globex/api/5`: the path before the number
    } else if (dots) {
      const value = ascii(buf, a, to);
      record(C_PATH, value.toLowerCase(), value, a, to - a, VERSION); // `Mozilla/5.0`, as it is
    } else {
      const prefix = ascii(buf, a, head + 1); // `user/1009026`: one item for every number
      record(C_PATH, `${prefix.toLowerCase()}<number>`, `${prefix}<number>`, a, head + 1 - a, NUMBER);
    }
  }

  /** A bare dotted token: a host name (with a known TLD or several labels), maybe with a port. */
  function dotted(a: number, b: number) {
    let end = b;
    while (end > a && (buf[end - 1] === 46 || buf[end - 1] === 58)) end--;
    const colon = find(buf, 58, a, end);
    if (colon !== -1) {
      for (let i = colon + 1; i < end; i++) if (!isDigit(buf[i]!)) return;
      end = colon;
    }
    if (end - a < 4 || !isAlnum(buf[a]!)) return;
    // The last label must be letters: numbers, versions and `0.5ms` stop here, unsliced.
    for (let i = end - 1; i > a; i--) {
      const c = buf[i]!;
      if (c === 46) break;
      if (!isAlpha(c)) return;
    }
    if (isHostShaped(ascii(buf, a, end))) host(a, end);
  }

  /** Whether the `@` at q is in the authority of a URL of the chunk (`://` before it, no `/` between). */
  function isUserInfo(a: number, q: number): boolean {
    for (let i = q - 1; i >= a; i--) {
      if (buf[i] === 47) return i >= a + 2 && buf[i - 1] === 47 && buf[i - 2] === 58;
    }
    return false;
  }

  /** Whether the request path at `a` follows an HTTP method and a space (a quote between allowed). */
  function afterHttpMethod(a: number): boolean {
    let i = a - 1;
    if (i >= lineStart && buf[i] === 34) i--;
    if (i < lineStart || buf[i] !== 32) return false;
    const end = i;
    while (i > lineStart && end - i < 8 && buf[i - 1]! >= 65 && buf[i - 1]! <= 90) i--;
    return end - i >= 3 && end - i <= 7 && HTTP_METHODS.has(ascii(buf, i, end));
  }

  // --- one chunk -----------------------------------------------------------------------------

  function chunk(a: number, b: number, flags: number) {
    const len = b - a;
    const next = b < buf.length ? buf[b]! : 10;
    const prev = a > lineStart ? buf[a - 1]! : 10;
    // The value of an identity key or a request-path key, when it is this whole chunk.
    if (pendingKind !== 0) {
      const kind = pendingKind;
      if (pendingAt === a) {
        pendingKind = 0;
        if (!pendingJson || next === 34) {
          if (kind === KEY_REQUEST_PATH) {
            if (buf[a] === 47) requestPath(a, b, PRODUCT);
          } else identity(kind, a, b);
          return;
        }
      } else if (pendingAt < a) pendingKind = 0;
    }
    // A JSON key, or the key of `key=value` in text: not residue, but it says what follows.
    if (next === 34 && prev === 34 && b + 1 < buf.length && buf[b + 1] === 58) {
      if (isKeyOfInterest(len, buf[a]!, buf[b - 1]!)) {
        const kind = keyKind(buf, a, b);
        if (kind) {
          let v = b + 2;
          while (v < buf.length && buf[v] === 32) v++;
          if (v < buf.length && buf[v] === 34) {
            pendingKind = kind;
            pendingAt = v + 1;
            pendingJson = true;
          }
        }
      }
      return;
    }
    if (next === 61 && isKeyOfInterest(len, buf[a]!, buf[b - 1]!)) {
      const kind = keyKind(buf, a, b);
      if (kind) {
        pendingKind = kind;
        pendingAt = b + 1;
        pendingJson = false;
        return;
      }
    }
    // An ISO 8601 time (2026-11-01T00:00:05.662Z): the commonest long chunk, never residue.
    if (len >= 19 && buf[a + 4] === 45 && buf[a + 7] === 45 && buf[a + 10] === 84 && buf[a + 13] === 58 && isDigit(buf[a]!)) return;
    // A replacement marker: [REDACTED:secret], [user-1], [project-2], [email-3].
    if (prev === 91 && next === 93) {
      const c = buf[a]!;
      if ((c === 82 && equalsLower(buf, a, Math.min(b, a + 9), "redacted:")) || ((c === 117 || c === 112 || c === 101) && /^(?:user|project|email)-\d+$/.test(ascii(buf, a, b)))) return;
    }
    if (len >= 20 && (flags & (F_DIGIT | F_LETTER)) === (F_DIGIT | F_LETTER) && !(len === 26 && isUlidAt(buf, a))) randoms(a, b);
    if ((flags & F_INTERESTING) === 0) return;
    if ((flags & (F_DOT | F_DIGIT)) === (F_DOT | F_DIGIT) && len >= 7) {
      const d1 = find(buf, 46, a, b);
      const d2 = find(buf, 46, d1 + 1, b);
      if (d2 !== -1 && find(buf, 46, d2 + 1, b) !== -1) ips(a, b);
    }
    if ((flags & F_COLON) !== 0 && len >= 6 && mayHoldIpv6(buf, a, b)) ipv6s(a, b);
    // URLs (one chunk may hold several, e.g. a redirect parameter).
    let urls = false;
    if ((flags & (F_COLON | F_SLASH)) === (F_COLON | F_SLASH)) {
      for (let p = findScheme(buf, a, b); p !== -1; p = findScheme(buf, p + 3, b)) {
        if (p === a || !isAlpha(buf[p - 1]!)) continue;
        url(b, p);
        urls = true;
      }
    }
    if ((flags & F_AT) !== 0) {
      for (let q = find(buf, 64, a, b); q !== -1; q = find(buf, 64, q + 1, b)) {
        // `/packages/npm/@scope%2fname` is a path, not a mention
        if (q > a && buf[q - 1] === 47) continue;
        // A URL's user information is neither an email nor a mention.
        if (urls && isUserInfo(a, q)) continue;
        atSign(a, b, q);
      }
    }
    if (urls || (flags & F_AT) !== 0) return;
    if (buf[a] === 47) {
      // A request path: a chunk starts after a delimiter, so its `/` is not preceded by a letter,
      // digit, `_`, `.`, `-`, `/`, `%` or `:`. Right after a replacement marker it continues the marker.
      if (prev !== 93) requestPath(a, b, afterHttpMethod(a) ? PRODUCT : REQUEST);
      return;
    }
    if ((flags & F_SLASH) !== 0) {
      slashed(a, b);
      return;
    }
    if ((flags & (F_DOT | F_LETTER)) === (F_DOT | F_LETTER)) dotted(a, b);
  }

  /** Scans whole lines (each ending in `\n`) of `bytes`. */
  function scan(bytes: Buffer) {
    buf = bytes;
    lineStart = 0;
    pendingKind = 0;
    if (disclose) startLine(0);
    const table = BYTE;
    const len = bytes.length;
    let i = 0;
    while (i < len) {
      // Delimiters; a newline ends a line.
      let c = bytes[i]!;
      let t = table[c]!;
      while (t === 0) {
        if (c === 10) newLine(i);
        if (++i >= len) break;
        c = bytes[i]!;
        t = table[c]!;
      }
      if (i >= len) break;
      // The `:` between a JSON key and its value starts no chunk.
      if (c === 58 && i > 0 && bytes[i - 1] === 34) {
        i++;
        continue;
      }
      const start = i;
      let flags = 0;
      // `bytes` ends in a newline, a delimiter: no bound check needed inside a chunk.
      do {
        flags |= t;
        t = table[bytes[++i]!]!;
      } while (t !== 0);
      // Most chunks are words, numbers, keys that name nothing and replacement markers: only
      // the others are looked at.
      const end = i < len ? bytes[i]! : 10;
      if (end === 61 || (end === 34 && i + 1 < len && bytes[i + 1] === 58 && start > 0 && bytes[start - 1] === 34)) {
        // A JSON key or the key of `key=value`: only the keys that say what follows matter.
        if (isKeyOfInterest(i - start, bytes[start]!, bytes[i - 1]!) || (end === 61 && (flags & F_INTERESTING) !== 0)) chunk(start, i, flags);
      } else if (pendingKind !== 0 && pendingAt === start) {
        chunk(start, i, flags);
      } else if ((flags & F_INTERESTING) !== 0 || (i - start >= 20 && (flags & F_LETTER) !== 0)) {
        if (!isPlain(bytes, start, i, flags, end)) chunk(start, i, flags);
      }
    }
    buf = EMPTY;
  }

  function newLine(at: number) {
    if (lineIps.length) flushIps();
    lines++;
    lineNo++;
    lineStart = at + 1;
    pendingKind = 0;
    if (disclose) startLine(at + 1);
  }

  function startLine(at: number) {
    while (at < buf.length && (buf[at] === 32 || buf[at] === 9)) at++;
    lineIsJson = buf[at] === 123;
    lineOwnedUser = false;
  }

  return {
    add(text, n) {
      if (n !== undefined) lineNo = n;
      scan(Buffer.from(`${text}\n`, "utf8"));
    },
    addLines(bytes) {
      if (bytes.length === 0) return;
      const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // Whole lines only: a last line without its newline still counts as one.
      if (b[b.length - 1] !== 10) {
        scan(Buffer.concat([b, NEWLINE]));
        return;
      }
      scan(b);
    },
    result() {
      const categories: ResidueCategoryInventory[] = RESIDUE_CATEGORIES.map((category, i) => {
        const b = buckets[i]!;
        const items: ResidueItem[] = [...b.entries.values()]
          .sort((x, y) => Number(y.reason === "unknown") - Number(x.reason === "unknown") || y.count - x.count || naturalCompare(x.value, y.value))
          .map((e) => ({ value: e.value, search: e.search, count: e.count, reason: e.reason, ...(e.note ? { note: e.note } : {}), sample: { ...e.sample } }));
        return {
          category,
          distinct: items.length + b.unknown.distinct + b.explained.distinct,
          unknown: b.trackedUnknown + b.unknown.distinct,
          occurrences: b.occurrences,
          items,
          untracked: { unknown: untrackedOf(b.unknown), explained: untrackedOf(b.explained) },
        };
      });
      return {
        format: RESIDUE_FORMAT,
        lines,
        limits: { unknownPerCategory: unknownCap, explainedPerCategory: explainedCap, sampleChars: SAMPLE_CHARS },
        categories,
      };
    },
  };
}

/**
 * `cache-2` before `cache-10`: runs of digits compare as numbers, the rest by UTF-16 code unit.
 * Written out rather than Intl.Collator so the order (and so the hash) is the same on every machine.
 */
export function naturalCompare(x: string, y: string): number {
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const a = x.charCodeAt(i);
    const b = y.charCodeAt(j);
    if (isDigit(a) && isDigit(b)) {
      let ie = i;
      let je = j;
      while (ie < x.length && isDigit(x.charCodeAt(ie))) ie++;
      while (je < y.length && isDigit(y.charCodeAt(je))) je++;
      // Without leading zeros, a longer run is a larger number; equal lengths compare digit by digit.
      let is = i;
      let js = j;
      while (is < ie - 1 && x.charCodeAt(is) === 48) is++;
      while (js < je - 1 && y.charCodeAt(js) === 48) js++;
      if (ie - is !== je - js) return ie - is - (je - js);
      for (let k = 0; k < ie - is; k++) {
        const d = x.charCodeAt(is + k) - y.charCodeAt(js + k);
        if (d) return d;
      }
      if (ie - i !== je - j) return ie - i - (je - j);
      i = ie;
      j = je;
      continue;
    }
    if (a !== b) return a - b;
    i++;
    j++;
  }
  return x.length - i - (y.length - j);
}

const EMPTY = Buffer.alloc(0);
const NEWLINE = Buffer.from("\n");
const untrackedOf = (x: Untracked): ResidueUntracked => ({ distinct: x.distinct, occurrences: x.occurrences, capped: x.capped });
