// The page and route table (lib/auth/page-rules.ts) agrees with the code: every page.tsx and
// route.ts under app/ has a row, and each page's requirePageUser(...) names the row's permission
// (the access-matrix e2e test then checks what each identity gets over HTTP).
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLIC } from "@/lib/auth/action-rules";
import { appPathOf, PAGE_RULES, ROUTE_RULES, SIGNED_IN } from "@/lib/auth/page-rules";
import { PERMISSIONS } from "@/lib/auth/permissions";

const APP = path.resolve(__dirname, "../../app");

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesNamed(p, name) : f === name ? [p] : [];
  });
}
const entryOf = (file: string) => path.relative(APP, file).replace(/\\/g, "/").replace(/\.tsx?$/, "");
const pages = filesNamed(APP, "page.tsx");
const routes = filesNamed(APP, "route.ts");

describe("the page and route table", () => {
  it("appPathOf drops route groups and the file", () => {
    expect(appPathOf("/(portal)/cases/[id]/page")).toBe("/cases/[id]");
    expect(appPathOf("/(portal)/page")).toBe("/");
    expect(appPathOf("/api/v1/evaluate/route")).toBe("/api/v1/evaluate");
  });

  it("has exactly one row per page and per route handler", () => {
    expect(pages.map((f) => appPathOf(`/${entryOf(f)}`)).sort()).toEqual(Object.keys(PAGE_RULES).sort());
    expect(routes.map((f) => appPathOf(`/${entryOf(f)}`)).sort()).toEqual(Object.keys(ROUTE_RULES).sort());
  });

  it.each(pages.map((f) => [appPathOf(`/${entryOf(f)}`), f] as const))("%s asks requirePageUser for its row's permission", (p, file) => {
    const rule = PAGE_RULES[p as keyof typeof PAGE_RULES];
    const source = readFileSync(file, "utf8");
    const calls = [...source.matchAll(/requirePageUser\(\s*(?:"([^"]*)")?\s*\)/g)].map((m) => m[1] ?? SIGNED_IN);
    if (rule === PUBLIC) {
      expect(calls).toEqual([]);
    } else {
      expect(calls).toEqual([rule]);
      if (rule !== SIGNED_IN) expect(PERMISSIONS).toHaveProperty([rule]);
    }
    // Admin pages sit under a layout that asks staff.manage, which only Admin has, like every Admin permission.
    if (p.startsWith("/admin")) expect(rule === SIGNED_IN || rule === PUBLIC ? [] : PERMISSIONS[rule].roles).toEqual(["admin"]);
  });
});
