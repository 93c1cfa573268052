// Calls the portal's server actions by direct POST, without the page (issue 12, access matrix): the
// list of actions comes from the production build's server-reference-manifest.json, so an action
// added to the code is found here whether or not anyone wrote a rule for it.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { appPathOf } from "../../lib/auth/page-rules";

export interface ServerAction {
  id: string;
  exportedName: string;
  filename: string;
  /** The page paths that carry the action (any of them accepts its POST). */
  pages: string[];
}

type Manifest = { node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }> };

const BUILD = path.resolve(".next/server");

/** Every server action of the build, by exported name. */
export function serverActions(): Map<string, ServerAction> {
  const m = JSON.parse(readFileSync(path.join(BUILD, "server-reference-manifest.json"), "utf8")) as Manifest;
  const out = new Map<string, ServerAction>();
  for (const [id, entry] of Object.entries(m.node)) {
    const exportedName = entry.exportedName ?? id;
    const pages = Object.keys(entry.workers)
      .filter((w) => w.endsWith("/page"))
      .map((w) => appPathOf(w.replace(/^app/, "")));
    out.set(exportedName, { id, exportedName, filename: entry.filename ?? "", pages });
  }
  return out;
}

/** Every page and route handler of the build, as App Router paths ("/cases/[id]", "/api/health"). */
export function appPaths(): { pages: string[]; routes: string[] } {
  const m = JSON.parse(readFileSync(path.join(BUILD, "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  const keys = Object.keys(m).filter((k) => !/\/_(not-found|global-error)\//.test(k));
  return {
    pages: keys.filter((k) => k.endsWith("/page")).map(appPathOf),
    routes: keys.filter((k) => k.endsWith("/route")).map(appPathOf),
  };
}

/** A concrete URL for an App Router path: each [segment] filled from `params`, or a well-formed id no record has. */
export function urlOf(appPath: string, params: Record<string, string> = {}): string {
  return appPath.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_m, name: string) => params[name] ?? "00000000-0000-4000-8000-000000000000");
}

export interface ActionAnswer {
  status: number;
  /** The ActionResult the action returned, or null when the server answered otherwise (a redirect, an error page). */
  result: { ok: boolean; code?: string; error?: string; fieldErrors?: Record<string, string[]>; data?: unknown } | null;
  /** Where the answer redirected to (Next's x-action-redirect), if it did. */
  redirect: string | null;
  body: string;
}

/** The value of the RSC row the action's answer names (row 0 is `{ a: "$@1", ... }` or holds it inline). */
export function parseActionResponse(text: string): ActionAnswer["result"] {
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  const row = (id: string): unknown => {
    const raw = rows.get(id);
    if (raw === undefined) return undefined;
    try {
      // React's flight encoding writes an undefined field as "$undefined".
      return JSON.parse(raw, (_k, v: unknown) => (v === "$undefined" ? undefined : v));
    } catch {
      return undefined;
    }
  };
  const first = row("0") as { a?: unknown } | undefined;
  let value: unknown = first && typeof first === "object" && "a" in first ? first.a : undefined;
  if (typeof value === "string" && value.startsWith("$@")) value = row(value.slice(2));
  if (value && typeof value === "object" && "ok" in value) return value as ActionAnswer["result"];
  // Some versions answer the action's value on its own row: take the first ActionResult-shaped row.
  for (const id of rows.keys()) {
    const v = row(id);
    if (v && typeof v === "object" && "ok" in v) return v as ActionAnswer["result"];
  }
  return null;
}

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
