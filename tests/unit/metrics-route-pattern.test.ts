// The request-latency histogram's route label (issue 14): the App Router pattern, never the raw path.
import { describe, expect, it } from "vitest";
import { OTHER_ROUTES, routePatternMatcher, routePatternOf } from "@/lib/metrics/route-pattern";

const ID = "5f0c9a8e-1b2c-4d3e-8f90-123456789abc";

describe("routePatternOf", () => {
  it.each([
    ["/", "/"],
    ["/cases", "/cases"],
    ["/cases?status=accepted&page=2", "/cases"],
    ["/cases/", "/cases"],
    ["/cases/new", "/cases/new"], // static beats [id]
    [`/cases/${ID}`, "/cases/[id]"],
    [`/cases/${ID}/edit`, "/cases/[id]/edit"],
    [`/cases/${ID}/artefacts/${ID}`, "/cases/[id]/artefacts/[artefactId]"],
    ["/admin/accounts/new", "/admin/accounts/new"],
    ["/admin/accounts/import", "/admin/accounts/import"],
    [`/admin/accounts/${ID}`, "/admin/accounts/[id]"],
    ["/invite/abcdefabcdef", "/invite/[token]"],
    ["/api/health", "/api/health"],
    ["/api/metrics", "/api/metrics"],
    ["/api/auth/session", "/api/auth/[...nextauth]"],
    ["/api/auth/callback/credentials", "/api/auth/[...nextauth]"],
    ["/api/cases/export?status=open", "/api/cases/export"], // static beats [id]
    [`/api/cases/${ID}/artefacts?filename=x.log`, "/api/cases/[id]/artefacts"],
    [`/api/cases/${ID}/report.pdf`, "/api/cases/[id]/report.pdf"],
    [`/api/artefacts/${ID}/shares/${ID}/manifest`, "/api/artefacts/[id]/shares/[shareId]/manifest"],
    ["/api/gaps/export.csv", "/api/gaps/export.csv"],
    ["/api/reports/outcomes.csv", "/api/reports/[chart]"],
    ["/_next/static/chunks/app-123.js", OTHER_ROUTES.nextStatic],
    ["/_next/image?url=x", OTHER_ROUTES.nextOther],
    ["/favicon.svg", OTHER_ROUTES.publicFile],
    ["/robots.txt", OTHER_ROUTES.publicFile],
    [`/no/such/${ID}`, OTHER_ROUTES.unmatched],
    ["/api/auth", OTHER_ROUTES.unmatched], // a required catch-all needs a segment
    [`/cases/${ID}/edit/more`, OTHER_ROUTES.unmatched],
    ["/%E0%A4%A", OTHER_ROUTES.unmatched], // malformed escape
    [undefined, "/"],
  ])("%s -> %s", (url, pattern) => {
    expect(routePatternOf(url)).toBe(pattern);
  });

  it("an optional catch-all matches its parent too", () => {
    const m = routePatternMatcher(["/docs/[[...slug]]", "/docs/intro"]);
    expect(m("/docs")).toBe("/docs/[[...slug]]");
    expect(m("/docs/a/b")).toBe("/docs/[[...slug]]");
    expect(m("/docs/intro")).toBe("/docs/intro");
  });

  it("never returns a raw id: every label is a pattern or one of the fixed others", () => {
    const labels = new Set([`/cases/${ID}`, `/api/artefacts/${ID}/download`, `/x/${ID}`, `/invite/${ID}`].map(routePatternOf));
    for (const l of labels) expect(l).not.toContain(ID);
  });
});
