import { describe, expect, it } from "vitest";
import { blockAfterFailures, FREE_FAILURES_PER_ADDRESS, MAX_BLOCK_MS, signInKeys } from "@/lib/auth/throttle-rule";
import { retryDelayMs } from "@/lib/jobs/backoff";

describe("sign-in slow-down", () => {
  it.each([
    [0, 0],
    [1, 0],
    [4, 0],
    [5, 15_000],
    [6, 30_000],
    [7, 60_000],
    [10, 480_000],
    [11, MAX_BLOCK_MS],
    [50, MAX_BLOCK_MS],
  ])("after %i failures sign-in is refused for %i ms", (failures, ms) => {
    expect(blockAfterFailures(failures)).toBe(ms);
  });
});

describe("the per-address allowance is generous", () => {
  it.each([
    [FREE_FAILURES_PER_ADDRESS, 0],
    [FREE_FAILURES_PER_ADDRESS + 1, 15_000],
  ])("after %i failures from one address sign-in is refused for %i ms", (failures, ms) => {
    expect(blockAfterFailures(failures, FREE_FAILURES_PER_ADDRESS)).toBe(ms);
  });

  it("keys an email only together with an address, never alone", () => {
    const keys = signInKeys("a@corp.example", "10.0.0.1");
    expect(keys.account.key).toContain("10.0.0.1");
    expect(keys.address.key).not.toContain("a@corp.example");
  });
});

describe("job retry back-off", () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [12, 3_600_000],
    [40, 3_600_000],
  ])("attempt %i waits %i ms (no jitter)", (attempt, ms) => {
    expect(retryDelayMs(attempt, () => 0)).toBe(ms);
  });

  it("jitter adds at most 20%", () => {
    expect(retryDelayMs(1, () => 1)).toBe(6_000);
  });
});
