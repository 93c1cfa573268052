// Calls the portal's server actions by direct POST, without the page (issue 12, access matrix): the
// list of actions comes from the production build's server-reference-manifest.json, so an action
// added to the code is found here whether or not anyone wrote a rule for it.
import type { APIRequestContext } from "@playwright/test";
import { parseActionResponse, serverActions, urlOf, type ActionAnswer, type ServerAction } from "../support/server-actions";

// The parts without Playwright live in tests/support/server-actions.ts (the crash test uses them too).
export { appPaths, parseActionResponse, serverActions, urlOf, type ActionAnswer, type ServerAction } from "../support/server-actions";

/** An action as the fuzz and the hostile-request specs call it: one page to POST to, with its ids filled. */
export interface ServerActionRef {
  id: string;
  name: string;
  filename: string;
  /** A page path that has the action (dynamic segments filled with an id that names nothing). */
  page: string;
}

/** Every server action of the build, each with the page of fewest dynamic segments that carries it. */
export function listServerActions(): ServerActionRef[] {
  return [...serverActions().values()].map((a) => {
    const best = [...a.pages].sort((x, y) => (x.match(/\[/g)?.length ?? 0) - (y.match(/\[/g)?.length ?? 0) || x.length - y.length)[0] ?? "/";
    return { id: a.id, name: a.exportedName, filename: a.filename, page: urlOf(best) };
  });
}

/**
 * POSTs to a server action the way React's client does (POST to a page that uses it, the action's id
 * in `Next-Action`, the arguments as a JSON array in a text/plain body), or with the body, content
 * type and Origin a test chooses (`origin: null` sends none). `skipRender` asks Next not to render
 * the page after the action (what a forwarded action gets).
 */
export async function postAction(
  request: APIRequestContext,
  baseURL: string,
  action: Pick<ServerActionRef, "id" | "page">,
  args: unknown[] | string,
  opts: { origin?: string | null; contentType?: string; skipRender?: boolean } = {},
): Promise<{ status: number; body: string; result: ActionAnswer["result"]; redirect: string | null }> {
  const origin = opts.origin === undefined ? new URL(baseURL).origin : opts.origin;
  const res = await request.post(action.page, {
    headers: {
      "Next-Action": action.id,
      Accept: "text/x-component",
      "Content-Type": opts.contentType ?? "text/plain;charset=UTF-8",
      ...(origin === null ? {} : { Origin: origin }),
      ...(opts.skipRender ? { "x-action-forwarded": "1" } : {}),
    },
    data: typeof args === "string" ? args : JSON.stringify(args),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const body = await res.text();
  return { status: res.status(), body, result: parseActionResponse(body), redirect: res.headers()["x-action-redirect"] ?? res.headers()["location"] ?? null };
}

/**
 * POSTs `args` to the action the way React's client does, from the portal's own origin, on the
 * first page that carries it (its [segments] filled from `params`).
 */
export async function callAction(
  request: APIRequestContext,
  action: ServerAction,
  args: unknown[],
  opts: { baseURL: string; page?: string; params?: Record<string, string> },
): Promise<ActionAnswer> {
  return postAction(request, opts.baseURL, { id: action.id, page: urlOf(opts.page ?? action.pages[0] ?? "/", opts.params) }, args);
}
