import { describe, expect, it } from "vitest";
import { hasInjectedClock, now, withClock } from "@/lib/clock";

describe("injectable clock", () => {
  it("is the real time outside withClock", () => {
    const before = Date.now();
    const t = now().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
    expect(hasInjectedClock()).toBe(false);
  });

  it("is the injected time inside, through awaits, and only there", async () => {
    const at = new Date("2026-09-01T09:00:00Z");
    const seen: number[] = [];
    const outside = (async () => {
      await new Promise((r) => setTimeout(r, 5));
      return now().getFullYear();
    })();
    await withClock(() => at, async () => {
      seen.push(now().getTime());
      await new Promise((r) => setTimeout(r, 10));
      seen.push(now().getTime());
      expect(hasInjectedClock()).toBe(true);
    });
    expect(seen).toEqual([at.getTime(), at.getTime()]);
    expect(await outside).toBe(new Date().getFullYear());
  });
});
