import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  CONTROL_CHARACTER_MESSAGE,
  DATE_RANGE_MESSAGE,
  hasControlCharacter,
  hasLineControlCharacter,
  inDateRange,
  isDateInRange,
  line,
  LINE_BREAK_MESSAGE,
  text,
} from "@/lib/validation/text";

// Issue 12, finding 6: the shared refusals every text field and date goes through.
describe("control characters", () => {
  it.each([
    ["plain text", false, false],
    ["", false, false],
    ["a\u0000b", true, true],
    ["\u0000", true, true],
    ["bell\u0007", true, true],
    ["escape \u001b[31m", true, true],
    ["delete\u007f", true, true],
    ["c1\u0085", true, true],
    ["tab\there", false, true],
    ["two\nlines", false, true],
    ["windows\r\nlines", false, true],
    ["line\u2028separator", false, true],
    ["ünïcødé — “quotes” 日本語 🙂", false, false],
  ])("%j: in text %s, in a line %s", (value, inText, inLine) => {
    expect(hasControlCharacter(value)).toBe(inText);
    expect(hasLineControlCharacter(value)).toBe(inLine);
  });

  it("text() and line() refuse with a message the form shows beside the field", () => {
    const S = z.object({ summary: text(z.string().trim().max(100)), name: line(z.string().trim().min(1)) });
    expect(S.safeParse({ summary: "two\nlines", name: "Dana" }).success).toBe(true);
    const bad = S.safeParse({ summary: "nul\u0000", name: "Da\tna" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["summary", CONTROL_CHARACTER_MESSAGE],
      ["name", LINE_BREAK_MESSAGE],
    ]);
  });
});

describe("dates", () => {
  it.each([
    ["0000-01-01T00:00:00Z", false],
    ["1999-12-31T23:59:59.999Z", false],
    ["2000-01-01T00:00:00Z", true],
    ["2026-03-14T09:00:00Z", true],
    ["2099-12-31T23:59:59.999Z", true],
    ["2100-01-01T00:00:00Z", false],
    ["+275760-09-13T00:00:00Z", false],
  ])("%s in range: %s", (iso, ok) => {
    expect(isDateInRange(new Date(iso))).toBe(ok);
  });

  it("an invalid date is out of range", () => {
    expect(isDateInRange(new Date(NaN))).toBe(false);
  });

  it("inDateRange() keeps null and refuses with the range", () => {
    const S = inDateRange(z.date().nullable());
    expect(S.safeParse(null).success).toBe(true);
    const bad = S.safeParse(new Date("0000-01-01T00:00:00Z"));
    expect(bad.error?.issues[0]?.message).toBe(DATE_RANGE_MESSAGE);
  });
});
