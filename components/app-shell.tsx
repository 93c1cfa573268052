import Link from "@/components/ui/app-link";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { shortcutsFor } from "@/lib/shortcuts/keys";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import type { ActionResult } from "@/lib/action";

export function AppShell({ user, nav, version, signOutEverywhere, children }: { user: { name: string; email: string; role: Role }; nav: { href: string; label: string }[]; version: string; signOutEverywhere?: () => Promise<ActionResult<{ sessionsEnded: number }>>; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-center gap-6">
            <Link href="/" className="text-lg font-semibold tracking-tight text-white">
              Logdesk
            </Link>
            <nav aria-label="Main">
              <NavLinks items={nav} />
            </nav>
          </div>
          <div className="flex items-center gap-3">
            <div className="text-right text-xs leading-tight">
              <div className="font-medium text-white" data-testid="signed-in-user">{user.name}</div>
              <div className="text-slate-400">{ROLE_LABELS[user.role]}</div>
            </div>
            <SignOutButton signOutEverywhere={signOutEverywhere} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-slate-200 py-4 text-center text-xs text-slate-500">
        Logdesk {version} · Customers never sign in here: everything customer-facing goes through Support or the CSM. ·{" "}
        <KeyboardShortcuts shortcuts={shortcutsFor(user.role, nav.map((n) => n.href))} />
      </footer>
    </div>
  );
}
