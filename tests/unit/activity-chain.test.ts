import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  canonicalEntry, canonicalJson, ChainWalker, compareCodePoints, entryHash, GENESIS, type ChainEntry, type SealedEntry,
} from "@/lib/audit/chain";

describe("canonicalJson", () => {
  it.each<[string, unknown, string]>([
    ["null", null, "null"],
    ["undefined as null", undefined, "null"],
    ["booleans", [true, false], "[true,false]"],
    ["numbers as JSON.stringify writes them", [1, 1.5, -0, 1e21, 1e-7, 0.1], "[1,1.5,0,1e+21,1e-7,0.1]"],
    ["keys sorted, no whitespace", { b: 1, a: { d: [1, 2], c: "x" } }, '{"a":{"c":"x","d":[1,2]},"b":1}'],
    ["undefined keys left out", { a: undefined, b: null }, '{"b":null}'],
    ["undefined array elements as null", [undefined, 1], "[null,1]"],
    ["control characters escaped", "a\u0001\n\t\"\\", '"a\\u0001\\n\\t\\"\\\\"'],
    ["non-ASCII kept as is", "Zürich ✓ 😀", '"Zürich ✓ 😀"'],
    ["dates as ISO", new Date(Date.UTC(2026, 11, 5, 6, 7, 8, 9)), '"2026-12-05T06:07:08.009Z"'],
    ["keys by code point, not UTF-16 unit", { "\uFF01": 1, "😀": 2 }, '{"！":1,"😀":2}'],
  ])("%s", (_n, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it.each<[string, unknown]>([["NaN", NaN], ["Infinity", Infinity], ["bigint", 1n], ["function", () => 1], ["invalid date", new Date(NaN)]])("refuses %s", (_n, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it("gives the same text for a value and its JSON round trip with keys in another order", () => {
    const v = { z: [1, { y: 2, x: "é" }], a: 3.25 };
    expect(canonicalJson(JSON.parse('{"a":3.25,"z":[1,{"x":"é","y":2}]}'))).toBe(canonicalJson(v));
  });

  it("compareCodePoints orders astral characters after U+FFFF", () => {
    expect(compareCodePoints("😀", "\uFFFF")).toBeGreaterThan(0);
    expect(compareCodePoints("a", "ab")).toBeLessThan(0);
    expect(compareCodePoints("ab", "ab")).toBe(0);
  });
});

const entry = (id: number, over: Partial<ChainEntry> = {}): ChainEntry => ({
  id: BigInt(id), at: new Date(Date.UTC(2026, 0, 1, 0, 0, id)), actorId: "u1", actorRole: "support", action: "case.submit",
  entityType: "Case", entityId: `c${id}`, caseId: `c${id}`, before: null, after: { status: "submitted" }, meta: null, ...over,
});

describe("canonicalEntry and entryHash", () => {
  it("is the canonical JSON of the fixed fields, id as a string and nulls explicit", () => {
    expect(canonicalEntry(entry(7, { actorId: null, caseId: null }))).toBe(
      '{"action":"case.submit","actorId":null,"actorRole":"support","after":{"status":"submitted"},"at":"2026-01-01T00:00:07.000Z",' +
        '"before":null,"caseId":null,"entityId":"c7","entityType":"Case","id":"7","meta":null,"v":1}',
    );
  });

  it("hashes prevHash, a newline and the canonical content", () => {
    const e = entry(1);
    expect(entryHash(GENESIS, e)).toBe(createHash("sha256").update(`${GENESIS}\n${canonicalEntry(e)}`).digest("hex"));
    expect(entryHash(GENESIS, e)).not.toBe(entryHash("1".repeat(64), e));
  });

  it.each<[string, Partial<ChainEntry>]>([
    ["id", { id: 2n }], ["at", { at: new Date(Date.UTC(2026, 0, 1, 0, 0, 1, 1)) }], ["actorId", { actorId: "u2" }],
    ["actorRole", { actorRole: "sirt" }], ["action", { action: "case.close" }], ["entityType", { entityType: "User" }],
    ["entityId", { entityId: "x" }], ["caseId", { caseId: null }], ["before", { before: {} }], ["after", { after: { status: "closed" } }],
    ["meta", { meta: [] }],
  ])("changes when %s changes", (_n, change) => {
    expect(entryHash(GENESIS, { ...entry(1), ...change })).not.toBe(entryHash(GENESIS, entry(1)));
  });

  it("treats SQL NULL and JSON null alike (both absent)", () => {
    expect(entryHash(GENESIS, entry(1, { meta: null }))).toBe(entryHash(GENESIS, entry(1, { meta: undefined })));
  });
});

/** A valid chain of n entries and its head. */
function chain(n: number): { rows: SealedEntry[]; head: { lastId: bigint | null; hash: string; count: bigint } } {
  const rows: SealedEntry[] = [];
  let prev = GENESIS;
  for (let i = 1; i <= n; i++) {
    const e = entry(i);
    const hash = entryHash(prev, e);
    rows.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return { rows, head: { lastId: n ? BigInt(n) : null, hash: prev, count: BigInt(n) } };
}

function walk(rows: SealedEntry[], head: { lastId: bigint | null; hash: string; count: bigint }) {
  const w = new ChainWalker(head);
  for (const r of rows) {
    const m = w.push(r);
    if (m) return m;
  }
  return w.finish() ?? { ok: w.count, head: w.headHash };
}

describe("ChainWalker", () => {
  it("accepts a valid chain and an empty one", () => {
    const { rows, head } = chain(5);
    expect(walk(rows, head)).toEqual({ ok: 5n, head: head.hash });
    expect(walk([], chain(0).head)).toEqual({ ok: 0n, head: GENESIS });
  });

  it.each<[string, (rows: SealedEntry[]) => SealedEntry[], bigint | null, RegExp]>([
    ["a changed entry", (r) => r.map((e) => (e.id === 3n ? { ...e, action: "case.close" } : e)), 3n, /content does not match/],
    ["a deleted entry", (r) => r.filter((e) => e.id !== 3n), 4n, /does not follow entry 2/],
    ["a deleted first entry", (r) => r.slice(1), 2n, /does not follow the start/],
    ["two swapped entries (ids swapped)", (r) => [r[0]!, r[1]!, { ...r[3]!, id: 3n }, { ...r[2]!, id: 4n }, r[4]!], 3n, /does not follow entry 2/],
    ["two swapped contents, hashes moved along", (r) => [r[0]!, r[2]!, r[1]!, r[3]!, r[4]!], 3n, /does not follow entry 1/],
    ["an inserted entry", (r) => [r[0]!, r[1]!, { ...entry(9), id: 3n, prevHash: r[1]!.hash, hash: entryHash(r[1]!.hash!, { ...entry(9), id: 3n }) }, ...r.slice(2).map((e) => ({ ...e, id: e.id + 1n }))], 4n, /does not follow entry 3/],
    ["an unsealed entry", (r) => r.map((e) => (e.id === 2n ? { ...e, hash: null, prevHash: null } : e)), 2n, /not sealed/],
    ["the last entry deleted", (r) => r.slice(0, 4), 5n, /entries at the end were deleted/],
  ])("names the first misfit after %s", (_n, tamper, id, reason) => {
    const { rows, head } = chain(5);
    const m = walk(tamper(rows), head) as { id: bigint | null; reason: string };
    expect(m.id).toBe(id);
    expect(m.reason).toMatch(reason);
  });

  it("names an entry appended beyond the recorded head", () => {
    const { rows, head } = chain(5);
    const extra = entry(6);
    const m = walk([...rows, { ...extra, prevHash: head.hash, hash: entryHash(head.hash, extra) }], head) as { id: bigint; reason: string };
    expect(m).toMatchObject({ id: 6n });
    expect(m.reason).toMatch(/after the chain's recorded head/);
  });

  it("notices a head that does not match the last entry", () => {
    const { rows, head } = chain(3);
    expect(walk(rows, { ...head, hash: "f".repeat(64) })).toMatchObject({ id: 3n, reason: expect.stringMatching(/recorded head does not match/) });
  });
});
