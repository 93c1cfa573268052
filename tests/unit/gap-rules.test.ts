import { describe, expect, it } from "vitest";
import { filingStateInWords, initialFilingState, mayRecordGap, mayRetryFiling } from "@/lib/gaps/rules";
import { ZGapRange } from "@/lib/gaps/schemas";
import { analyticsRangeOf } from "@/lib/gaps/analytics-range";

describe("who records the gap, and when (step 10)", () => {
  const shared = { team: "sirt", status: "shared", logDiveDone: true };
  it.each<[string, Parameters<typeof mayRecordGap>[0], string, Parameters<typeof mayRecordGap>[2], string | null]>([
    ["SIRT on its shared case", shared, "sirt", null, null],
    ["Support on its in-progress case", { team: "support", status: "in_progress", logDiveDone: false }, "support", null, null],
    ["an accepted case whose log-dive was done", { team: "sirt", status: "accepted", logDiveDone: true }, "sirt", null, null],
    ["Support on a SIRT case", shared, "support", null, "FORBIDDEN"],
    ["a case never routed", { team: null, status: "submitted", logDiveDone: false }, "support", null, "FORBIDDEN"],
    ["before the log-dive", { team: "sirt", status: "accepted", logDiveDone: false }, "sirt", null, "INVALID_STATE"],
    ["a closed case", { team: "sirt", status: "closed", logDiveDone: true }, "sirt", null, "INVALID_STATE"],
    ["a kept record (amend)", shared, "sirt", { filingState: "kept", issueIid: null }, null],
    ["a stopped record (amend)", shared, "sirt", { filingState: "stopped", issueIid: null }, null],
    ["a filed record", shared, "sirt", { filingState: "filed", issueIid: 7 }, "INVALID_STATE"],
  ])("%s", (_, c, role, record, code) => {
    const r = mayRecordGap(c, role, record);
    expect(r.ok ? null : r.code).toBe(code);
    if (!r.ok && record?.filingState === "filed") expect(r.message).toContain("#7");
  });

  it.each([
    [true, true, "not_needed"],
    [true, false, "not_needed"],
    [false, true, "queued"],
    [false, false, "kept"],
  ] as const)("no gap %s, tracker %s -> %s", (noGap, tracker, state) => expect(initialFilingState(noGap, tracker)).toBe(state));

  it.each([
    ["stopped", true, true],
    ["kept", true, true],
    ["stopped", false, false],
    ["queued", true, false],
    ["filed", true, false],
    ["not_needed", true, false],
  ] as const)("retry of %s (tracker %s): %s", (filingState, tracker, ok) => expect(mayRetryFiling({ filingState }, tracker).ok).toBe(ok));

  it("says each filing state in words", () => {
    const base = { filingAttempts: 0, nextAttemptAt: null, filingError: null, issueIid: null };
    expect(filingStateInWords({ ...base, filingState: "filed", issueIid: 12 })).toBe("Filed as issue #12.");
    expect(filingStateInWords({ ...base, filingState: "kept" })).toMatch(/by hand/);
    expect(filingStateInWords({ ...base, filingState: "queued", filingAttempts: 2, filingError: "The tracker answered 503.", nextAttemptAt: new Date("2026-05-01T10:05:00Z") })).toBe(
      "Not filed yet: attempt 2 failed (The tracker answered 503); trying again at 2026-05-01 10:05 UTC.",
    );
    expect(filingStateInWords({ ...base, filingState: "stopped", filingAttempts: 1, filingError: "401: set GAP_TRACKER_TOKEN." })).toMatch(/stopped after 1 attempt: 401/);
  });
});

describe("the date range of the analytics and exports", () => {
  it.each([
    [{ from: "2026-01-01", to: "2026-01-01" }, null],
    [{ from: "2021-01-01", to: "2026-01-01" }, null],
    [{ from: "2026-02-01", to: "2026-01-31" }, /end date comes before the start date/],
    [{ from: "2020-12-31", to: "2026-01-01" }, /spans more than 5 years\. Pick an end at most 5 years after the start \(2025-12-31\)/],
    [{ from: "2026-13-01", to: "2026-12-01" }, /Enter a real date/],
    [{ from: "2026-02-30", to: "2026-03-01" }, /Enter a real date/],
    [{ from: "yesterday", to: "2026-12-01" }, /YYYY-MM-DD/],
  ])("%j", (input, message) => {
    const r = ZGapRange.safeParse(input);
    if (message === null) expect(r.success).toBe(true);
    else expect(r.error?.issues[0]?.message).toMatch(message);
  });

  it("defaults to the last twelve months, the end day included", () => {
    const r = analyticsRangeOf({}, new Date("2026-12-05T10:00:00Z"));
    expect(r.values).toEqual({ from: "2025-12-06", to: "2026-12-05" });
    expect(r.range!.toExclusive.toISOString()).toBe("2026-12-06T00:00:00.000Z");
  });
});
