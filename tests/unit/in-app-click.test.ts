import { describe, expect, it } from "vitest";
import { inAppHref, type ClickFacts } from "@/lib/navigation/in-app-click";

const click = (over: Partial<ClickFacts> & { href?: string | null; target?: string | null; download?: boolean } = {}): ClickFacts => {
  const { href = "/cases/1", target = null, download = false, ...rest } = over;
  return { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false, anchor: { href, target, download }, ...rest };
};

describe("inAppHref: which clicks on a list's links navigate inside the app", () => {
  it.each([
    ["a plain click on a case link", click(), "/cases/1"],
    ["a link with a query", click({ href: "/cases?page=2&cursor=abc" }), "/cases?page=2&cursor=abc"],
    ["target _self", click({ target: "_self" }), "/cases/1"],
    ["the middle button (new tab)", click({ button: 1 }), null],
    ["Ctrl (new tab)", click({ ctrlKey: true }), null],
    ["Cmd (new tab on macOS)", click({ metaKey: true }), null],
    ["Shift (new window)", click({ shiftKey: true }), null],
    ["Alt (download on some browsers)", click({ altKey: true }), null],
    ["a handler already took it", click({ defaultPrevented: true }), null],
    ["not on a link", { ...click(), anchor: null }, null],
    ["a download link", click({ href: "/api/reports/x.csv", download: true }), null],
    ["target _blank", click({ target: "_blank" }), null],
    ["another origin", click({ href: "https://example.com/cases/1" }), null],
    ["a protocol-relative URL", click({ href: "//evil.example/cases" }), null],
    ["a fragment", click({ href: "#row-3" }), null],
    ["an API route", click({ href: "/api/cases/1/report.pdf" }), null],
    ["a mailto link", click({ href: "mailto:a@b.test" }), null],
    ["an anchor with no href", click({ href: null }), null],
  ] as const)("%s", (_, facts, expected) => {
    expect(inAppHref(facts)).toBe(expected);
  });
});
