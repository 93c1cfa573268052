/**
 * Whether a click on a list's link should navigate inside the app (client-side, as Next's <Link>
 * does) and to where. Lists render their rows' links as plain anchors and handle clicks once, on
 * the list: a <Link> per row cost the page's server render about 35 µs each, and in the browser
 * each visible row's link asked the server for a prefetch of its case page (a list of 25 cases made
 * 25 more requests per view, issue 15). A click that means something else to the browser (another
 * button, a modifier key for a new tab or window, a download, a target, another origin) is left to
 * the browser. Pure: the hook in components/ui/in-app-links.tsx reads these from the event.
 */
export interface ClickFacts {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
  /** The nearest anchor around the click target, as its attributes; null when the click was not on a link. */
  anchor: { href: string | null; target: string | null; download: boolean } | null;
}

export function inAppHref(c: ClickFacts): string | null {
  if (c.defaultPrevented || c.button !== 0 || c.metaKey || c.ctrlKey || c.shiftKey || c.altKey) return null;
  const a = c.anchor;
  if (!a || a.download || (a.target && a.target !== "_self")) return null;
  const href = a.href;
  // The app's own paths only: "/cases/…", not "//host/…" (another origin) nor a same-page "#…".
  if (!href || !href.startsWith("/") || href.startsWith("//")) return null;
  // API routes and files are not pages the router can render.
  if (href.startsWith("/api/") || href.startsWith("/_next/")) return null;
  return href;
}
