import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The portal's <Link>: next/link without its prefetch. Every portal page is rendered per request
 * (each reads the session), so a prefetch of one brings no content, only the route's tree, and
 * each cost the server a request: the navigation bar's seven links and a list's "Next" made a
 * browser's view of the case list 15 requests to the server instead of one, about 170 ms of its
 * CPU against the page's 39 (bench/RESULTS.md, 2026-12-07). A click still navigates in the app
 * (one request, as it needed anyway); `prefetch` can be passed where one is wanted.
 * next/link is imported here only (eslint.config.mjs).
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
