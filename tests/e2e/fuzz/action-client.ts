import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/**
 * Calls a server action over HTTP the way Next's client does (POST to a page that uses it, the
 * action's id in `Next-Action`, the arguments as a JSON array in a text/plain body), without the
 * page. The ids come from the build's manifest, so every action the build has is listed.
 */
export interface ServerActionRef {
  id: string;
  name: string;
  filename: string;
  /** A page path that has the action (dynamic segments filled with an id that names nothing). */
  page: string;
}

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

/** "app/(portal)/cases/[id]/page" -> "/cases/<id>". */
export function pagePathOf(worker: string): string {
  const segments = worker.replace(/^app\//, "").replace(/\/?page$/, "").split("/").filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.map((s) => (s.startsWith("[") ? NO_SUCH_ID : s)).join("/")}`;
}

export function listServerActions(): ServerActionRef[] {
  const manifest = JSON.parse(readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => {
    const workers = Object.keys(a.workers).filter((w) => w.endsWith("/page"));
    // The page with the fewest dynamic segments, so rendering it after the action needs no real record.
    const best = workers.sort((x, y) => (x.match(/\[/g)?.length ?? 0) - (y.match(/\[/g)?.length ?? 0) || x.length - y.length)[0] ?? "app/page";
    return { id, name: a.exportedName ?? "?", filename: a.filename ?? "?", page: pagePathOf(best) };
  });
}

export interface ActionResponse {
  status: number;
  body: string;
  /** The action's ActionResult when the response carried one (the flight row after the first). */
  result?: { ok: boolean; code?: string; error?: string; data?: unknown; fieldErrors?: Record<string, string[]> };
}

/** The ActionResult in a flight response: the row `1:{...}` (row 0 is the page's envelope). */
export function resultOf(body: string): ActionResponse["result"] {
  for (const row of body.split("\n")) {
    const m = /^1:(\{.*\})$/.exec(row);
    if (m) {
      try {
        return JSON.parse(m[1]!);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export async function callAction(
  request: APIRequestContext,
  baseURL: string,
  action: Pick<ServerActionRef, "id" | "page">,
  args: unknown[] | string,
  /** skipRender: ask Next not to render the page after the action (what a forwarded action gets), which the fuzz does not need. */
  opts: { origin?: string | null; contentType?: string; skipRender?: boolean } = {},
): Promise<ActionResponse> {
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
  return { status: res.status(), body, result: resultOf(body) };
}
