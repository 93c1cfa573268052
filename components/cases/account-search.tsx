"use client";

import { useEffect, useRef, useState } from "react";
import { accountLabel, type AccountChoice } from "@/lib/cases/account-choice";

type Found = { kind: "idle" } | { kind: "searching" } | { kind: "found"; accounts: AccountChoice[]; more: boolean } | { kind: "failed"; message: string };

/** How long typing pauses before the search goes out, so a name typed quickly is one request. */
const PAUSE_MS = 150;

/**
 * The customer account as a search box, for when there are too many accounts to list in a select
 * (INTAKE_ACCOUNTS_LISTED): a combobox (WAI-ARIA's list autocomplete) whose options are the server's
 * matches for what is typed (GET /api/accounts/search), 20 at a time. Keyboard: ↓/↑ move through the
 * matches (↓ also opens the list), Enter chooses, Escape closes and keeps the account chosen before;
 * leaving the box without choosing keeps it too. On focus the list shows the first accounts by name.
 */
export function AccountSearch({
  id,
  chosen,
  onChoose,
  disabled,
  invalid,
  describedBy,
  className,
}: {
  id: string;
  chosen: AccountChoice | null;
  onChoose: (account: AccountChoice) => void;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
  className: string;
}) {
  const [picked, setPicked] = useState<AccountChoice | null>(chosen);
  // What the user typed since the box last showed the chosen account (null: nothing typed).
  const [typed, setTyped] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<Found>({ kind: "idle" });
  const [active, setActive] = useState(-1);
  const asked = useRef(0);
  const listId = `${id}-listbox`;
  const statusId = `${id}-search-status`;
  const q = typed ?? "";

  useEffect(() => {
    if (!open) return;
    const n = ++asked.current;
    const t = setTimeout(() => {
      setFound({ kind: "searching" });
      fetch(`/api/accounts/search?q=${encodeURIComponent(q)}`, { headers: { accept: "application/json" } })
        .then(async (r) => {
          if (!r.ok) {
            // The route's errors are { error: { code, message } } (lib/http/route.ts).
            const body = (await r.json().catch(() => null)) as { error?: { message?: string } } | null;
            throw new Error(body?.error?.message ?? `The search failed (HTTP ${r.status}).`);
          }
          return (await r.json()) as { accounts: AccountChoice[]; more: boolean };
        })
        .then((body) => {
          if (n !== asked.current) return;
          setFound({ kind: "found", accounts: body.accounts, more: body.more });
          setActive(body.accounts.length > 0 ? 0 : -1);
        })
        .catch((err: unknown) => {
          if (n !== asked.current) return;
          setFound({ kind: "failed", message: err instanceof Error && err.message !== "Failed to fetch" ? err.message : "The search could not reach the server. Check the connection and type again." });
          setActive(-1);
        });
    }, PAUSE_MS);
    return () => clearTimeout(t);
  }, [open, q]);

  const matches = found.kind === "found" ? found.accounts : [];
  const choose = (a: AccountChoice) => {
    setPicked(a);
    setTyped(null);
    setOpen(false);
    onChoose(a);
  };
  const close = () => {
    setOpen(false);
    setTyped(null);
    asked.current++;
    setFound({ kind: "idle" });
  };

  const status =
    !open || found.kind === "idle"
      ? ""
      : found.kind === "searching"
        ? "Searching…"
        : found.kind === "failed"
          ? found.message
          : found.accounts.length === 0
            ? q
              ? `No account you may open cases for matches “${q}”.`
              : "There are no accounts you may open cases for."
            : `${found.accounts.length}${found.more ? "+" : ""} ${found.accounts.length === 1 && !found.more ? "account" : "accounts"}${found.more ? `: the first ${found.accounts.length} by name. Type more of the name or slug to narrow them.` : "."}`;

  return (
    <div className="relative">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 && matches[active] ? `${id}-option-${matches[active]!.id}` : undefined}
        aria-describedby={[statusId, describedBy].filter(Boolean).join(" ")}
        aria-invalid={invalid}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        placeholder="Type the account's name or slug…"
        value={typed ?? (picked ? accountLabel(picked) : "")}
        className={className}
        onFocus={(e) => {
          e.currentTarget.select();
          setOpen(true);
        }}
        onClick={() => setOpen(true)}
        onBlur={close}
        onChange={(e) => {
          setTyped(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            if (!open) setOpen(true);
            else if (matches.length > 0) setActive((i) => Math.min(i + 1, matches.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            if (matches.length > 0) setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === "Enter") {
            // Enter chooses the highlighted account; it never submits the form from here.
            if (open) {
              e.preventDefault();
              const a = matches[active];
              if (a) choose(a);
            }
          } else if (e.key === "Escape") {
            if (open) {
              e.preventDefault();
              close();
            }
          }
        }}
      />
      <p id={statusId} className="sr-only" aria-live="polite">
        {status}
      </p>
      {open ? (
        <div className="absolute z-20 mt-1 w-full overflow-hidden rounded-md border border-slate-300 bg-white shadow-lg">
          <ul id={listId} role="listbox" aria-label="Matching accounts" className="max-h-72 overflow-y-auto py-1 text-sm">
            {matches.map((a, i) => (
              <li
                key={a.id}
                id={`${id}-option-${a.id}`}
                role="option"
                aria-selected={i === active}
                className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-indigo-600 text-white" : "text-slate-800"}`}
                // Chosen on mousedown, before the box's blur closes the list.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(a);
                }}
                onMouseEnter={() => setActive(i)}
              >
                {accountLabel(a)}
              </li>
            ))}
          </ul>
          {status ? (
            <p className={`border-t border-slate-100 px-3 py-1.5 text-xs ${found.kind === "failed" ? "text-red-700" : "text-slate-600"}`} data-testid="account-search-status">
              {status}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
