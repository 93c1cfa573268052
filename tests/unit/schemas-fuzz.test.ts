import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SAMPLES } from "../support/schema-samples";

// Issue 12, fuzzing: every zod schema exported by lib/**/schemas.ts (found by importing the
// modules, so a new schema is covered without touching this file) never throws from safeParse,
// whatever it is given, and never lets a NUL or another control character through: whatever
// passes holds no string with one (tab and line breaks excepted in free text). Each schema needs a
// valid sample in tests/support/schema-samples.ts (a new schema without one fails the "every schema has a sample" test), which
// the fuzzer mutates field by field. Fixed seed, printed, so a failure reproduces.
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
console.log(`schemas-fuzz: seed ${SEED}, ${RUNS} runs per property (FUZZ_SEED, FUZZ_RUNS)`);

const modules = import.meta.glob("/lib/**/*schemas.ts", { eager: true }) as Record<string, Record<string, unknown>>;
const SCHEMAS = Object.entries(modules).flatMap(([file, mod]) =>
  Object.entries(mod)
    .filter(([, v]) => v instanceof z.ZodType)
    .map(([name, schema]) => ({ file, name, schema: schema as z.ZodType })),
);

/** C0 controls except tab, LF and CR, DEL and C1: never in a value that passes. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

function stringsIn(v: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof v === "string") out.push(v);
  else if (v && typeof v === "object" && !seen.has(v)) {
    seen.add(v);
    for (const x of v instanceof Map ? v.values() : v instanceof Set ? v.values() : Object.values(v)) stringsIn(x, out, seen);
  }
  return out;
}

/** Paths of the date leaves of a sample (a Date, or a string that starts like one). */
function datePaths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (v instanceof Date || (typeof v === "string" && DATE_OUT_OF_RANGE.test(v))) return [at];
  if (v && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => datePaths(x, [...at, k]));
  return [];
}

/** Paths of the string leaves of a sample. */
function stringPaths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof v === "string") return [at];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringPaths(x, [...at, i]));
  if (v && typeof v === "object" && !(v instanceof Date)) return Object.entries(v).flatMap(([k, x]) => stringPaths(x, [...at, k]));
  return [];
}

function setAt(v: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  copy[head!] = setAt((v as Record<string | number, unknown>)[head!], rest, value);
  return copy;
}

/** A date-shaped string ("2026-03-01", "+275760-09-13T…") with a year outside 2000-2099. */
const DATE_OUT_OF_RANGE = /^([+-]?\d{4,6})-\d\d-\d\d/;
function outOfRange(v: unknown): boolean {
  if (v instanceof Date) return !(v.getTime() >= Date.UTC(2000, 0, 1) && v.getTime() < Date.UTC(2100, 0, 1));
  const m = typeof v === "string" ? DATE_OUT_OF_RANGE.exec(v) : null;
  return !!m && (Number(m[1]) < 2000 || Number(m[1]) > 2099);
}
function datesIn(v: unknown, out: unknown[] = []): unknown[] {
  if (v instanceof Date || typeof v === "string") out.push(v);
  else if (v && typeof v === "object") for (const x of Object.values(v)) datesIn(x, out);
  return out;
}

/** Never throws; whatever passes holds no control character and no date outside 2000-2099. */
function check(schema: z.ZodType, input: unknown) {
  let r: ReturnType<z.ZodType["safeParse"]>;
  try {
    r = schema.safeParse(input);
  } catch (err) {
    throw new Error(`safeParse threw on ${JSON.stringify(input)?.slice(0, 300)}: ${String(err)}`);
  }
  if (r.success) {
    const bad = stringsIn(r.data).find((s) => CONTROL.test(s));
    if (bad !== undefined) throw new Error(`passed with a control character: ${JSON.stringify(bad).slice(0, 200)} from ${JSON.stringify(input)?.slice(0, 300)}`);
    const date = datesIn(r.data).find(outOfRange);
    if (date !== undefined && datesIn(input).some(outOfRange)) throw new Error(`passed with a date outside 2000-2099: ${String(date)} from ${JSON.stringify(input)?.slice(0, 300)}`);
  }
}

const controlChar = fc.constantFrom("\u0000", "\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B", "\u001F", "\u007F", "\u0085", "\u009F");
/** A string holding at least one control character somewhere. */
const withControl = fc.tuple(fc.string({ maxLength: 20 }), controlChar, fc.string({ maxLength: 20 })).map(([a, c, b]) => `${a}${c}${b}`);
const params = { seed: SEED, numRuns: RUNS };

describe("every exported schema", () => {
  it("is found (the glob sees the schema modules)", () => {
    expect(SCHEMAS.length).toBeGreaterThan(50);
  });

  it("has a valid sample here, which it accepts", () => {
    const missing = SCHEMAS.filter((s) => !(s.name in SAMPLES)).map((s) => `${s.file} ${s.name}`);
    expect(missing, "add a valid sample for each new schema to SAMPLES").toEqual([]);
    for (const s of SCHEMAS) {
      const r = s.schema.safeParse(SAMPLES[s.name]);
      expect(r.success ? "" : JSON.stringify(r.error.issues), s.name).toBe("");
    }
  });

  describe.each(SCHEMAS)("$name ($file)", ({ name, schema }) => {
    it("never throws on anything, and never passes a control character", () => {
      fc.assert(fc.property(fc.oneof(fc.anything(), fc.json().map((j) => JSON.parse(j) as unknown)), (input) => check(schema, input)), params);
    });

    it("refuses a control character in any text field of a valid input", () => {
      const sample = SAMPLES[name];
      const paths = stringPaths(sample);
      if (paths.length === 0) return;
      fc.assert(
        fc.property(fc.constantFrom(...paths), withControl, fc.nat(), (path, hostile, at) => {
          const original = String(path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], sample));
          const i = at % (original.length + 1);
          check(schema, setAt(sample, path, `${original.slice(0, i)}${hostile}${original.slice(i)}`));
          check(schema, setAt(sample, path, hostile));
        }),
        params,
      );
    });

    it("refuses a date outside 2000-2099 in any date field of a valid input", () => {
      const paths = datePaths(SAMPLES[name]);
      if (paths.length === 0) return;
      const hostile = fc.oneof(
        fc.constantFrom("0000-01-01T00:00", "0000-12-25", "1999-12-31T23:59:59Z", "2100-01-01", "+275760-09-13T00:00:00Z", "-000001-01-01T00:00:00Z"),
        fc.date({ noInvalidDate: true }),
        fc.integer({ min: -271821, max: 275760 }).map((y) => `${y < 0 ? "-" : y > 9999 ? "+" : ""}${String(Math.abs(y)).padStart(y < 0 || y > 9999 ? 6 : 4, "0")}-06-01`),
      );
      fc.assert(fc.property(fc.constantFrom(...paths), hostile, (path, value) => check(SCHEMAS.find((s) => s.name === name)!.schema, setAt(SAMPLES[name], path, value))), params);
    });

    it("never throws when a field gets a value of another type", () => {
      const sample = SAMPLES[name];
      const paths = [...stringPaths(sample), ...(sample && typeof sample === "object" ? Object.keys(sample).map((k) => [k]) : [])];
      if (paths.length === 0) return;
      fc.assert(fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => check(schema, setAt(sample, path, value))), params);
    });
  });
});
