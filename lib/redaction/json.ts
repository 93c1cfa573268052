// A validating JSON scanner for one log line that keeps the line's own text: it records where
// every string value is (and under which key), so the redactor can rewrite only those tokens and
// leave keys, their order, numbers, literals and whitespace exactly as written. Iterative (an
// explicit stack), so absurdly deep nesting cannot overflow the call stack.
import { PRESENT_CHARS } from "./scanners";
import { ACTING_USER_KEY_SET } from "./scope";

const PRESENT = PRESENT_CHARS;

export interface JsonStringValue {
  /** Index of the opening quote. */
  start: number;
  /** Index just past the closing quote. */
  end: number;
  /** Lower-cased name of the key the value belongs to (inherited through arrays), or null. */
  key: string | null;
  /** Whether the raw token contains escapes (decode with JSON.parse). */
  escaped: boolean;
  /** presentChars of the value when not escaped (of the raw token otherwise: not to be used). */
  present: number;
}

export interface JsonLine {
  values: JsonStringValue[];
  /** First string value of each acting-user key present at the top level. */
  acting: Map<string, string>;
}

/** What the scanner expects next. */
const Expect = { Value: 0, AfterValue: 1, KeyOrClose: 2, Key: 3, ValueOrClose: 4 } as const;
type Expect = (typeof Expect)[keyof typeof Expect];

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function skipWs(src: string, i: number): number {
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
  lastEscaped = false;
  while (j < n) {
    const c = src.charCodeAt(j);
    if (c < 128) {
      if (c === 34) {
        lastPresent = present;
        return j + 1;
      }
      present |= PRESENT[c];
    }
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
 * values and top-level acting-user names, or null when the line is not exactly one JSON object.
 */
export function scanJsonObjectLine(src: string): JsonLine | null {
  const n = src.length;
  let i = skipWs(src, 0);
  if (src.charCodeAt(i) !== 123) return null;
  i++;

  const values: JsonStringValue[] = [];
  const acting = new Map<string, string>();
  // Frame stack: whether the frame is an object, and (for arrays) the key it inherits.
  const isObj: boolean[] = [true];
  const ctx: (string | null)[] = [null];
  let pendingKey: string | null = null;
  let expect: Expect = Expect.KeyOrClose;

  for (;;) {
    i = skipWs(src, i);
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
          if (isObj.length === 0) return skipWs(src, i) === n ? { values, acting } : null;
          expect = Expect.AfterValue;
          continue;
        }
        if (c !== 34) return null;
        const end = scanString(src, i);
        if (end < 0) return null;
        pendingKey = decodeString(src, i, end, lastEscaped).toLowerCase();
        i = skipWs(src, end);
        if (src.charCodeAt(i) !== 58) return null;
        i++;
        expect = Expect.Value;
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
          ctx.push(null);
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
          const end = scanString(src, i);
          if (end < 0) return null;
          values.push({ start: i, end, key, escaped: lastEscaped, present: lastPresent });
          if (top === 0 && key !== null && ACTING_USER_KEY_SET.has(key) && !acting.has(key)) {
            acting.set(key, decodeString(src, i, end, lastEscaped));
          }
          i = end;
          expect = Expect.AfterValue;
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
          if (isObj.length === 0) return skipWs(src, i) === n ? { values, acting } : null;
          continue;
        }
        return null;
    }
  }
}
