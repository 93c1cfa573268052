// Keyboard shortcuts as in Jira and GitHub: single keys ("/", "c", "?") and two-key sequences
// ("g" then "q"). Pure: which shortcuts a role gets, which key presses are ignored, and the
// small state machine that turns presses into actions. components/keyboard-shortcuts.tsx
// listens for keys and carries the actions out.
import { can, type Role } from "@/lib/auth/permissions";

export type ShortcutAction = { kind: "focus-search" } | { kind: "help" } | { kind: "navigate"; href: string };

export interface Shortcut {
  /** The keys in order: ["/"], ["g", "q"]. */
  keys: string[];
  description: string;
  action: ShortcutAction;
}

/** How long the second key of a sequence may follow the first (GitHub uses about as long). */
export const SEQUENCE_TIMEOUT_MS = 1500;

const GO_TO: { key: string; href: string; label: string }[] = [
  { key: "q", href: "/queue", label: "your queue" },
  { key: "c", href: "/cases", label: "cases" },
  { key: "u", href: "/updates", label: "updates due" },
  { key: "a", href: "/approvals", label: "approvals" },
];

/**
 * The shortcuts of a role: `/` and `?` for everyone, `c` for roles that may open a case, and
 * `g` + key for each section the role's navigation has (`pages`: the hrefs it may open).
 */
export function shortcutsFor(role: Role, pages: readonly string[]): Shortcut[] {
  return [
    { keys: ["/"], description: "Focus the search or filter box of this list", action: { kind: "focus-search" } },
    ...(can(role, "case.create") ? [{ keys: ["c"], description: "New information request", action: { kind: "navigate", href: "/cases/new" } } satisfies Shortcut] : []),
    ...GO_TO.filter((g) => pages.includes(g.href)).map((g): Shortcut => ({ keys: ["g", g.key], description: `Go to ${g.label}`, action: { kind: "navigate", href: g.href } })),
    { keys: ["?"], description: "Show these keyboard shortcuts", action: { kind: "help" } },
  ];
}

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Already handled by something else (a form control, an open menu). */
  defaultPrevented?: boolean;
  /** Set for keys typed into an IME composition. */
  isComposing?: boolean;
}

/** The element the key went to, as much of it as the decision needs. */
export interface KeyTarget {
  tagName?: string;
  isContentEditable?: boolean;
  /** For inputs: buttons and checkboxes do not take text, text fields do. */
  type?: string;
}

const NON_TEXT_INPUTS = new Set(["button", "checkbox", "radio", "submit", "reset", "image", "file", "range", "color"]);

/** Whether a key press is someone typing: into a text field, a text area, a select or editable content. */
export function isTyping(target: KeyTarget | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? "").toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !NON_TEXT_INPUTS.has((target.type ?? "text").toLowerCase());
  return false;
}

/** Presses that never trigger a shortcut: with Ctrl, Cmd or Alt (browser and system keys), while typing, or already handled. */
export function isIgnored(press: KeyPress, target: KeyTarget | null | undefined): boolean {
  return !!(press.ctrlKey || press.metaKey || press.altKey || press.defaultPrevented || press.isComposing) || isTyping(target);
}

export interface SequenceState {
  /** The first key of a sequence, waiting for its second. */
  pending: string | null;
  /** When the pending key was pressed (ms). */
  at: number;
}

export const IDLE: SequenceState = { pending: null, at: 0 };

/**
 * The next state and the action, if any, after `key` is pressed at `now`. A key that starts a
 * sequence waits for its second key (up to SEQUENCE_TIMEOUT_MS); a second key that completes
 * no sequence drops the first and is tried on its own.
 */
export function pressKey(shortcuts: readonly Shortcut[], state: SequenceState, key: string, now: number): { state: SequenceState; action: ShortcutAction | null } {
  const pending = state.pending && now - state.at <= SEQUENCE_TIMEOUT_MS ? state.pending : null;
  if (pending) {
    const done = shortcuts.find((s) => s.keys.length === 2 && s.keys[0] === pending && s.keys[1] === key);
    if (done) return { state: IDLE, action: done.action };
  }
  const single = shortcuts.find((s) => s.keys.length === 1 && s.keys[0] === key);
  if (single) return { state: IDLE, action: single.action };
  if (shortcuts.some((s) => s.keys.length === 2 && s.keys[0] === key)) return { state: { pending: key, at: now }, action: null };
  return { state: IDLE, action: null };
}
