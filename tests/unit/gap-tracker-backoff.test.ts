// The gap issue filing's back-off and the state it leaves (lib/gap-tracker/file-gap-issue.ts).
import { describe, expect, it } from "vitest";
import { filingStateAfter, MAX_ATTEMPTS, retryDelayMs } from "@/lib/gap-tracker/file-gap-issue";
import { projectSegment } from "@/lib/gap-tracker/client";

const MIN = 60_000;
const H = 60 * MIN;

describe("retryDelayMs", () => {
  it.each([
    [0, null],
    [-1, null],
    [1.5, null],
    [1, 1 * MIN],
    [2, 5 * MIN],
    [3, 30 * MIN],
    [4, 2 * H],
    [5, 6 * H],
    [10, 6 * H],
    [MAX_ATTEMPTS - 1, 6 * H],
    [MAX_ATTEMPTS, null],
    [MAX_ATTEMPTS + 5, null],
  ])("after %s failed attempts: %s ms", (n, ms) => expect(retryDelayMs(n)).toBe(ms));

  it("gives up after about three days", () => {
    let total = 0;
    for (let n = 1; retryDelayMs(n) !== null; n++) total += retryDelayMs(n)!;
    expect(total / H).toBeGreaterThan(48);
    expect(total / H).toBeLessThan(96);
  });
});

describe("filingStateAfter", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  it.each([
    [{ kind: "filed", iid: 7, webUrl: "https://t/7" }, 1, { state: "filed", iid: 7, webUrl: "https://t/7" }],
    [{ kind: "alreadyFiled", iid: 7, webUrl: "https://t/7" }, 3, { state: "filed", iid: 7, webUrl: "https://t/7" }],
    [{ kind: "stopped", status: 401, reason: "token" }, 1, { state: "stopped", reason: "token", attempts: 1 }],
    [{ kind: "invalid", reason: "bad" }, 1, { state: "stopped", reason: "bad", attempts: 1 }],
    [{ kind: "retry", reason: "500" }, 1, { state: "waiting", nextAttemptAt: new Date("2026-12-01T10:01:00Z"), reason: "500", attempts: 1 }],
    [{ kind: "retry", reason: "500" }, 5, { state: "waiting", nextAttemptAt: new Date("2026-12-01T16:00:00Z"), reason: "500", attempts: 5 }],
    [{ kind: "retry", reason: "500" }, MAX_ATTEMPTS, { state: "stopped", reason: `Gave up after ${MAX_ATTEMPTS} attempts. Last: 500`, attempts: MAX_ATTEMPTS }],
  ] as const)("%j after %s attempts", (outcome, attempts, state) => expect(filingStateAfter(outcome, attempts, now)).toEqual(state));
});

describe("projectSegment", () => {
  it.each([
    ["42", "42"],
    [" 42 ", "42"],
    ["security/audit-events", "security%2Faudit-events"],
    ["security%2Faudit-events", "security%2Faudit-events"],
    ["a/b/c", "a%2Fb%2Fc"],
  ])("%j -> %s", (p, seg) => expect(projectSegment(p)).toBe(seg));
});
