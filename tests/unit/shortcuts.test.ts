import { describe, expect, it } from "vitest";
import { IDLE, isIgnored, isTyping, pressKey, SEQUENCE_TIMEOUT_MS, shortcutsFor, type SequenceState, type ShortcutAction } from "@/lib/shortcuts/keys";

const ALL_PAGES = ["/cases", "/queue", "/approvals", "/updates", "/notifications"];

describe("shortcutsFor: which shortcuts each role gets", () => {
  const keysOf = (role: Parameters<typeof shortcutsFor>[0], pages: readonly string[] = ALL_PAGES) => shortcutsFor(role, pages).map((s) => s.keys.join(" "));
  it.each([
    ["support", ["/", "c", "g q", "g c", "g u", "g a", "?"]],
    ["csm", ["/", "c", "g q", "g c", "g u", "g a", "?"]],
    ["sirt", ["/", "g q", "g c", "g u", "g a", "?"]],
    ["legal", ["/", "g q", "g c", "g u", "g a", "?"]],
    ["admin", ["/", "g q", "g c", "g u", "g a", "?"]],
  ] as const)("%s (c only where the role may open a case)", (role, expected) => {
    expect(keysOf(role)).toEqual(expected);
  });

  it.each([
    ["a CSM without a queue", "csm", ["/cases", "/updates"], ["/", "c", "g c", "g u", "?"]],
    ["SIRT without Updates due", "sirt", ["/cases", "/queue", "/approvals"], ["/", "g q", "g c", "g a", "?"]],
    ["Admin with only cases", "admin", ["/cases", "/admin"], ["/", "g c", "?"]],
  ] as const)("g shortcuts only for the role's pages: %s", (_, role, pages, expected) => {
    expect(keysOf(role, pages)).toEqual(expected);
  });

  it("each sequence goes where its description says", () => {
    const by = Object.fromEntries(shortcutsFor("support", ALL_PAGES).map((s) => [s.keys.join(" "), s.action]));
    expect(by).toMatchObject({ c: { kind: "navigate", href: "/cases/new" }, "g q": { href: "/queue" }, "g c": { href: "/cases" }, "g u": { href: "/updates" }, "g a": { href: "/approvals" }, "?": { kind: "help" }, "/": { kind: "focus-search" } });
  });
});

describe("isTyping / isIgnored", () => {
  it.each([
    ["a text input", { tagName: "INPUT", type: "text" }, true],
    ["an input without a type", { tagName: "input" }, true],
    ["a search input", { tagName: "INPUT", type: "search" }, true],
    ["an email input", { tagName: "INPUT", type: "email" }, true],
    ["a datetime-local input", { tagName: "INPUT", type: "datetime-local" }, true],
    ["a checkbox", { tagName: "INPUT", type: "checkbox" }, false],
    ["a button input", { tagName: "INPUT", type: "submit" }, false],
    ["a textarea", { tagName: "TEXTAREA" }, true],
    ["a select", { tagName: "SELECT" }, true],
    ["contenteditable", { tagName: "DIV", isContentEditable: true }, true],
    ["a button", { tagName: "BUTTON" }, false],
    ["a link", { tagName: "A" }, false],
    ["the page body", { tagName: "BODY" }, false],
    ["nothing", null, false],
  ] as const)("%s", (_, target, typing) => {
    expect(isTyping(target)).toBe(typing);
  });

  it.each([
    ["a plain key on the page", { key: "c" }, false],
    ["Shift for ?", { key: "?" }, false],
    ["Ctrl+C", { key: "c", ctrlKey: true }, true],
    ["Cmd+K", { key: "k", metaKey: true }, true],
    ["Alt+G", { key: "g", altKey: true }, true],
    ["already handled", { key: "c", defaultPrevented: true }, true],
    ["an IME composition", { key: "c", isComposing: true }, true],
  ] as const)("%s", (_, press, ignored) => {
    expect(isIgnored(press, { tagName: "BODY" })).toBe(ignored);
  });

  it("a plain key typed into a field is ignored", () => {
    expect(isIgnored({ key: "c" }, { tagName: "INPUT", type: "text" })).toBe(true);
  });
});

describe("pressKey: key sequences", () => {
  const shortcuts = shortcutsFor("support", ALL_PAGES);
  /** Presses keys at the given times (ms) and returns the actions fired. */
  const play = (presses: [string, number][]) => {
    let state: SequenceState = IDLE;
    const actions: (ShortcutAction | null)[] = [];
    for (const [key, at] of presses) {
      const r = pressKey(shortcuts, state, key, at);
      state = r.state;
      actions.push(r.action);
    }
    return actions;
  };
  const go = (href: string): ShortcutAction => ({ kind: "navigate", href });

  it.each<[string, [string, number][], (ShortcutAction | null)[]]>([
    ["/ focuses the search", [["/", 0]], [{ kind: "focus-search" }]],
    ["? opens help", [["?", 0]], [{ kind: "help" }]],
    ["c opens a new case", [["c", 0]], [go("/cases/new")]],
    ["g then q goes to the queue", [["g", 0], ["q", 300]], [null, go("/queue")]],
    ["g then c goes to cases, not a new case", [["g", 0], ["c", 300]], [null, go("/cases")]],
    ["g then u", [["g", 0], ["u", 10]], [null, go("/updates")]],
    ["g then a", [["g", 0], ["a", 10]], [null, go("/approvals")]],
    ["just within the timeout", [["g", 0], ["q", SEQUENCE_TIMEOUT_MS]], [null, go("/queue")]],
    ["too slow: q alone does nothing", [["g", 0], ["q", SEQUENCE_TIMEOUT_MS + 1]], [null, null]],
    ["too slow: c alone opens a new case", [["g", 0], ["c", SEQUENCE_TIMEOUT_MS + 1]], [null, go("/cases/new")]],
    ["g then an unknown key drops the sequence", [["g", 0], ["x", 10], ["q", 20]], [null, null, null]],
    ["g then / still focuses the search", [["g", 0], ["/", 10]], [null, { kind: "focus-search" }]],
    ["g g q: the second g starts again", [["g", 0], ["g", 10], ["q", 20]], [null, null, go("/queue")]],
    ["q alone does nothing", [["q", 0]], [null]],
    ["unknown keys do nothing", [["x", 0], ["Enter", 5]], [null, null]],
  ])("%s", (_, presses, expected) => {
    expect(play(presses)).toEqual(expected);
  });

  it("a role without the queue gets nothing from g q", () => {
    const csm = shortcutsFor("csm", ["/cases", "/updates"]);
    const first = pressKey(csm, IDLE, "g", 0);
    expect(pressKey(csm, first.state, "q", 10).action).toBeNull();
  });

  it("SIRT's c does nothing (SIRT does not open cases)", () => {
    expect(pressKey(shortcutsFor("sirt", ALL_PAGES), IDLE, "c", 0).action).toBeNull();
  });
});
