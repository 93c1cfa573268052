import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The portal's <Link>: next/link without its prefetch. Every portal page is rendered per request
 * (each reads the session), so a prefetch of one brings the browser only the route's tree, and
 * each cost the server a request: with the navigation bar's links prefetched (twice each) and a
 * list's Next, a browser's view of the case list was 15 requests to the server and 277–297 ms of
 * its CPU; without them it was the page and the favicon, 93–104 ms (bench/RESULTS.md,
 * 2026-12-07; the favicon is now cached, next.config.mjs). A click still navigates in the app, with the one request it needed anyway;
 * pass `prefetch` where one is wanted. next/link is imported here only (eslint.config.mjs).
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
