// lib/format/count-cache.ts: only capped counts are remembered, for a minute, in bounded memory.
import { describe, expect, it } from "vitest";
import { CappedCountCache } from "@/lib/format/count-cache";

function setup(opts: { ttl?: number; max?: number } = {}) {
  let t = 1_000_000;
  const cache = new CappedCountCache(() => t, opts.ttl ?? 60_000, opts.max ?? 100);
  const calls: string[] = [];
  const counter = (key: string, n: number) => () => {
    calls.push(key);
    return Promise.resolve(n);
  };
  return { cache, calls, counter, advance: (ms: number) => (t += ms) };
}

describe("CappedCountCache", () => {
  it.each([
    ["an exact count is counted every time", 37, [37, 37], 2],
    ["exactly the cap is exact, counted every time", 1000, [1000, 1000], 2],
    ["a capped count is counted once, then remembered", 1001, [1001, 1001], 1],
  ])("%s", async (_name, n, expected, counts) => {
    const { cache, calls, counter } = setup();
    const got = [await cache.count("k", counter("k", n)), await cache.count("k", counter("k", n))];
    expect(got).toEqual(expected);
    expect(calls).toHaveLength(counts);
  });

  it("counts again once the minute has passed, and then sees a list that dropped below the cap", async () => {
    const { cache, calls, counter, advance } = setup();
    await cache.count("k", counter("k", 1001));
    advance(59_999);
    expect(await cache.count("k", counter("k", 900))).toBe(1001);
    advance(2);
    expect(await cache.count("k", counter("k", 900))).toBe(900);
    expect(await cache.count("k", counter("k", 900))).toBe(900);
    expect(calls).toHaveLength(3);
  });

  it("keys are separate: one user's capped list says nothing of another's", async () => {
    const { cache, calls, counter } = setup();
    await cache.count("csm:a", counter("a", 1001));
    expect(await cache.count("csm:b", counter("b", 12))).toBe(12);
    expect(calls).toEqual(["a", "b"]);
  });

  it("keeps at most its maximum of keys, dropping the oldest", async () => {
    const { cache, calls, counter } = setup({ max: 3 });
    for (const k of ["a", "b", "c", "d"]) await cache.count(k, counter(k, 5000));
    expect(cache.size).toBe(3);
    calls.length = 0;
    await cache.count("a", counter("a", 5000)); // dropped: counted again
    await cache.count("d", counter("d", 5000)); // kept
    expect(calls).toEqual(["a"]);
  });

  it("a failed count is not remembered", async () => {
    const { cache } = setup();
    await expect(cache.count("k", () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(cache.size).toBe(0);
  });

  it("another cap: remembered above it", async () => {
    const { cache, calls, counter } = setup();
    expect(await cache.count("k", counter("k", 11), 10)).toBe(11);
    expect(await cache.count("k", counter("k", 11), 10)).toBe(11);
    expect(calls).toHaveLength(1);
  });

  it("known and remember: the same rule for counts made elsewhere (several groups in one query)", () => {
    const { cache, advance } = setup();
    expect(cache.known("a")).toBeUndefined();
    cache.remember("a", 1001);
    cache.remember("b", 1000);
    expect([cache.known("a"), cache.known("b")]).toEqual([1001, undefined]);
    cache.remember("a", 40); // counted again and now exact: forgotten
    expect(cache.known("a")).toBeUndefined();
    cache.remember("c", 5000);
    advance(60_001);
    expect(cache.known("c")).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
