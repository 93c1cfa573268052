import { PAGE_RULES, ROUTE_RULES } from "@/lib/auth/page-rules";

/**
 * The App Router pattern a request path is served by ("/cases/5f0c…" -> "/cases/[id]"), the label
 * of the request-latency histogram: never the raw path, whose ids would make a series per case
 * (and put ids in the metrics). Pure; no `server-only` (server.ts uses it).
 */

/** Paths that are no page or route of the table but that the server answers. */
export const OTHER_ROUTES = {
  nextStatic: "/_next/static",
  nextOther: "/_next",
  publicFile: "(public file)",
  unmatched: "(unmatched)",
} as const;

const PUBLIC_FILES = new Set(["/favicon.ico", "/favicon.svg", "/robots.txt"]);

type Segment = { kind: "static"; value: string } | { kind: "dynamic" } | { kind: "catch-all"; optional: boolean };

interface CompiledPattern {
  pattern: string;
  segments: Segment[];
}

function compile(pattern: string): CompiledPattern {
  const segments = pattern
    .split("/")
    .filter(Boolean)
    .map((s): Segment => {
      if (/^\[\[\.\.\.[^\]]+\]\]$/.test(s)) return { kind: "catch-all", optional: true };
      if (/^\[\.\.\.[^\]]+\]$/.test(s)) return { kind: "catch-all", optional: false };
      if (/^\[[^\]]+\]$/.test(s)) return { kind: "dynamic" };
      return { kind: "static", value: s };
    });
  return { pattern, segments };
}

/** How specific a match is: static segments beat dynamic ones, which beat catch-alls (Next's order). */
function score(p: CompiledPattern): number[] {
  return p.segments.map((s) => (s.kind === "static" ? 3 : s.kind === "dynamic" ? 2 : 1));
}

function matches(p: CompiledPattern, parts: string[]): boolean {
  const segs = p.segments;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.kind === "catch-all") return s.optional ? parts.length >= i : parts.length > i;
    const part = parts[i];
    if (part === undefined) return false;
    if (s.kind === "static" && s.value !== part) return false;
  }
  return parts.length === segs.length;
}

/** A matcher over the given App Router patterns (default: every page and route of lib/auth/page-rules.ts). */
export function routePatternMatcher(patterns: readonly string[] = [...Object.keys(PAGE_RULES), ...Object.keys(ROUTE_RULES)]) {
  const compiled = patterns.map(compile).sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
      const d = (sb[i] ?? 0) - (sa[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  return (url: string | undefined): string => {
    let pathname: string;
    try {
      pathname = new URL(url ?? "/", "http://x").pathname;
    } catch {
      return OTHER_ROUTES.unmatched;
    }
    if (pathname.startsWith("/_next/static/")) return OTHER_ROUTES.nextStatic;
    if (pathname.startsWith("/_next/")) return OTHER_ROUTES.nextOther;
    if (PUBLIC_FILES.has(pathname)) return OTHER_ROUTES.publicFile;
    let parts: string[];
    try {
      parts = pathname.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
    } catch {
      return OTHER_ROUTES.unmatched;
    }
    for (const p of compiled) if (matches(p, parts)) return p.pattern;
    return OTHER_ROUTES.unmatched;
  };
}

let defaultMatcher: ((url: string | undefined) => string) | undefined;

/** The route pattern of a request URL (path and query, as `req.url` has it), over every page and route of the portal. */
export function routePatternOf(url: string | undefined): string {
  defaultMatcher ??= routePatternMatcher();
  return defaultMatcher(url);
}
