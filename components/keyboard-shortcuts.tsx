"use client";

import { useRouter } from "next/navigation";
import { Fragment, useCallback, useEffect, useId, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { IDLE, isIgnored, pressKey, type SequenceState, type Shortcut, type ShortcutAction } from "@/lib/shortcuts/keys";

/** The list's search or filter box: a marked one, else the first field of the page's search form. */
function findSearchBox(): HTMLElement | null {
  return (
    document.querySelector<HTMLElement>("[data-shortcut-search]") ??
    document.querySelector<HTMLElement>('main [role="search"] input:not([type="hidden"]):not([disabled])') ??
    document.querySelector<HTMLElement>('main [role="search"] select:not([disabled])')
  );
}

/**
 * Keyboard shortcuts for the whole portal (lib/shortcuts/keys.ts decides which and when), with
 * the help dialog that `?` or the footer's button opens. A native modal <dialog>: it keeps focus
 * inside, Esc closes it, and focus returns to where it was.
 */
export function KeyboardShortcuts({ shortcuts }: { shortcuts: Shortcut[] }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const state = useRef<SequenceState>(IDLE);
  const titleId = useId();
  // The help's contents are rendered once it is first opened, not on every page the server renders
  // (the layout is part of every page: issue 15). Rendered synchronously before showModal, so the
  // Close button is there to take focus.
  const [opened, setOpened] = useState(false);

  const openHelp = useCallback(() => {
    if (!dialog.current || dialog.current.open) return;
    flushSync(() => setOpened(true));
    dialog.current.showModal();
  }, []);

  useEffect(() => {
    const run = (action: ShortcutAction) => {
      if (action.kind === "help") openHelp();
      else if (action.kind === "navigate") router.push(action.href);
      else {
        const box = findSearchBox();
        if (box) {
          box.focus();
          if (box instanceof HTMLInputElement) box.select();
        }
      }
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (dialog.current?.open) return; // the dialog has its own keys (Esc, Tab)
      if (isIgnored(e, e.target instanceof HTMLElement ? e.target : null)) return;
      const next = pressKey(shortcuts, state.current, e.key, Date.now());
      state.current = next.state;
      if (next.action) {
        e.preventDefault(); // "/" would otherwise open the browser's quick find
        run(next.action);
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [shortcuts, router, openHelp]);

  return (
    <>
      <button type="button" onClick={openHelp} className="underline decoration-slate-300 underline-offset-2 hover:text-slate-700">
        Keyboard shortcuts <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-[11px] text-slate-700">?</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        data-testid="shortcuts-help"
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 text-left text-sm text-slate-800 shadow-xl backdrop:bg-slate-900/40"
      >
        {opened ? (
          <>
            <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
              <h2 id={titleId} className="text-base font-semibold text-slate-900">Keyboard shortcuts</h2>
              <form method="dialog">
                <button type="submit" className="rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-50" autoFocus>
                  Close
                </button>
              </form>
            </div>
            <table className="w-full text-sm">
              <caption className="sr-only">Keyboard shortcuts</caption>
              <thead className="sr-only">
                <tr>
                  <th scope="col">Keys</th>
                  <th scope="col">What they do</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {shortcuts.map((s) => (
                  <tr key={s.keys.join(" ")}>
                    <td className="whitespace-nowrap px-4 py-2">
                      {s.keys.map((k, i) => (
                        <Fragment key={k + i}>
                          {i > 0 ? <span className="px-1 text-slate-500">then</span> : null}
                          <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{k}</kbd>
                        </Fragment>
                      ))}
                    </td>
                    <td className="px-4 py-2 text-slate-700">{s.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="border-t border-slate-200 px-4 py-3 text-xs text-slate-600">Shortcuts do nothing while you type in a field. Esc closes this.</p>
          </>
        ) : null}
      </dialog>
    </>
  );
}
