"use client";

import { useRouter } from "next/navigation";
import { useCallback, type MouseEvent, type ReactNode } from "react";
import { inAppHref } from "@/lib/navigation/in-app-click";

/**
 * A click handler for a list (a table, a <ul>) whose rows link with plain anchors: a click on one
 * of the app's own links navigates client-side, as <Link> would, without a <Link> per row nor a
 * prefetch of every row's page (lib/navigation/in-app-click.ts says which clicks). Keyboard users
 * are served too: Enter on a focused link is a click on it.
 */
export function useInAppLinks(): (e: MouseEvent<HTMLElement>) => void {
  const router = useRouter();
  return useCallback(
    (e: MouseEvent<HTMLElement>) => {
      // The link clicked inside this list (an anchor around the list itself is not the list's).
      const found = e.target instanceof Element ? e.target.closest("a") : null;
      const a = found && e.currentTarget.contains(found) ? found : null;
      const href = inAppHref({
        button: e.button,
        metaKey: e.metaKey,
        ctrlKey: e.ctrlKey,
        shiftKey: e.shiftKey,
        altKey: e.altKey,
        defaultPrevented: e.defaultPrevented,
        anchor: a ? { href: a.getAttribute("href"), target: a.getAttribute("target"), download: a.hasAttribute("download") } : null,
      });
      if (!href) return;
      e.preventDefault();
      router.push(href);
    },
    [router],
  );
}

/**
 * The same for server-rendered lists (the Updates board's sections, its incident notices): the
 * area around them takes the clicks on their plain anchors. A block with no style of its own.
 */
export function InAppLinks({ children }: { children: ReactNode }) {
  const inApp = useInAppLinks();
  return <div onClick={inApp}>{children}</div>;
}
