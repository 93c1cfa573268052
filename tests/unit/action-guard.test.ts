import { describe, expect, it } from "vitest";
import { actionBodyKind, checkOrigin, checkTextActionBody, hasMalformedPath, isActionLike } from "@/lib/http/action-guard";

describe("checkOrigin (issue 12, finding 8)", () => {
  const pub = { publicUrl: "https://logdesk.example.com", trustedProxyHops: 0 };
  it.each([
    ["the public URL", { origin: "https://logdesk.example.com", host: "10.0.0.5:3000" }, pub, true],
    ["the public URL on another scheme", { origin: "http://logdesk.example.com", host: "10.0.0.5:3000" }, pub, false],
    ["the host it was sent to", { origin: "http://localhost:3000", host: "localhost:3000" }, pub, true],
    ["a foreign site", { origin: "https://evil.example", host: "localhost:3000" }, pub, false],
    ["a look-alike host", { origin: "http://localhost:3000.evil.example", host: "localhost:3000" }, pub, false],
    ["an opaque origin", { origin: "null", host: "localhost:3000" }, pub, false],
    ["no Origin", { host: "localhost:3000" }, pub, false],
    ["not a URL", { origin: "javascript:alert(1)", host: "localhost:3000" }, pub, false],
    ["X-Forwarded-Host without trusted proxies", { origin: "https://evil.example", host: "localhost:3000", "x-forwarded-host": "evil.example" }, pub, false],
    ["X-Forwarded-Host behind one proxy", { origin: "https://portal.internal", host: "10.0.0.5:3000", "x-forwarded-host": "portal.internal" }, { ...pub, trustedProxyHops: 1 }, true],
  ])("%s", (_name, headers, opts, ok) => {
    expect(checkOrigin(headers, opts).ok).toBe(ok);
  });
  it("refuses with a 403", () => {
    const r = checkOrigin({ origin: "https://evil.example", host: "localhost" }, pub);
    expect(r.ok === false && r.refusal.status).toBe(403);
  });
});

describe("isActionLike", () => {
  it.each([
    ["GET", "/cases", {}, false],
    ["POST", "/cases/new", {}, true],
    ["POST", "/api/cases/x/artefacts", {}, false],
    ["POST", "/api/auth/signin", {}, false],
    ["GET", "/cases", { "next-action": "abc" }, true],
    ["POST", "/_next/data", {}, false],
  ])("%s %s", (method, path, headers, expected) => {
    expect(isActionLike(method, path, headers)).toBe(expected);
  });
});

describe("action bodies", () => {
  it("takes the content types Next's client sends", () => {
    expect(actionBodyKind("text/plain;charset=UTF-8")).toBe("text");
    expect(actionBodyKind("multipart/form-data; boundary=x")).toBe("multipart");
    expect(actionBodyKind("application/json")).toBeNull();
    expect(actionBodyKind(undefined)).toBeNull();
  });
  it.each([
    ["[]", true],
    ['[{"id":"x"}]', true],
    ['{"id":"x"}', false],
    ['"x"', false],
    ["", false],
    ["[\u0000]", false],
    ["{not json", false],
    ['["$$literal dollar", "$undefined", "$D2026-03-01T00:00:00.000Z", "$n12", "$-0", "$NaN"]', true],
    ['[{"a": ["$Q1"]}]', false],
    ['["$1"]', false],
    ['["$@0"]', false],
    ['["$nxyz"]', false],
    ['["$T"]', false],
    ['["$K1"]', false],
  ])("%j is the JSON array of arguments: %s", (body, ok) => {
    expect(checkTextActionBody(Buffer.from(body)) === null).toBe(ok);
  });
  it("refuses a body that is not UTF-8", () => {
    expect(checkTextActionBody(Buffer.from([0x5b, 0xff, 0x5d]))?.status).toBe(400);
  });
});

describe("hasMalformedPath", () => {
  it.each([
    ["/api/cases/%E0%A4%A/artefacts", true],
    ["/cases/%", true],
    ["/cases/%ZZ", true],
    ["/cases/%E2%80%A8", false],
    ["/cases/00000000-0000-4000-8000-000000000000", false],
    ["/api/auth/callback/oidc", false],
  ])("%s: %s", (path, bad) => expect(hasMalformedPath(path)).toBe(bad));
});
