// Kept whole (over 300 lines): the tuned URL, request-path and remote scanner, one linear pass per
// URL whose cases share their position state.
// URLs, request paths and scp-style remotes (contracts.md, section 2): the namespace positions
// inside them (the API id, the segments before `/-/` or up to `.git`, whole product paths,
// `users/<name>`, the path of a remote on a product host) and the secrets a URL can carry (the
// user information's password, chat webhook path segments, `/webhooks/<digits>/<secret>`).
//
// Also the namespace paths of prose (`globex/api`), which are no part of a URL or file path.
//
// One pass over the `/` characters of a string: each URL, request path or run of path characters
// is read once, segment by segment, and the search resumes after it, so the work is linear in the
// string. Look-backs (the key or HTTP method before a request path) are bounded to a few
// characters.
import type { CompiledScope } from "./scope";
import type { Found } from "./found";

// ---------------------------------------------------------------------------------------------
// Character classes (ASCII)

/** [A-Za-z0-9_.-]: a namespace segment. */
const SEG = 1;
/** Where a path ends: `?`, `#`, quotes, `<>()[]{},;|\`, and ASCII blanks and controls. */
const END = 2;
/** A `/` after one of [A-Za-z0-9_.\-/%:] starts no request path. */
const NO_REQUEST = 4;
/** [A-Za-z0-9+.-]: a URL scheme. */
const SCHEME = 8;
/** What a URL's user information is made of here: [A-Za-z0-9-._~%!$&*+=:]. */
const USERINFO = 16;
/** [A-Za-z0-9._-]: host names, user names of remotes, key names. */
const HOSTC = 32;
/** [A-Z]: HTTP methods. */
const UPPER = 64;
/** [A-Za-z0-9_] */
const WORD = 128;
/** [A-Za-z0-9._/-]: runs that hold prose namespace paths. */
const PATH = 256;
/** [A-Za-z] */
const LETTER = 512;
/** [0-9.] */
const DIGIT_DOT = 1024;

const T = new Uint16Array(128);
function mark(chars: string, flag: number): void {
  for (let i = 0; i < chars.length; i++) T[chars.charCodeAt(i)] |= flag;
}
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPERS = LOWER.toUpperCase();
const DIGITS = "0123456789";
const ALNUM = LOWER + UPPERS + DIGITS;
mark(ALNUM + "_.-", SEG);
mark("?#\"'`<>()[]{},;|\\", END);
for (let c = 0; c <= 32; c++) T[c] |= END;
T[127] |= END;
mark(ALNUM + "_.-/%:", NO_REQUEST);
mark(ALNUM + "+.-", SCHEME);
mark(ALNUM + "-._~%!$&*+=:", USERINFO);
mark(ALNUM + "._-", HOSTC);
mark(UPPERS, UPPER);
mark(ALNUM + "_", WORD);
mark(ALNUM + "._/-", PATH);
mark(LOWER + UPPERS, LETTER);
mark(DIGITS + ".", DIGIT_DOT);

const UNICODE_WORD = /[\p{L}\p{N}\p{M}]/u;

/** Whitespace beyond ASCII, as far as path ends go. */
function isUnicodeSpace(c: number): boolean {
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function endsPath(c: number): boolean {
  return c < 128 ? (T[c] & END) !== 0 : isUnicodeSpace(c);
}

/** Whether a `/` at `d` can start a request path: not after a letter, digit, `_.-/%:`. */
function startsRequestPath(s: string, d: number): boolean {
  if (d === 0) return true;
  const c = s.charCodeAt(d - 1);
  if (c < 128) return (T[c] & NO_REQUEST) === 0;
  if (c >= 0xdc00 && c <= 0xdfff && d > 1) return !UNICODE_WORD.test(s.slice(d - 2, d));
  return !UNICODE_WORD.test(s[d - 1]);
}

/** Where the path starting at the `/` at `a` ends (its `.` and `:` at the very end included). */
function pathEnd(s: string, a: number): number {
  const n = s.length;
  let e = a + 1;
  while (e < n) {
    const c = s.charCodeAt(e);
    if (c < 128 ? (T[c] & END) !== 0 : isUnicodeSpace(c)) break;
    e++;
  }
  return e;
}

/** The next position at or after `d` of `pattern` in `s`, given the last one found (`cur`; -2: none looked for yet). */
function nextAt(s: string, pattern: string, cur: number, d: number): number {
  return cur === -1 || cur >= d ? cur : s.indexOf(pattern, d);
}

/** `e` without the `.` and `:` characters at the very end of the path [a, e). */
function trimPathEnd(s: string, a: number, e: number): number {
  while (e > a + 1) {
    const c = s.charCodeAt(e - 1);
    if (c !== 46 && c !== 58) break;
    e--;
  }
  return e;
}

/** Whether s[a, b) equals `word` (lower case ASCII) ignoring ASCII case. */
function segIs(s: string, a: number, b: number, word: string): boolean {
  if (b - a !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = s.charCodeAt(a + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** Words by length, for in-place membership tests without slicing. */
function byLength(words: readonly string[]): string[][] {
  const table: string[][] = [];
  for (const w of words) (table[w.length] ??= []).push(w);
  return table;
}

/** Whether s[a, b) is exactly `word` (API and webhook route words are written in lower case). */
function segEq(s: string, a: number, b: number, word: string): boolean {
  if (b - a !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (s.charCodeAt(a + k) !== word.charCodeAt(k)) return false;
  return true;
}

function segIn(s: string, a: number, b: number, table: string[][]): boolean {
  const list = table[b - a];
  if (list === undefined) return false;
  for (const w of list) if (segIs(s, a, b, w)) return true;
  return false;
}

/** The product's own routes: first segments that are no namespace. */
export const PRODUCT_ROUTES: readonly string[] = [
  "api", "-", "assets", "uploads", "oauth", "users", "help", "explore", "dashboard", "admin",
  "search", "import", "jwt", "login", "profile", "projects", "snippets", "v2", "health_check",
  ".well-known", "favicon.ico", "robots.txt",
];
/** The product's own routes under `users/`: no user name. */
export const PRODUCT_USER_ROUTES: readonly string[] = [
  "sign_in", "sign_out", "sign_up", "password", "confirmation", "unlock", "auth", "edit",
  "almost_there", "identity_verification",
];
const ROUTES = byLength(PRODUCT_ROUTES);

// Go's platform names (GOOS/GOARCH), as user agents write them: `linux/amd64`.
const GOOS = byLength(["aix", "android", "darwin", "dragonfly", "freebsd", "illumos", "ios", "js", "linux", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows"]);
const GOARCH = byLength(["386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm", "x86_64", "aarch64"]);

/**
 * The scope check's veto on prose paths (finder.ts): a line is dropped for what it names, so a
 * prose path there needs to be able to be a namespace. Two forms cannot: a path whose first
 * segment is one of the product's own top-level routes (GitLab reserves them: no group can be
 * called `projects`, as in a cache key `projects/481/merge_requests`), and a platform pair of a
 * user agent (`linux/amd64`). The redaction itself still replaces both (contract section 2).
 */
export function isProseNonNamespace(s: string, a: number, slash: number, e: number): boolean {
  if (segIn(s, a, slash, ROUTES)) return true;
  const second = s.indexOf("/", slash + 1);
  const twoSegments = second === -1 || second >= e;
  return twoSegments && segIn(s, a, slash, GOOS) && segIn(s, slash + 1, e, GOARCH);
}
const USER_ROUTES = byLength(PRODUCT_USER_ROUTES);
const METHODS = byLength(["get", "head", "post", "put", "delete", "patch", "options", "connect", "trace"]);
const REQUEST_KEY_MAX = 16;

// ---------------------------------------------------------------------------------------------
// Judging a namespace

/** A URL-decoded copy of s[a, b): `%XX` escapes of ASCII characters decoded, others kept. */
export function decodeAscii(s: string, a = 0, b = s.length): string {
  let out = "";
  let pos = a;
  let i = s.indexOf("%", a);
  while (i !== -1 && i + 2 < b) {
    const h = hexValue(s.charCodeAt(i + 1));
    const l = hexValue(s.charCodeAt(i + 2));
    if (h >= 0 && l >= 0 && h <= 7) {
      out += s.slice(pos, i) + String.fromCharCode(h * 16 + l);
      pos = i + 3;
      i = s.indexOf("%", pos);
    } else {
      i = s.indexOf("%", i + 1);
    }
  }
  return pos === a ? s.slice(a, b) : out + s.slice(pos, b);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Whether `p` is one or more non-empty segments of [A-Za-z0-9_.-] joined by `/`. */
export function isSegmentPath(p: string): boolean {
  if (p.length === 0) return false;
  let segLength = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 47) {
      if (segLength === 0) return false;
      segLength = 0;
      continue;
    }
    if (c >= 128 || (T[c] & SEG) === 0) return false;
    segLength++;
  }
  return segLength > 0;
}

/** A namespace judged as a path: kept when owned, else `[project-N]`. */
function judgePath(scope: CompiledScope, out: Found, a: number, b: number, text: string, product: boolean): void {
  const owned = product ? scope.isOwnedProductPath(text) : scope.isOwnedPath(text);
  if (owned) out.keepIdentity(a, b);
  else out.project(a, b);
}

/** A single segment judged as a name: kept when an owned user or group, else `[user-N]`. */
function judgeName(scope: CompiledScope, out: Found, a: number, b: number, text: string): void {
  if (scope.isOwnedUserOrGroup(text)) out.keepIdentity(a, b);
  else out.user(a, b);
}

// ---------------------------------------------------------------------------------------------
// One path, segment by segment

/** What kind of path: a request path, a product path, or the path of a URL on another host. */
const REQUEST = 0;
const PRODUCT = 1;
const OTHER_URL = 2;

// Namespace states.
const NS_FIRST = 0;
const NS_ON = 1;
const NS_USERS = 2;
const NS_OFF = 3;
const NS_DONE = 4;

/**
 * The path starting at the `/` at `a`, up to a path end character (the `.` and `:` at its very
 * end excluded); returns where it ends before that exclusion. `hooks`: the URL's host has the
 * first label `hooks`. `secretsOnly`: only the secrets (the namespace findings would be covered
 * by a whole value).
 */
function scanPath(
  s: string,
  a: number,
  kind: number,
  hooks: boolean,
  secretsOnly: boolean,
  scope: CompiledScope,
  out: Found,
): number {
  const n = s.length;
  let ns = kind === OTHER_URL || secretsOnly ? NS_OFF : NS_FIRST;
  let nsStart = -1;
  let nsEnd = -1;
  let nsCount = 0;
  let afterGroups = false;
  // /api/v<digits>/(projects|groups|namespaces)/<id>: 1 after api, 2 after the version, 3 before the id.
  let api = 0;
  // /webhooks/<digits>/<secret>: 1 after webhooks, 2 before the secret.
  let hook = 0;
  let services = false;
  let rawEnd = n;
  for (let ss = a + 1; ; ) {
    let se = ss;
    let valid = true;
    let digits = true;
    let last = false;
    for (;;) {
      if (se >= n) {
        last = true;
        break;
      }
      const c = s.charCodeAt(se);
      if (c === 47) break;
      if (c < 128) {
        const t = T[c];
        if ((t & END) !== 0) {
          last = true;
          break;
        }
        if ((t & SEG) === 0) valid = false;
        if (c < 48 || c > 57) digits = false;
      } else {
        if (isUnicodeSpace(c)) {
          last = true;
          break;
        }
        valid = false;
        digits = false;
      }
      se++;
    }
    // The last segment: without the `.` and `:` at the very end of the path.
    let b = se;
    if (last) {
      rawEnd = se;
      const c = s.charCodeAt(se - 1);
      if (se > ss && (c === 46 || c === 58)) {
        b = trimPathEnd(s, a, se);
        se = b;
        valid = true;
        digits = true;
        for (let i = ss; i < se; i++) {
          const x = s.charCodeAt(i);
          if (x >= 128 || (T[x] & SEG) === 0) valid = false;
          if (x < 48 || x > 57) digits = false;
        }
      }
    }
    const len = se - ss;
    if (len === 0) {
      valid = false;
      digits = false;
    }

    // Secrets: chat webhook segments after /services/ on a hooks.* host, /webhooks/<digits>/<secret>.
    if (services) {
      if (len > 0) out.secret(ss, se);
    } else if (hooks && segEq(s, ss, se, "services")) {
      services = true;
    }
    if (hook === 2) {
      if (len > 0) out.secret(ss, se);
      hook = 0;
    } else if (hook === 1) {
      hook = digits ? 2 : 0;
    }
    if (hook === 0 && len === 8 && segEq(s, ss, se, "webhooks")) hook = 1;

    if (!secretsOnly) {
      // The API id, in any URL or request path.
      if (api === 3) {
        if (len > 0 && !digits) apiId(s, ss, se, scope, out);
        api = 0;
      } else if (api === 2) {
        api = segEq(s, ss, se, "projects") || segEq(s, ss, se, "groups") || segEq(s, ss, se, "namespaces") ? 3 : 0;
      } else if (api === 1) {
        api = len >= 2 && s.charCodeAt(ss) === 118 /* v */ && allDigits(s, ss + 1, se) ? 2 : 0;
      }
      if (api === 0 && len === 3 && segEq(s, ss, se, "api")) api = 1;

      // The namespace from the start of a request or product path.
      let nsSegment = false;
      if (ns === NS_FIRST) {
        if (segIs(s, ss, se, "groups")) {
          afterGroups = true;
          nsStart = se + 1;
          ns = NS_ON;
        } else if (kind === PRODUCT && segIs(s, ss, se, "users")) {
          ns = NS_USERS;
        } else if (segIn(s, ss, se, ROUTES)) {
          ns = NS_OFF;
        } else {
          nsStart = ss;
          ns = NS_ON;
          nsSegment = true;
        }
      } else if (ns === NS_USERS) {
        if (valid && !segIn(s, ss, se, USER_ROUTES)) judgeName(scope, out, ss, se, s.slice(ss, se));
        ns = NS_OFF;
      } else if (ns === NS_ON) {
        nsSegment = true;
      }
      if (nsSegment) {
        if (len === 1 && s.charCodeAt(ss) === 45 /* - */) {
          ns = NS_DONE;
        } else if (!valid) {
          // A trailing slash ends the path; an empty segment or another character calls it off.
          if (!(len === 0 && last && nsCount > 0)) ns = NS_OFF;
        } else if (len > 4 && endsWithGit(s, se)) {
          nsCount++;
          nsEnd = se - 4;
          ns = NS_DONE;
        } else {
          nsCount++;
          nsEnd = se;
        }
      }
    }
    if (last) break;
    ss = se + 1;
  }

  // A product path that runs to its end without `-` or `.git` is judged whole.
  const whole = ns === NS_ON && kind === PRODUCT;
  if (whole) ns = NS_DONE;
  if (ns !== NS_DONE || nsCount === 0) return rawEnd;
  const text = s.slice(nsStart, nsEnd);
  if (afterGroups || nsCount >= 2) {
    judgePath(scope, out, nsStart, nsEnd, text, kind === PRODUCT);
    // The scope check names one that continues past two segments by those two (finder.ts).
    if (whole && nsCount >= 3 && out.wantsReports) {
      out.setLastReport(nsStart, nsEnd, s.indexOf("/", s.indexOf("/", nsStart) + 1));
    }
  } else {
    judgeName(scope, out, nsStart, nsEnd, text);
  }
  return rawEnd;
}

function allDigits(s: string, a: number, b: number): boolean {
  if (b <= a) return false;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Whether the segment ending at `se` ends in `.git` (as written: lower case). */
function endsWithGit(s: string, se: number): boolean {
  return (
    s.charCodeAt(se - 4) === 46 && s.charCodeAt(se - 3) === 103 && s.charCodeAt(se - 2) === 105 && s.charCodeAt(se - 1) === 116
  );
}

/** The id after /api/v<digits>/(projects|groups|namespaces)/: a path, URL-encoded or not. */
function apiId(s: string, a: number, b: number, scope: CompiledScope, out: Found): void {
  const raw = s.slice(a, b);
  const decoded = raw.indexOf("%") === -1 ? raw : decodeAscii(raw);
  if (!isSegmentPath(decoded)) return;
  judgePath(scope, out, a, b, decoded, false);
  if (decoded !== raw) out.setLastId(a, b, decoded);
}

// ---------------------------------------------------------------------------------------------
// Request paths made product paths by what precedes them

/**
 * Whether the `/` at `d` follows an HTTP method and a space (`GET /x`), perhaps with one `"` in
 * between: Rails' own request log quotes the path (`Started GET "/x" for ...`).
 */
function afterMethod(s: string, d: number): boolean {
  let sp = d - 1;
  if (sp >= 0 && s.charCodeAt(sp) === 34 /* " */) sp--;
  if (sp < 3 || s.charCodeAt(sp) !== 32) return false;
  const e = sp;
  let st = e;
  while (st > 0 && e - st < 8) {
    const c = s.charCodeAt(st - 1);
    if (c >= 128 || (T[c] & UPPER) === 0) break;
    st--;
  }
  if (e - st < 3 || e - st > 7) return false;
  if (st > 0) {
    const c = s.charCodeAt(st - 1);
    if (c < 128 ? (T[c] & WORD) !== 0 : UNICODE_WORD.test(s[st - 1])) return false;
  }
  return segIn(s, st, e, METHODS);
}

/**
 * Whether the `/` at `d` starts the value of a request key in text: `path=/x`, `uri="/x"`,
 * `"request_uri": "/x"`, `"path"=>"/x"` (the key case-insensitive, `-` as `_`).
 */
function afterRequestKey(s: string, d: number): boolean {
  let j = d - 1;
  if (j < 0) return false;
  let c = s.charCodeAt(j);
  if (c === 34 || c === 39) c = s.charCodeAt(--j);
  while (j >= 0 && (c === 32 || c === 9)) c = s.charCodeAt(--j);
  let keyQuote = 0;
  if (c === 61 /* = */) {
    j--;
  } else if (c === 62 /* > */ && s.charCodeAt(j - 1) === 61) {
    j -= 2;
  } else if (c === 58 /* : */) {
    j--;
    while (j >= 0 && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j--;
    keyQuote = s.charCodeAt(j);
    if (keyQuote !== 34 && keyQuote !== 39) return false;
    j--;
  } else {
    return false;
  }
  if (keyQuote === 0) {
    while (j >= 0 && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j--;
    const q = s.charCodeAt(j);
    if (q === 34 || q === 39) {
      keyQuote = q;
      j--;
    }
  }
  const keyEnd = j + 1;
  let st = keyEnd;
  while (st > 0 && keyEnd - st <= REQUEST_KEY_MAX) {
    const k = s.charCodeAt(st - 1);
    if (k >= 128 || (T[k] & HOSTC) === 0) break;
    st--;
  }
  if (st === keyEnd || keyEnd - st > REQUEST_KEY_MAX) return false;
  if (keyQuote !== 0) {
    if (s.charCodeAt(st - 1) !== keyQuote) return false;
  } else if (st > 0) {
    const k = s.charCodeAt(st - 1);
    if (k < 128 && (T[k] & HOSTC) !== 0) return false;
  }
  return isRequestKeyAt(s, st, keyEnd);
}

const REQUEST_KEYS = byLength(["path", "uri", "request_uri", "request_path", "fullpath"]);

/** Whether s[a, b) is a request key, ignoring ASCII case, `-` taken as `_`. */
function isRequestKeyAt(s: string, a: number, b: number): boolean {
  const list = REQUEST_KEYS[b - a];
  if (list === undefined) return false;
  for (const w of list) {
    let k = 0;
    for (; k < w.length; k++) {
      let c = s.charCodeAt(a + k);
      if (c >= 65 && c <= 90) c += 32;
      else if (c === 45) c = 95;
      if (c !== w.charCodeAt(k)) break;
    }
    if (k === w.length) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// URLs and request paths

/**
 * Every URL, request path and (with `prose`) prose namespace path of `s`. `productFrom`: the
 * position of a request path that is a product path by its key (a JSON value of a request key),
 * or -1. `secretsOnly`: only what a URL can hold of secrets.
 */
export function scanUrls(
  s: string,
  scope: CompiledScope,
  out: Found,
  secretsOnly: boolean,
  productFrom: number,
  prose: boolean,
): void {
  const n = s.length;
  const products = scope.hasProductHosts && !secretsOnly;
  // A path that is no product path holds something only where one of these occurs in it: the
  // next occurrence of each is remembered (-2: not looked for), so each is searched for once
  // per string however many paths it holds.
  let dash = -2;
  let git = -2;
  let api = -2;
  let hook = -2;
  let from = 0;
  for (let d = s.indexOf("/"); d !== -1; d = from < n ? s.indexOf("/", from) : -1) {
    let url = false;
    let product = false;
    let hooks = false;
    let p = d;
    if (d >= 2 && s.charCodeAt(d + 1) === 47 && s.charCodeAt(d - 1) === 58) {
      const c = s.charCodeAt(d - 2);
      if (c < 128 && (T[c] & SCHEME) !== 0) {
        // A URL: user information, host and port, then perhaps its path.
        const at = scanAuthority(s, d, scope, out);
        if (at < 0) {
          from = -at - 1;
          continue;
        }
        url = true;
        p = at;
        product = urlProduct !== 0;
        hooks = urlHooks;
      }
    }
    if (!url) {
      if (!startsRequestPath(s, d)) {
        // Inside a run of path characters: a namespace path of prose, perhaps. The run is
        // entered from its first slash (no `/` inside a run starts a request path or a URL).
        let i = d;
        while (i > from) {
          const c = s.charCodeAt(i - 1);
          if (c >= 128 || (T[c] & PATH) === 0) break;
          i--;
        }
        let j = d + 1;
        while (j < n) {
          const c = s.charCodeAt(j);
          if (c >= 128 || (T[c] & PATH) === 0) break;
          j++;
        }
        if (prose) pathInRun(s, i, j, scope, out);
        from = j;
        continue;
      }
      product = products && (d === productFrom || afterMethod(s, d) || afterRequestKey(s, d));
    }
    if (product && !secretsOnly) {
      from = scanPath(s, p, PRODUCT, false, false, scope, out);
      continue;
    }
    const e = pathEnd(s, p);
    from = e;
    if (!hooks) {
      if (!secretsOnly) {
        dash = nextAt(s, "/-", dash, p);
        git = nextAt(s, ".git", git, p);
        api = nextAt(s, "/api/v", api, p);
      }
      hook = nextAt(s, "/webhooks/", hook, p);
      const may =
        (hook >= 0 && hook < e) || (!secretsOnly && ((dash >= 0 && dash < e) || (git >= 0 && git < e) || (api >= 0 && api < e)));
      if (!may) continue;
    }
    scanPath(s, p, url ? OTHER_URL : REQUEST, hooks, secretsOnly, scope, out);
  }
}

/** What scanAuthority found of the last URL: product host (1) or not (0), hooks.* host. */
let urlProduct = 0;
let urlHooks = false;

/**
 * The authority of the URL whose `://` starts at d - 1: the user information's password is a
 * secret, its `@` no email's. Returns where the URL's path starts, or -(resume + 1) when the
 * URL has no path. Sets urlProduct and urlHooks.
 */
function scanAuthority(s: string, d: number, scope: CompiledScope, out: Found): number {
  const n = s.length;
  const u = d + 2;
  // User information: up to an `@` before anything it cannot hold.
  let j = u;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c >= 128 || (T[c] & USERINFO) === 0) break;
    j++;
  }
  let h = u;
  if (j < n && s.charCodeAt(j) === 64 /* @ */) {
    for (let i = u; i < j; i++) {
      if (s.charCodeAt(i) === 58) {
        if (i + 1 < j) out.secret(i + 1, j);
        break;
      }
    }
    out.notEmailAt.push(j);
    h = j + 1;
  }
  // Host, then port.
  let he = h;
  if (s.charCodeAt(h) === 91 /* [ */) {
    const close = s.indexOf("]", h);
    he = close !== -1 && close - h <= 64 ? close + 1 : h;
  } else {
    while (he < n) {
      const c = s.charCodeAt(he);
      if (c >= 128 || (T[c] & HOSTC) === 0) break;
      he++;
    }
  }
  let q = he;
  if (s.charCodeAt(q) === 58) {
    q++;
    while (q < n && s.charCodeAt(q) >= 48 && s.charCodeAt(q) <= 57) q++;
  }
  if (s.charCodeAt(q) !== 47) return -Math.max(q, u) - 1;
  let hostEnd = he;
  while (hostEnd > h && s.charCodeAt(hostEnd - 1) === 46) hostEnd--;
  urlProduct =
    hostEnd > h &&
    ((scope.hasProductHosts && scope.isProductHostAt(s, h, hostEnd)) ||
      (scope.hasInternalHosts && scope.isInternalHostAt(s, h, hostEnd)))
      ? 1
      : 0;
  urlHooks = he - h > 6 && s.charCodeAt(h + 5) === 46 && segIs(s, h, h + 5, "hooks");
  return q;
}

// ---------------------------------------------------------------------------------------------
// Namespace paths of prose

const MEDIA_TYPES = ["application", "text", "image", "audio", "video", "multipart", "font", "model", "message"];
const MEDIA = byLength(MEDIA_TYPES);

function isDigitsAndDots(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || (T[c] & DIGIT_DOT) === 0) return false;
  }
  return end > start;
}

function isWordBefore(s: string, a: number): boolean {
  const c = s.charCodeAt(a - 1);
  if (c < 128) return (T[c] & WORD) !== 0;
  if (c >= 0xdc00 && c <= 0xdfff && a > 1) return UNICODE_WORD.test(s.slice(a - 2, a));
  return UNICODE_WORD.test(s[a - 1]);
}

/**
 * A namespace path in the run [a, b) of path characters: two or more segments joined by `/`,
 * the first starting with a letter, not preceded by `/`, `:` or a word character, not a media
 * type, not a version. Everything after a `//` in the run belongs to a URL.
 */
function pathInRun(s: string, a: number, b: number, scope: CompiledScope, out: Found): void {
  // A run starting with `/` is a file path or URL: its first slash is at its start (or, for
  // `//`, it is all URL), so it holds no namespace path.
  if (s.charCodeAt(a) === 47) return;
  if (a > 0 && (s.charCodeAt(a - 1) === 58 || isWordBefore(s, a))) return;
  let e = a;
  while (e < b && !(s.charCodeAt(e) === 47 && s.charCodeAt(e + 1) === 47)) e++;
  while (e > a) {
    const c = s.charCodeAt(e - 1);
    if (c !== 47 && c !== 46 && c !== 45) break;
    e--;
  }
  let firstSlash = -1;
  for (let i = a; i < e; i++) {
    if (s.charCodeAt(i) === 47) {
      firstSlash = i;
      break;
    }
  }
  if (firstSlash <= a) return;
  const lastSlash = s.lastIndexOf("/", e - 1);
  if (isDigitsAndDots(s, lastSlash + 1, e)) return;
  for (let k = a; k < firstSlash; k++) {
    const c = s.charCodeAt(k);
    if (c >= 128 || (T[c] & LETTER) === 0) continue;
    if (k > a) {
      const prev = s.charCodeAt(k - 1);
      if (prev !== 46 && prev !== 45) continue;
    }
    if (segIn(s, k, firstSlash, MEDIA)) continue;
    if (scope.proseVeto !== undefined && scope.proseVeto(s, k, firstSlash, e)) return;
    if (scope.isOwnedPath(s.slice(k, e))) out.keepIdentity(k, e);
    else out.project(k, e);
    return;
  }
}

// ---------------------------------------------------------------------------------------------
// scp-style remotes on product hosts: [user@]host:path

export function scanRemotes(s: string, scope: CompiledScope, out: Found, secretsOnly: boolean): void {
  const n = s.length;
  const last = scope.productHostLastChar;
  let resume = 0;
  for (let colon = s.indexOf(":"); colon !== -1; colon = resume < n ? s.indexOf(":", resume) : -1) {
    resume = colon + 1;
    const c = colon > 0 ? s.charCodeAt(colon - 1) : 0;
    if (c >= 128 || last[c] === 0) continue;
    // The host: a run of host characters ending at the colon that is a product host.
    const h = scope.productHostBefore(s, colon);
    if (h < 0) continue;
    let before = h - 1;
    let at = -1;
    if (before >= 0 && s.charCodeAt(before) === 64 /* @ */) {
      at = before;
      let us = before;
      while (us > 0) {
        const k = s.charCodeAt(us - 1);
        if (k >= 128 || (T[k] & HOSTC) === 0) break;
        us--;
      }
      before = us - 1;
    }
    // In a URL's authority (`ssh://git@host:22/...`) it is no remote.
    if (before >= 0 && s.charCodeAt(before) === 47) continue;
    let p = colon + 1;
    if (p >= n || endsPath(s.charCodeAt(p))) continue;
    if (at >= 0) {
      const list = out.notEmailAt;
      if (list.length > 0 && list[list.length - 1] > at) {
        let i = list.length;
        while (i > 0 && list[i - 1] > at) i--;
        list.splice(i, 0, at);
      } else {
        list.push(at);
      }
    }
    if (s.charCodeAt(p) === 47) p++;
    // The segments up to one ending in `.git`.
    let count = 0;
    let valid = true;
    let end = -1;
    let ss = p;
    let i = p;
    for (; i <= n; i++) {
      const c = i < n ? s.charCodeAt(i) : 32;
      if (c !== 47 && !endsPath(c)) {
        if (c >= 128 || (T[c] & SEG) === 0) valid = false;
        continue;
      }
      if (i === ss) valid = false;
      if (!valid) break;
      count++;
      if (i - ss > 4 && endsWithGit(s, i)) {
        end = i - 4;
        break;
      }
      if (c !== 47) break;
      ss = i + 1;
    }
    resume = Math.max(resume, i);
    if (end < 0 || secretsOnly) continue;
    const text = s.slice(p, end);
    if (count >= 2) judgePath(scope, out, p, end, text, false);
    else judgeName(scope, out, p, end, text);
  }
}
