import { AppShell } from "@/components/app-shell";
import { requirePageUser } from "@/lib/auth/session";
import { navFor } from "@/lib/nav";
import { VERSION } from "@/lib/version";
import { signOutEverywhereAction } from "./session-actions";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const nav = navFor(user.role).map(({ href, label }) => ({ href, label }));
  return (
    <AppShell user={user} nav={nav} version={VERSION} signOutEverywhere={signOutEverywhereAction}>
      {children}
    </AppShell>
  );
}
