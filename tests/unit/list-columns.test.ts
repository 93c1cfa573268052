import { describe, expect, it } from "vitest";
import { previewText } from "@/lib/format/text";
import { updateDueOf } from "@/lib/updates/due";

describe("previewText (the list's one-line incident summary)", () => {
  it.each([
    ["short text as it is", "Token used from an unknown IP.", 40, "Token used from an unknown IP."],
    ["line breaks and runs of spaces folded", "Line one.\n\n  Line   two.", 40, "Line one. Line two."],
    ["long text cut at a word, with an ellipsis", "A token was used from an unknown location; Audit Events does not show the pushes.", 40, "A token was used from an unknown…"],
    ["trailing punctuation dropped before the ellipsis", "Pushes, merges, deploys, and more things happened here", 26, "Pushes, merges, deploys…"],
    ["one long word cut hard", "x".repeat(50), 10, `${"x".repeat(9)}…`],
    ["exactly max characters kept", "a".repeat(20), 20, "a".repeat(20)],
    ["empty", "", 20, ""],
    ["null", null, 20, ""],
  ] as const)("%s", (_, text, max, expected) => {
    const out = previewText(text, max);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(max);
  });

  it("keeps a 20,000-character summary to the limit", () => {
    expect(previewText("word ".repeat(4000)).length).toBeLessThanOrEqual(120);
  });
});

describe("updateDueOf (next update due and overdue in lists)", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  const before = new Date("2026-11-25T11:59:00Z");
  const after = new Date("2026-11-25T12:01:00Z");
  it.each([
    ["accepted, due later", "accepted", after, { due: after, isOverdue: false }],
    ["in progress, past due", "in_progress", before, { due: before, isOverdue: true }],
    ["artefacts in review, past due", "artefacts_in_review", before, { due: before, isOverdue: true }],
    ["approved, due later", "approved", after, { due: after, isOverdue: false }],
    ["due exactly now is not yet overdue", "accepted", now, { due: now, isOverdue: false }],
    ["shared: the clock has stopped", "shared", before, null],
    ["closed: the clock has stopped", "closed", before, null],
    ["submitted: no clock yet", "submitted", null, null],
    ["accepted without a due time", "accepted", null, null],
  ] as const)("%s", (_, status, nextUpdateDue, expected) => {
    expect(updateDueOf({ status, nextUpdateDue }, now)).toEqual(expected);
  });
});
