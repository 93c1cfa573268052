// The portal's server actions as a client outside the page calls them (issue 12, access matrix;
// issue 14, crash test): the list of actions comes from the production build's
// server-reference-manifest.json, and the answer is React's flight (RSC) text, parsed here. No
// Playwright: the browser specs (tests/e2e/server-actions.ts) and the crash test (scripts/crash/)
// both use it.
import { readFileSync } from "node:fs";
import path from "node:path";
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
