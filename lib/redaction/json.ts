// Kept whole (over 300 lines): one iterative, validating JSON scanner (an explicit stack and
// its states); its parts only make sense together.
// A validating JSON scanner for one log line that keeps the line's own text: it records where
// every string value is (and under which key), so the redactor can rewrite only those tokens and
// leave keys, their order, numbers, literals and whitespace exactly as written. Iterative (an
// explicit stack), so absurdly deep nesting cannot overflow the call stack.
import { PRESENT_CHARS } from "./scanners";
import * as Scope from "./scope";
import type { KeyRule } from "./scope";

const ACTING_USER_KEYS = Scope.ACTING_USER_KEYS;
const keyRule = Scope.keyRule;
const keyName = Scope.keyName;
const detached = Scope.detached;

const PRESENT = PRESENT_CHARS;
/**
 * PRESENT_CHARS for every UTF-16 code unit (0 beyond ASCII), so no range check per character,
 * plus CONTROL for the control characters a JSON string may not hold raw.
 */
const PRESENT_ALL = new Uint16Array(65536);
PRESENT_ALL.set(PRESENT_CHARS);
const CONTROL = 0x8000;
for (let c = 0; c < 0x20; c++) PRESENT_ALL[c] |= CONTROL;
/**
 * A UTF-16 surrogate (paired or not): JSON.stringify escapes lone ones, so a value holding any
 * is re-encoded with it; a value without surrogates, escapes or control characters is its own
 * JSON text between the quotes.
 */
export const SURROGATE = 0x4000;
for (let c = 0xd800; c <= 0xdfff; c++) PRESENT_ALL[c] |= SURROGATE;
/** `"` and `\\`: where a value token's fast loop stops. */
const STOP = 0x2000;
PRESENT_ALL[34] |= STOP;
PRESENT_ALL[92] |= STOP;
if (PRESENT_CHARS.some((flags) => (flags & (CONTROL | SURROGATE | STOP)) !== 0)) throw new Error("json.ts: CONTROL, SURROGATE or STOP collides with a PRESENT_CHARS flag");


/**
 * scanString's fast path: a token without escapes ends at the first quote, and only its own
 * characters are read (for a key its hash, for a value its PRESENT flags; a control character
 * makes it invalid). A backslash hands the token to the character-by-character scan.
 */
function scanToken(src: string, i: number, isKey: boolean): number {
  const n = src.length;
  let j = i + 1;
  if (isKey) {
    let hash = 0;
    for (; j < n; j++) {
      const c = src.charCodeAt(j);
      if (c === 34) break;
      if (c === 92) return scanString(src, i);
      if (c < 0x20) return -1;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    if (j >= n) return -1;
    lastHash = hash;
  } else {
    // One table load and one test per character: STOP marks the quote and the backslash.
    let present = 0;
    for (; j < n; j++) {
      const flags = PRESENT_ALL[src.charCodeAt(j)];
      if ((flags & STOP) !== 0) break;
      present |= flags;
    }
    if (j >= n) return -1;
    if (src.charCodeAt(j) === 92) return scanString(src, i);
    if ((present & CONTROL) !== 0) return -1;
    lastPresent = present;
  }
  lastEscaped = false;
  return j + 1;
}

/**
 * The string values of a scanned line, in order, in parallel arrays reused from line to line
 * (valid until the next call of scanJsonObjectLine): value `i` is the token
 * src[start[i], end[i]) (quotes included) whose key (inherited through arrays) has the rule
 * KEY_RULES[rule[i]] (keyRule of the lower-cased name; null at none); escaped[i] says whether it holds escapes (decode with JSON.parse);
 * present[i] is presentChars of the value when not escaped (of the raw token otherwise), plus
 * SURROGATE when an unescaped value holds a surrogate code unit.
 */
export interface JsonLine {
  count: number;
  start: Int32Array;
  end: Int32Array;
  present: Int32Array;
  escaped: Uint8Array;
  rule: Uint8Array;
  /** The first string value of the first acting-user key (ACTING_USER_KEYS order) present at the top level. */
  actingUser: string | undefined;
}

const line: JsonLine = {
  count: 0,
  start: new Int32Array(256),
  end: new Int32Array(256),
  present: new Int32Array(256),
  escaped: new Uint8Array(256),
  rule: new Uint8Array(256),
  actingUser: undefined,
};

function pushValue(start: number, end: number, rule: number, escaped: boolean, present: number): void {
  const i = line.count++;
  if (i === line.start.length) {
    const size = i * 2;
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    line.start = grow32(line.start);
    line.end = grow32(line.end);
    line.present = grow32(line.present);
    const grow8 = (a: Uint8Array) => {
      const b = new Uint8Array(size);
      b.set(a);
      return b;
    };
    line.escaped = grow8(line.escaped);
    line.rule = grow8(line.rule);
  }
  line.start[i] = start;
  line.end[i] = end;
  line.present[i] = present;
  line.escaped[i] = escaped ? 1 : 0;
  line.rule[i] = rule;
}

/** The key rules by code (JsonLine.rule). */
export const KEY_RULES: readonly KeyRule[] = [null, "secret", "system", "user", "path", "either", "request"];
const RULE_CODE = new Map<KeyRule, number>(KEY_RULES.map((r, i) => [r, i]));
const ACTING_RANK = new Map<string, number>(ACTING_USER_KEYS.map((k, i) => [k, i]));
/** No acting-user key: a rank after all of them. */
const NOT_ACTING = ACTING_USER_KEYS.length;

/** The rule of the whole string value of a key named `key` (any case), or null. */
export function keyRuleOf(key: string | null): KeyRule {
  return key === null ? null : keyRule(key.toLowerCase());
}

/** What a key name means, packed: its rule code times 8 plus its acting-user rank (or NOT_ACTING). */
function keyInfo(lower: string): number {
  // `-` and `_` are the same character in every key name (`User-Name` is `user_name`).
  return (RULE_CODE.get(keyRule(lower)) ?? 0) * 8 + (ACTING_RANK.get(keyName(lower)) ?? NOT_ACTING);
}

// Key names repeat from line to line: a small table, indexed by a hash of the raw key text
// computed while scanning it, gives back what the key means without slicing or lower-casing.
const KEY_TABLE_SIZE = 1024;
const keyRaw: (string | undefined)[] = new Array(KEY_TABLE_SIZE);
const keyInfos = new Uint8Array(KEY_TABLE_SIZE);
/** Hash of the last string token scanned (raw code units). */
let lastHash = 0;
/** The key table slot keyOf last used (-1: an escaped key, not in the table). */
let lastKeySlot = -1;
// Lines of one kind repeat their keys in the same order: per slot, the slot of the key that
// followed it last time (KEY_START: the first key of an object), tried first by comparing the
// text in place, which spares hashing the key. Only a guess: a key that does not match is read
// as before.
const KEY_START = KEY_TABLE_SIZE;
const keyNext = new Int16Array(KEY_TABLE_SIZE + 1).fill(-1);
/** The slot of the previous key read (KEY_START at the start of an object). */
let prevKeySlot = KEY_START;

/** Whether src holds `text` at `at` (keys are short: a loop beats a builtin call). */
function sameText(src: string, at: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (src.charCodeAt(at + k) !== text.charCodeAt(k)) return false;
  return true;
}

/** keyInfo of the string token src[start, end) as a key. */
function keyOf(src: string, start: number, end: number, escaped: boolean): number {
  if (escaped) {
    lastKeySlot = -1;
    return keyInfo(decodeString(src, start, end, true).toLowerCase());
  }
  const slot = lastHash & (KEY_TABLE_SIZE - 1);
  lastKeySlot = slot;
  const raw = keyRaw[slot];
  const length = end - start - 2;
  if (raw !== undefined && raw.length === length && sameText(src, start + 1, raw)) return keyInfos[slot];
  const text = src.slice(start + 1, end - 1);
  const info = keyInfo(text.toLowerCase());
  keyRaw[slot] = detached(text);
  keyInfos[slot] = info;
  return info;
}

/** What the scanner expects next. */
const Expect = { Value: 0, AfterValue: 1, KeyOrClose: 2, Key: 3, ValueOrClose: 4 } as const;
type Expect = (typeof Expect)[keyof typeof Expect];

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function skipWs(src: string, i: number): number {
  // Log lines are mostly compact: the common case is no whitespace at all.
  const c = src.charCodeAt(i);
  if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return i;
  while (i < src.length && isWs(src.charCodeAt(i))) i++;
  return i;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

let lastEscaped = false;
/** The PRESENT_CHARS flags of the characters of the last string token scanned (raw). */
let lastPresent = 0;

/** End (past the closing quote) of the string token opening at `i`, or -1 when invalid. */
function scanString(src: string, i: number): number {
  const n = src.length;
  let j = i + 1;
  let present = 0;
  let hash = 0;
  lastEscaped = false;
  while (j < n) {
    const c = src.charCodeAt(j);
    if (c < 128) {
      if (c === 34) {
        lastPresent = present;
        lastHash = hash;
        return j + 1;
      }
      present |= PRESENT[c];
    }
    hash = (Math.imul(hash, 31) + c) | 0;
    if (c === 92) {
      lastEscaped = true;
      const e = src.charCodeAt(j + 1);
      if (e === 117 /* u */) {
        if (
          !isHex(src.charCodeAt(j + 2)) ||
          !isHex(src.charCodeAt(j + 3)) ||
          !isHex(src.charCodeAt(j + 4)) ||
          !isHex(src.charCodeAt(j + 5))
        ) {
          return -1;
        }
        j += 6;
        continue;
      }
      // " \ / b f n r t
      if (
        e === 34 || e === 92 || e === 47 || e === 98 ||
        e === 102 || e === 110 || e === 114 || e === 116
      ) {
        j += 2;
        continue;
      }
      return -1;
    }
    if (c < 0x20) return -1;
    j++;
  }
  return -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** End of the number token starting at `i`, or -1 when it is not a JSON number. */
function scanNumber(src: string, i: number): number {
  let j = i;
  if (src.charCodeAt(j) === 45) j++;
  const first = src.charCodeAt(j);
  if (first === 48) {
    j++;
  } else if (first >= 49 && first <= 57) {
    while (isDigit(src.charCodeAt(j))) j++;
  } else {
    return -1;
  }
  if (src.charCodeAt(j) === 46) {
    j++;
    if (!isDigit(src.charCodeAt(j))) return -1;
    while (isDigit(src.charCodeAt(j))) j++;
  }
  const e = src.charCodeAt(j);
  if (e === 101 || e === 69) {
    j++;
    const sign = src.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (!isDigit(src.charCodeAt(j))) return -1;
    while (isDigit(src.charCodeAt(j))) j++;
  }
  return j;
}

/** The decoded text of a string token. */
export function decodeString(src: string, start: number, end: number, escaped: boolean): string {
  return escaped ? (JSON.parse(src.slice(start, end)) as string) : src.slice(start + 1, end - 1);
}

/**
 * Scans `src` as a JSON object (optionally surrounded by JSON whitespace). Returns the string
 * values and the acting user (in a JsonLine reused by the next call), or null when the line is not exactly one JSON object.
 */
export function scanJsonObjectLine(src: string): JsonLine | null {
  const n = src.length;
  let i = skipWs(src, 0);
  if (src.charCodeAt(i) !== 123) return null;
  i++;

  line.count = 0;
  line.actingUser = undefined;
  prevKeySlot = KEY_START;
  let actingRank = ACTING_USER_KEYS.length;
  // Frame stack: whether the frame is an object, and (for arrays) the keyInfo it inherits.
  const isObj: boolean[] = [true];
  const ctx: number[] = [0];
  /** keyInfo of the key whose value comes next (0: no rule, not acting; only read after a key). */
  let pendingKey = 0;
  let expect: Expect = Expect.KeyOrClose;

  for (;;) {
    {
      const w = src.charCodeAt(i);
      if (w === 32 || w === 9 || w === 10 || w === 13) i = skipWs(src, i);
    }
    if (i >= n) return null;
    const c = src.charCodeAt(i);
    const top = isObj.length - 1;

    switch (expect) {
      case Expect.KeyOrClose:
      case Expect.Key: {
        if (c === 125 && expect === Expect.KeyOrClose) {
          isObj.pop();
          ctx.pop();
          i++;
          if (isObj.length === 0) return skipWs(src, i) === n ? line : null;
          expect = Expect.AfterValue;
          continue;
        }
        if (c !== 34) return null;
        // Members `"key": value` whose value is a string or a number are read here, one after
        // another, without a round through the state machine per token; any other value (object,
        // array, literal or invalid) and whatever follows a member other than `,` go back to it.
        let k = i;
        for (;;) {
          let end: number;
          const guess = keyNext[prevKeySlot];
          const known = guess >= 0 ? keyRaw[guess] : undefined;
          if (known !== undefined && src.charCodeAt(k + 1 + known.length) === 34 && sameText(src, k + 1, known)) {
            // The token is exactly a key in the table (stored keys hold no quote, backslash or
            // control character).
            end = k + 2 + known.length;
            pendingKey = keyInfos[guess];
            prevKeySlot = guess;
          } else {
            end = scanToken(src, k, true);
            if (end < 0) return null;
            pendingKey = keyOf(src, k, end, lastEscaped);
            if (lastKeySlot >= 0) keyNext[prevKeySlot] = lastKeySlot;
            prevKeySlot = lastKeySlot >= 0 ? lastKeySlot : KEY_START;
          }
          k = end;
          if (src.charCodeAt(k) !== 58) {
            k = skipWs(src, k);
            if (src.charCodeAt(k) !== 58) return null;
          }
          k++;
          {
            const w = src.charCodeAt(k);
            if (w === 32 || w === 9 || w === 10 || w === 13) k = skipWs(src, k);
          }
          const v = src.charCodeAt(k);
          if (v === 34) {
            const vEnd = scanToken(src, k, false);
            if (vEnd < 0) return null;
            pushValue(k, vEnd, pendingKey >> 3, lastEscaped, lastPresent);
            if (top === 0) {
              const rank = pendingKey & 7;
              if (rank < actingRank) {
                actingRank = rank;
                line.actingUser = decodeString(src, k, vEnd, lastEscaped);
              }
            }
            k = vEnd;
          } else if ((v >= 48 && v <= 57) || v === 45) {
            const vEnd = scanNumber(src, k);
            if (vEnd < 0) return null;
            k = vEnd;
          } else {
            expect = Expect.Value;
            break;
          }
          if (src.charCodeAt(k) !== 44) {
            k = skipWs(src, k);
            if (src.charCodeAt(k) !== 44) {
              expect = Expect.AfterValue;
              break;
            }
          }
          k++;
          if (src.charCodeAt(k) !== 34) {
            k = skipWs(src, k);
            if (src.charCodeAt(k) !== 34) return null;
          }
        }
        i = k;
        continue;
      }
      case Expect.ValueOrClose:
        if (c === 93) {
          isObj.pop();
          ctx.pop();
          i++;
          expect = Expect.AfterValue;
          continue;
        }
        expect = Expect.Value;
        continue; // re-read the same character as a value
      case Expect.Value: {
        const key = isObj[top] ? pendingKey : ctx[top];
        if (c === 123) {
          isObj.push(true);
          prevKeySlot = KEY_START;
          ctx.push(0);
          i++;
          expect = Expect.KeyOrClose;
          continue;
        }
        if (c === 91) {
          isObj.push(false);
          ctx.push(key);
          i++;
          expect = Expect.ValueOrClose;
          continue;
        }
        if (c === 34) {
          // In an array, string elements are read one after another here.
          const inArray = !isObj[top];
          let k = i;
          for (;;) {
            const end = scanToken(src, k, false);
            if (end < 0) return null;
            pushValue(k, end, key >> 3, lastEscaped, lastPresent);
            if (top === 0) {
              const rank = key & 7;
              if (rank < actingRank) {
                actingRank = rank;
                line.actingUser = decodeString(src, k, end, lastEscaped);
              }
            }
            if (!inArray) {
              i = end;
              expect = Expect.AfterValue;
              break;
            }
            let after = end;
            if (src.charCodeAt(after) !== 44) {
              after = skipWs(src, after);
              if (src.charCodeAt(after) !== 44) {
                i = after;
                expect = Expect.AfterValue;
                break;
              }
            }
            let next = after + 1;
            if (src.charCodeAt(next) !== 34) next = skipWs(src, next);
            if (src.charCodeAt(next) !== 34) {
              i = next;
              expect = Expect.Value;
              break;
            }
            k = next;
          }
          continue;
        }
        if (c === 116 && src.startsWith("true", i)) i += 4;
        else if (c === 102 && src.startsWith("false", i)) i += 5;
        else if (c === 110 && src.startsWith("null", i)) i += 4;
        else {
          const end = scanNumber(src, i);
          if (end < 0) return null;
          i = end;
        }
        expect = Expect.AfterValue;
        continue;
      }
      case Expect.AfterValue:
        if (c === 44) {
          i++;
          expect = isObj[top] ? Expect.Key : Expect.Value;
          continue;
        }
        if ((c === 125 && isObj[top]) || (c === 93 && !isObj[top])) {
          isObj.pop();
          ctx.pop();
          i++;
          if (isObj.length === 0) return skipWs(src, i) === n ? line : null;
          continue;
        }
        return null;
    }
  }
}
