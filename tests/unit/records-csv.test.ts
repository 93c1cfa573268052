import { describe, expect, it } from "vitest";
import { csvCell, csvRow, jsonCell } from "@/lib/records/csv";

describe("CSV cells of the record exports", () => {
  it.each<[string, Parameters<typeof csvCell>[0], string]>([
    ["plain text", "case.submit", "case.submit"],
    ["empty for null", null, ""],
    ["empty for undefined", undefined, ""],
    ["a number", 42, "42"],
    ["a bigint id", 12345678901234567890n, "12345678901234567890"],
    ["a date as ISO", new Date("2026-12-05T07:30:00.000Z"), "2026-12-05T07:30:00.000Z"],
    ["a comma quotes", "a,b", '"a,b"'],
    ["a quote doubles", 'say "hi"', '"say ""hi"""'],
    ["a newline quotes", "one\ntwo", '"one\ntwo"'],
    ["a CR LF quotes", "one\r\ntwo", '"one\r\ntwo"'],
    ["leading space quotes", " x", '" x"'],
    ["= is a formula", "=HYPERLINK(\"http://x\")", '"\'=HYPERLINK(""http://x"")"'],
    ["+ is a formula", "+1+1", "'+1+1"],
    ["- is a formula", "-1+1", "'-1+1"],
    ["@ is a formula", "@SUM(A1)", "'@SUM(A1)"],
    ["tab start", "\t=1", "'\t=1"],
    ["CR start", "\r=1", "\"'\r=1\""],
    ["= inside is fine", "a=b", "a=b"],
    ["a negative number stays a number", -5, "-5"],
  ])("%s", (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("joins a row with commas and ends it with CRLF", () => {
    expect(csvRow(["id", 1, null, "a,b"])).toBe('id,1,,"a,b"\r\n');
  });

  it("puts JSON in one cell, guarded like any text", () => {
    expect(jsonCell(null)).toBe("");
    expect(csvCell(jsonCell({ a: 1, b: "x,y" }))).toBe('"{""a"":1,""b"":""x,y""}"');
  });
});
