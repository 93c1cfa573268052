import { describe, expect, it } from "vitest";
import { baselineSecurityHeaders, contentSecurityPolicy, isHttpsUrl, isPagePath, newNonce, securityHeaders } from "@/lib/http/security-headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe("the page Content-Security-Policy", () => {
  const nonce = "bm9uY2Utbm9uY2Utbm9uY2U=";
  const prod = directives(contentSecurityPolicy({ nonce, https: false }));
  const dev = directives(contentSecurityPolicy({ nonce, https: false, dev: true }));

  it.each([
    ["script-src", ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]],
    ["style-src", ["'self'", `'nonce-${nonce}'`]],
    ["style-src-attr", ["'unsafe-inline'"]],
    ["frame-ancestors", ["'none'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
    ["default-src", ["'self'"]],
  ])("production %s is %j", (name, values) => {
    expect(prod.get(name)).toEqual(values);
  });

  it("never allows inline or eval'd script in production", () => {
    for (const [name, values] of prod) {
      if (name.startsWith("script-src") || name === "default-src") {
        expect(values).not.toContain("'unsafe-inline'");
        expect(values).not.toContain("'unsafe-eval'");
      }
    }
  });

  it("keeps the nonce where Next looks for it (the first nonce source of script-src)", () => {
    const scriptSrc = contentSecurityPolicy({ nonce, https: false }).split(";").find((d) => d.trim().startsWith("script-src"))!;
    expect(scriptSrc.trim().split(/\s+/).find((s) => s.startsWith("'nonce-"))).toBe(`'nonce-${nonce}'`);
  });

  it("in development adds only what React's dev tools and the hot reloader need", () => {
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("script-src")).not.toContain("'unsafe-inline'");
    expect(dev.get("style-src")).toContain("'unsafe-inline'");
    expect(dev.get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("the other headers", () => {
  it.each([
    [false, undefined],
    [true, "max-age=63072000; includeSubDomains"],
  ])("https=%s gives HSTS %s", (https, hsts) => {
    expect(securityHeaders({ nonce: "x", https })["Strict-Transport-Security"]).toBe(hsts);
    expect(baselineSecurityHeaders({ https })["Strict-Transport-Security"]).toBe(hsts);
  });

  it.each([["X-Frame-Options", "DENY"], ["X-Content-Type-Options", "nosniff"], ["Referrer-Policy", "no-referrer"]])("%s: %s on pages and on everything else", (name, value) => {
    expect(securityHeaders({ nonce: "x", https: false })[name]).toBe(value);
    expect(baselineSecurityHeaders({ https: false })[name]).toBe(value);
  });

  it("turns off the browser features the portal does not use", () => {
    const policy = baselineSecurityHeaders({ https: false })["Permissions-Policy"]!;
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(policy).toContain(`${feature}=()`);
  });

  it("gives responses that are not pages (API, files) a policy that runs and frames nothing", () => {
    const csp = directives(baselineSecurityHeaders({ https: false })["Content-Security-Policy"]!);
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("isPagePath: which requests get the nonce'd page policy (server.ts)", () => {
  it.each([
    ["/", true],
    ["/signin", true],
    ["/cases", true],
    ["/cases/3f1c", true],
    ["/no-such-page", true],
    ["/apis", true],
    ["/api", true],
    ["/_next/data/x.json", true],
    ["/api/health", false],
    ["/api/v1/cases", false],
    ["/api/auth/csrf", false],
    ["/_next/static/chunks/a.js", false],
    ["/_next/image", false],
    ["/favicon.ico", false],
    ["/favicon.svg", false],
    ["/robots.txt", false],
  ])("%s -> %s", (path, page) => expect(isPagePath(path)).toBe(page));
});

describe("isHttpsUrl", () => {
  it.each([
    ["https://logdesk.example.com", true],
    ["HTTPS://logdesk.example.com/", true],
    ["http://localhost:3000", false],
    ["", false],
    [undefined, false],
    ["not a url", false],
  ])("%j -> %s", (url, expected) => {
    expect(isHttpsUrl(url)).toBe(expected);
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, fresh each time", () => {
    const seen = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(seen.size).toBe(100);
    for (const n of seen) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
