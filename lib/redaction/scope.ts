// Kept whole (over 300 lines): the ownership and key-name tables the tuned scanners consult on every
// token, compiled once per scope; one module so the hot path stays one lookup away.
// Ownership and key-name rules of the redaction contract (contracts.md, sections 1 and 2).
import type { RedactionScope } from "./types";

/**
 * How the whole string value of a key is judged: a secret, a system detail, a user name, a
 * group/project path, `either` (entity_path, target_details: a path, a single name or text) or
 * `request` (path, uri, ...: a request path there is a product path when product hosts are set).
 */
export type KeyRule = "secret" | "system" | "user" | "path" | "either" | "request" | null;

const SECRET_NAMES = new Set([
  "password",
  "passwd",
  "secret",
  "token",
  "private_token",
  "access_token",
  "api_key",
  "apikey",
  "authorization",
  "cookie",
  "set_cookie",
]);

const SYSTEM_NAMES = new Set(["backtrace", "stack", "stacktrace"]);

const USER_KEYS = new Set(["user", "username", "user_name", "author_name", "meta.user"]);

const PATH_KEYS = new Set([
  "project",
  "project_path",
  "meta.project",
  "namespace",
  "root_namespace",
  "meta.root_namespace",
]);

/** A path, a single name or text, by the value's shape. */
const EITHER_KEYS = new Set(["entity_path", "target_details"]);

/** Keys whose request path value is a product path (when product hosts are set). */
const REQUEST_KEYS = new Set(["path", "uri", "request_uri", "request_path", "fullpath"]);

/** Query parameters holding a signature or credential (besides the secret names). */
const QUERY_SECRET_NAMES = new Set([
  "sig",
  "signature",
  "x_amz_signature",
  "x_amz_credential",
  "x_amz_security_token",
  "x_goog_signature",
  "x_goog_credential",
]);

/** A key name as compared: lower case with `-` taken as `_` (`PRIVATE-TOKEN`, `User-Name`). */
export function keyName(lower: string): string {
  return lower.indexOf("-") === -1 ? lower : lower.replace(/-/g, "_");
}

/** Top-level keys naming the acting user of a JSON line, in the order they are consulted. */
export const ACTING_USER_KEYS: readonly string[] = [
  "user",
  "username",
  "user_name",
  "meta.user",
  "author_name",
];
export const ACTING_USER_KEY_SET: ReadonlySet<string> = new Set(ACTING_USER_KEYS);

function isSecretName(name: string): boolean {
  // `-` and `_` are interchangeable in key names (Set-Cookie, PRIVATE-TOKEN).
  const n = keyName(name);
  return (
    SECRET_NAMES.has(n) ||
    n.endsWith("_password") ||
    n.endsWith("_secret") ||
    n.endsWith("_token")
  );
}

/**
 * Whether a key (already lower-cased) names a secret. A flattened dotted key is also judged by
 * its last segment (`params.password`), which can only add redactions.
 */
export function isSecretKey(key: string): boolean {
  if (isSecretName(key)) return true;
  const dot = key.lastIndexOf(".");
  return dot >= 0 && isSecretName(key.slice(dot + 1));
}

export function isSystemKey(key: string): boolean {
  const k = keyName(key);
  return SYSTEM_NAMES.has(k) || k.endsWith(".backtrace");
}

/** The rule for the whole string value of a key; `key` is lower-cased. */
export function keyRule(key: string | null): KeyRule {
  if (key === null) return null;
  const k = keyName(key);
  if (isSecretKey(k)) return "secret";
  if (isSystemKey(k)) return "system";
  if (USER_KEYS.has(k)) return "user";
  if (PATH_KEYS.has(k)) return "path";
  if (EITHER_KEYS.has(k)) return "either";
  if (REQUEST_KEYS.has(k)) return "request";
  return null;
}

/** The identity rule of a `key=value` key in text, or null; `key` is lower-cased. */
export function identityKeyRule(key: string): "user" | "path" | "either" | null {
  const k = keyName(key);
  if (USER_KEYS.has(k)) return "user";
  if (PATH_KEYS.has(k)) return "path";
  if (EITHER_KEYS.has(k)) return "either";
  return null;
}

/** Whether a lower-cased key names a request path (path, uri, request_uri, request_path, fullpath). */
export function isRequestKey(key: string): boolean {
  return REQUEST_KEYS.has(keyName(key));
}

/**
 * What a `key=value` / `key: value` key in text is: 1 a secret name, 2 an identity key of user
 * names, 3 of paths, 0 none. `rawKey` is as written (any case). Remembered per key text, boundedly.
 */
export const TEXT_KEY_NONE = 0;
export const TEXT_KEY_SECRET = 1;
export const TEXT_KEY_USER = 2;
export const TEXT_KEY_PATH = 3;
/** entity_path, target_details: a path, a single name or text. */
export const TEXT_KEY_EITHER = 4;
/** sig, signature, X-Amz-Signature, ...: a secret as a query parameter (after `?` or `&`). */
export const TEXT_KEY_QUERY_SECRET = 5;
const textKeys = new Map<string, number>();
export function textKeyKind(rawKey: string): number {
  let kind = textKeys.get(rawKey);
  if (kind === undefined) {
    const key = keyName(rawKey.toLowerCase());
    const identity = identityKeyRule(key);
    kind = isSecretKey(key)
      ? TEXT_KEY_SECRET
      : identity === "user"
        ? TEXT_KEY_USER
        : identity === "path"
          ? TEXT_KEY_PATH
          : identity === "either"
            ? TEXT_KEY_EITHER
            : QUERY_SECRET_NAMES.has(key)
              ? TEXT_KEY_QUERY_SECRET
              : TEXT_KEY_NONE;
    if (textKeys.size >= 4096) textKeys.clear();
    textKeys.set(detached(rawKey), kind);
  }
  return kind;
}

/**
 * ASCII codes that can end a key of interest (secret names, their `_password`/`_secret`/`_token`
 * endings, identity keys), either case: a key ending in anything else names nothing.
 */
export const KEY_LAST_CHAR = new Uint8Array(128);
/**
 * The last two characters of a key of interest, folded (ASCII lower case, `-` as `_`): entry
 * KEY_LAST_TWO[KEY_FOLD[a] * 128 + KEY_FOLD[b]] is 1 for a key ending in `ab`.
 */
export const KEY_LAST_TWO = new Uint8Array(128 * 128);
/** ASCII folding for key names: upper to lower case, `-` to `_`. */
export const KEY_FOLD = new Uint8Array(128);
for (let c = 0; c < 128; c++) KEY_FOLD[c] = c >= 65 && c <= 90 ? c + 32 : c === 45 ? 95 : c;
for (const name of [...SECRET_NAMES, "_password", "_secret", "_token", ...USER_KEYS, ...PATH_KEYS, ...EITHER_KEYS, ...QUERY_SECRET_NAMES]) {
  const c = name.charCodeAt(name.length - 1);
  KEY_LAST_CHAR[c] = 1;
  if (c >= 97 && c <= 122) KEY_LAST_CHAR[c - 32] = 1;
  KEY_LAST_TWO[name.charCodeAt(name.length - 2) * 128 + c] = 1;
}

/**
 * A copy of `s` that keeps no other string alive. V8 represents a slice of 13 or more characters
 * as a view of its parent, and the artefact line decoder slices lines out of one string per
 * chunk read: a slice kept in a table would keep that whole chunk in memory. Exact for every
 * UTF-16 code unit (lone surrogates included). For what is remembered across lines only.
 */
export function detached(s: string): string {
  // `s + " "` is a cons string; slicing it flattens it into a fresh flat string first, so the
  // result refers to that copy (one character longer) and not to `s`'s parent. Exact for every
  // UTF-16 code unit, and ~8x cheaper than a JSON round trip (measured: 300 slices of 1 MB
  // chunks kept this way hold 4.8 MB of heap, kept as they are 548 MB).
  return s.length < 13 ? s : (s + " ").slice(0, -1);
}

export interface CompiledScope {
  disclose: boolean;
  /**
   * Set by the scope check's finder only (finder.ts), never by the redaction: whether a prose
   * namespace path s[a, e) (first slash at `slash`) is no resource for the purpose of dropping
   * lines. Undefined: every prose path counts.
   */
  proseVeto?: (s: string, a: number, slash: number, e: number) => boolean;
  /**
   * Set by the scope check's finder only (finder.ts), never by the redaction: whether a single
   * name in entity_path / target_details (trimmed, any case) names a namespace, and so counts as
   * a resource, rather than a user. Undefined: such a name is a user's.
   */
  isResourceName?: (name: string) => boolean;
  /** Cheap pre-check: whether `s` could hold a host name under one of the internal suffixes. */
  mayHoldInternalHost(s: string): boolean;
  /** Whether any internal suffix is configured. */
  hasInternalHosts: boolean;
  /** Whether every internal host name holds a `.` (true when every suffix does). */
  internalHostsNeedDot: boolean;
  /** Whether every internal host name holds an ASCII letter (true when every suffix does). */
  internalHostsNeedLetter: boolean;
  /**
   * Whether no internal host name can be written with the characters of a timestamp (digits,
   * `T`, `Z`, `.`, `:`, `,`, `+`, `-`): true when every suffix holds another character.
   */
  timestampsHoldNoHost: boolean;
  /**
   * isInternalHost(s.slice(a, b)) for a run of ASCII host characters [A-Za-z0-9._-], without
   * slicing or lower-casing.
   */
  isInternalHostAt(s: string, a: number, b: number): boolean;
  /** Whether a lower-cased single name is an owned user, group or project. */
  isOwnedName(lowerName: string): boolean;
  /** Whether a single name (any case) is an owned user or an owned group. */
  isOwnedUserOrGroup(name: string): boolean;
  isOwnedUser(name: string): boolean;
  isOwnedPath(path: string): boolean;
  /**
   * In a product path: owned also when it continues an owned project's path (`acme/api/issues/5`
   * when `acme/api` is owned).
   */
  isOwnedProductPath(path: string): boolean;
  /** Whether any product host is configured. */
  hasProductHosts: boolean;
  /** Whether s[a, b) is one of the product hosts, ignoring ASCII case. */
  isProductHostAt(s: string, a: number, b: number): boolean;
  /**
   * Where the product host that ends right before `end` starts (the run of host characters
   * [A-Za-z0-9._-] ending there is exactly a product host, ignoring ASCII case), or -1.
   */
  productHostBefore(s: string, end: number): number;
  /** ASCII codes (either case) that end a product host: a cheap test before productHostBefore. */
  productHostLastChar: Uint8Array;
  isOwnedEmail(email: string): boolean;
  isInternalHost(host: string): boolean;
}

/**
 * The comparable form of a path: trimmed, lower-cased, or null when malformed (empty segments,
 * "." or ".."), so `acme/../globex` never passes as being under `acme`.
 */
export function normalizePath(path: string): string | null {
  const lower = path.trim().toLowerCase();
  if (lower.length === 0) return null;
  let segmentStart = 0;
  for (let i = 0; i <= lower.length; i++) {
    if (i < lower.length && lower.charCodeAt(i) !== 47) continue;
    const length = i - segmentStart;
    if (length === 0) return null;
    // "." and ".." are no segments of a namespace.
    if (lower.charCodeAt(segmentStart) === 46 && (length === 1 || (length === 2 && lower.charCodeAt(segmentStart + 1) === 46))) {
      return null;
    }
    segmentStart = i + 1;
  }
  return lower;
}

/** `path` without leading and trailing slashes (a loop, not a regex: paths can be 1 MB). */
function stripSlashes(path: string): string {
  let a = 0;
  let b = path.length;
  while (a < b && path.charCodeAt(a) === 47) a++;
  while (b > a && path.charCodeAt(b - 1) === 47) b--;
  return a === 0 && b === path.length ? path : path.slice(a, b);
}

function configuredPath(path: unknown): string | null {
  if (typeof path !== "string") return null;
  return normalizePath(stripSlashes(path.trim()));
}

function configuredName(name: unknown): string | null {
  if (typeof name !== "string") return null;
  const n = name.trim().replace(/^@/, "").toLowerCase();
  return n.length > 0 ? n : null;
}

export function compileScope(scope: RedactionScope): CompiledScope {
  const owned = scope?.owned ?? { groups: [], projects: [], users: [], emails: [] };
  const groups = new Set<string>();
  const paths = new Set<string>();
  let longestGroup = 0;
  for (const g of owned.groups ?? []) {
    const p = configuredPath(g);
    if (p === null) continue;
    groups.add(p);
    paths.add(p);
    longestGroup = Math.max(longestGroup, p.length);
  }
  for (const pr of owned.projects ?? []) {
    const p = configuredPath(pr);
    if (p !== null) paths.add(p);
  }
  const users = new Set<string>();
  for (const u of owned.users ?? []) {
    const n = configuredName(u);
    if (n !== null) users.add(n);
  }
  let longestPath = 0;
  for (const p of paths) longestPath = Math.max(longestPath, p.length);
  const emails = new Set<string>();
  for (const e of owned.emails ?? []) {
    if (typeof e === "string" && e.trim().length > 0) emails.add(e.trim().toLowerCase());
  }
  // ".internal" matches any host under it; "corp.example" matches itself and hosts under it.
  const suffixes: string[] = [];
  for (const h of scope?.internalHosts ?? []) {
    if (typeof h !== "string") continue;
    const s = h.trim().toLowerCase();
    if (s.length === 0 || s === ".") continue;
    suffixes.push(s);
  }

  const bare = suffixes.map((x) => (x.charCodeAt(0) === 46 ? x.slice(1) : x));
  // Product hosts: exact host names (no port, no scheme), compared case-insensitively.
  const productHosts: string[] = [];
  for (const h of scope?.productHosts ?? []) {
    if (typeof h !== "string") continue;
    const x = h.trim().toLowerCase();
    if (x.length > 0 && !productHosts.includes(x)) productHosts.push(x);
  }

  // One case-insensitive literal alternation (no quantifiers: linear). Host names are ASCII, so
  // ASCII case folding is all a host under a suffix can need; `u` is left out on purpose.
  const bareRe = bare.length === 0 ? null : new RegExp(bare.map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "i");

  /** Whether s[at, at + suffix.length) equals `suffix` (lower case) ignoring ASCII case. */
  const endsAt = (s: string, at: number, suffix: string): boolean => {
    for (let k = 0; k < suffix.length; k++) {
      let c = s.charCodeAt(at + k);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== suffix.charCodeAt(k)) return false;
    }
    return true;
  };

  function isOwnedPathOf(path: string): boolean {
    // Most paths in logs are written as configured (lower case, no blanks or slashes around):
    // an exact match needs no normalising.
    if (paths.has(path)) return true;
    // Surrounding slashes are formatting (`/acme/app/`), not part of the path.
    const p = normalizePath(stripSlashes(path.trim()));
    if (p === null) return false;
    if (paths.has(p)) return true;
    // Under an owned group: only prefixes as long as the longest group can match.
    const limit = Math.min(p.length, longestGroup);
    for (let i = p.indexOf("/"); i !== -1 && i <= limit; i = p.indexOf("/", i + 1)) {
      if (groups.has(p.slice(0, i))) return true;
    }
    return false;
  }

  function isOwnedProductPathOf(path: string): boolean {
    if (isOwnedPathOf(path)) return true;
    const p = normalizePath(stripSlashes(path.trim()));
    if (p === null) return false;
    // Continuing an owned path: only prefixes as long as the longest owned path can match.
    const limit = Math.min(p.length, longestPath);
    for (let i = p.indexOf("/"); i !== -1 && i <= limit; i = p.indexOf("/", i + 1)) {
      if (paths.has(p.slice(0, i))) return true;
    }
    return false;
  }

  return {
    disclose: scope?.disclosePersonalData === true,
    hasProductHosts: productHosts.length > 0,
    productHostLastChar: (() => {
      const table = new Uint8Array(128);
      for (const h of productHosts) {
        const c = h.charCodeAt(h.length - 1);
        if (c < 128) {
          table[c] = 1;
          if (c >= 97 && c <= 122) table[c - 32] = 1;
        }
      }
      return table;
    })(),
    productHostBefore(s, end) {
      for (const h of productHosts) {
        const start = end - h.length;
        if (start < 0 || !endsAt(s, start, h)) continue;
        if (start > 0) {
          const c = s.charCodeAt(start - 1);
          // Part of a longer host name.
          if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 95) continue;
        }
        return start;
      }
      return -1;
    },
    isProductHostAt(s, a, b) {
      for (const h of productHosts) {
        if (h.length === b - a && endsAt(s, a, h)) return true;
      }
      return false;
    },
    isOwnedProductPath: isOwnedProductPathOf,
    isOwnedUserOrGroup(name) {
      if (users.has(name) || groups.has(name)) return true;
      const n = name.trim().toLowerCase();
      return n.length > 0 && (users.has(n) || groups.has(n));
    },
    mayHoldInternalHost(s) {
      if (bareRe === null) return false;
      return bareRe.test(s);
    },
    hasInternalHosts: suffixes.length > 0,
    internalHostsNeedDot: suffixes.every((x) => x.includes(".")),
    internalHostsNeedLetter: suffixes.every((x) => /[a-z]/.test(x)),
    timestampsHoldNoHost: suffixes.every((x) => /[^0-9tz.:,+-]/.test(x)),
    isInternalHostAt(s, a, b) {
      const len = b - a;
      for (const x of suffixes) {
        const xl = x.length;
        if (len < xl) continue;
        if (x.charCodeAt(0) === 46 /* . */) {
          if (len > xl && endsAt(s, b - xl, x)) return true;
        } else if (endsAt(s, b - xl, x) && (len === xl || s.charCodeAt(b - xl - 1) === 46)) {
          return true;
        }
      }
      return false;
    },
    isOwnedName(lowerName) {
      return users.has(lowerName) || paths.has(lowerName);
    },
    isOwnedUser(name) {
      if (users.has(name)) return true;
      const n = name.trim().toLowerCase();
      return n.length > 0 && users.has(n);
    },
    isOwnedPath: isOwnedPathOf,
    isOwnedEmail(email) {
      return emails.has(email.trim().toLowerCase());
    },
    isInternalHost(host) {
      const h = host.toLowerCase();
      for (const s of suffixes) {
        if (s.charCodeAt(0) === 46 /* . */) {
          if (h.length > s.length && h.endsWith(s)) return true;
        } else if (h === s || (h.length > s.length && h.endsWith(s) && h.charCodeAt(h.length - s.length - 1) === 46)) {
          return true;
        }
      }
      return false;
    },
  };
}
