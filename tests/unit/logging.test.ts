import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { REDACT_CENSOR, REDACT_PATHS, loggerOptions } from "@/lib/logger";
import { findVisibleCase } from "@/lib/cases/access";
import { currentLogContext, runWithLogContext, setLogCase } from "@/lib/logging/context";
import { acceptRequestId, isValidRequestId, loggablePath, requestIdFor } from "@/lib/logging/request-id";

/** A logger with the portal's options writing into an array of parsed lines. */
function capture(level: "debug" | "info" = "info") {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { log: pino(loggerOptions(level), stream), lines };
}

describe("request id", () => {
  it.each([
    ["abc", true],
    ["0f8c2d9e-1b2a-4c3d-9e8f-7a6b5c4d3e2f", true],
    ["lb.1:2_3-4", true],
    ["x".repeat(64), true],
    ["x".repeat(65), false],
    ["", false],
    ["has space", false],
    ["line\nbreak", false],
    ["cr\r", false],
    ['{"json":1}', false],
    ["héllo", false],
    ["a/b", false],
    ["<script>", false],
  ])("%j valid: %s", (value, ok) => {
    expect(isValidRequestId(value)).toBe(ok);
  });

  it("keeps a valid header, replaces an invalid, missing or repeated one", () => {
    const make = () => "fresh";
    expect(acceptRequestId("from-proxy-1", make)).toBe("from-proxy-1");
    expect(acceptRequestId(["only-one"], make)).toBe("only-one");
    expect(acceptRequestId(undefined, make)).toBe("fresh");
    expect(acceptRequestId("bad id\n", make)).toBe("fresh");
    expect(acceptRequestId(["a", "b"], make)).toBe("fresh");
    expect(acceptRequestId("y".repeat(200), make)).toBe("fresh");
  });

  it("takes the offered id only behind a trusted proxy; otherwise makes one and keeps the offered one apart", () => {
    const make = () => "fresh";
    expect(requestIdFor("lb-123", 1, make)).toEqual({ requestId: "lb-123" });
    expect(requestIdFor("bad id\n", 1, make)).toEqual({ requestId: "fresh" });
    expect(requestIdFor("client-chosen", 0, make)).toEqual({ requestId: "fresh", clientRequestId: "client-chosen" });
    expect(requestIdFor("bad id\n", 0, make)).toEqual({ requestId: "fresh" });
    expect(requestIdFor(undefined, 0, make)).toEqual({ requestId: "fresh" });
  });

  it("makes a fresh one that is itself valid", () => {
    const id = acceptRequestId(undefined);
    expect(isValidRequestId(id)).toBe(true);
    expect(acceptRequestId(undefined)).not.toBe(id);
  });
});

describe("loggable path", () => {
  it.each([
    ["/cases/abc?q=secret", "/cases/abc"],
    ["/invite/tok-123", "/invite/[token]"],
    ["/invite/tok-123/more?x=1", "/invite/[token]/more"],
    ["/a#frag", "/a"],
    [undefined, ""],
  ])("%j -> %j", (url, path) => {
    expect(loggablePath(url)).toBe(path);
  });
  it("is at most 200 characters", () => {
    expect(loggablePath("/" + "x".repeat(500))).toHaveLength(200);
  });
});

describe("redaction", () => {
  it("covers the secret fields at the top, in an object and two objects down", () => {
    for (const p of ["password", "*.password", "*.*.password", "token", "*.token", "secret", "*.secret", "*.authorization", '*["set-cookie"]', "*.cookie"]) {
      expect(REDACT_PATHS).toContain(p);
    }
  });

  it.each([
    ["password at the top", { password: "hunter2-secret" }],
    ["a token in an object", { body: { token: "tok-secret" } }],
    ["headers", { req: { headers: { authorization: "Bearer abc-secret", cookie: "s=cookie-secret", "set-cookie": "s=set-secret" } } }],
    ["two objects down", { a: { b: { secret: "deep-secret", apiToken: "api-secret" } } }],
    ["a session token", { user: { sessionToken: "sess-secret" } }],
    ["capitalised headers", { headers: { Authorization: "Bearer cap-secret", Cookie: "s=capcookie-secret" } }],
    ["the tracker's header four objects down", { a: { b: { c: { headers: { "PRIVATE-TOKEN": "glpat-secret" } } } } }],
    ["a CSRF token and an API key", { form: { csrfToken: "csrf-secret" }, "x-api-key": "key-secret" }],
    ["in an array", { calls: [{ headers: { authorization: "Bearer arr-secret" } }] }],
  ])("%s is censored", (_name, fields) => {
    const { log, lines } = capture();
    log.info(fields, "line");
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/-secret/);
    expect(text).toContain(REDACT_CENSOR);
  });

  it("leaves other fields alone", () => {
    const { log, lines } = capture();
    log.info({ status: 403, path: "/x" }, "refused");
    expect(lines[0]).toMatchObject({ level: "info", msg: "refused", status: 403, path: "/x" });
  });
});

describe("errors", () => {
  it("an error's own fields and its cause's are censored by name at any depth", () => {
    const { log, lines } = capture();
    const cause = Object.assign(new Error("tracker refused"), { request: { headers: { "Private-Token": "glpat-cause-secret" } } });
    const err = Object.assign(new Error("gap filing failed", { cause }), { config: { Authorization: "Bearer err-secret" } });
    log.error({ err }, "failed");
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/-secret/);
    expect(text).toContain("tracker refused");
    expect(err.config.Authorization, "the error itself is left as it was").toBe("Bearer err-secret");
  });

  it("are written once with their cause chain", () => {
    const { log, lines } = capture();
    const root = new Error("connection reset");
    const err = new Error("upload failed", { cause: new Error("blob write failed", { cause: root }) });
    log.error({ ref: "R-1", err }, "request failed");
    expect(lines).toHaveLength(1);
    const e = lines[0]!.err as { message: string; stack: string; cause: { message: string; cause: { message: string } } };
    expect(e.message).toBe("upload failed");
    expect(e.stack).toContain("upload failed");
    expect(e.cause.message).toBe("blob write failed");
    expect(e.cause.cause.message).toBe("connection reset");
  });
});

describe("context", () => {
  it("puts the request id, and the case once known, on every line of the request", async () => {
    const { log, lines } = capture();
    log.info("outside");
    await runWithLogContext({ requestId: "req-1" }, async () => {
      log.info("first");
      await Promise.resolve();
      setLogCase("case-9");
      await new Promise((r) => setTimeout(r, 1));
      log.info("inside a service");
    });
    expect(lines[0]).not.toHaveProperty("requestId");
    expect(lines[1]).toMatchObject({ requestId: "req-1" });
    expect(lines[1]).not.toHaveProperty("case");
    expect(lines[2]).toMatchObject({ requestId: "req-1", case: "case-9" });
  });

  it("a call's own case field wins", () => {
    const { log, lines } = capture();
    runWithLogContext({ requestId: "r", case: "a" }, () => log.info({ case: "b" }, "x"));
    expect(lines[0]).toMatchObject({ requestId: "r", case: "b" });
  });
});

describe("the case guard", () => {
  const id = "0f8c2d9e-1b2a-4c3d-9e8f-7a6b5c4d3e2f";
  const client = { case: { findFirst: async () => ({ id }) } } as unknown as Parameters<typeof findVisibleCase>[0];

  it("names the case on the rest of the request's lines", async () => {
    const seen = await runWithLogContext({ requestId: "r" }, async () => {
      await findVisibleCase(client, { id: "u", role: "support" }, id, { select: { id: true } });
      return currentLogContext();
    });
    expect(seen).toEqual({ requestId: "r", case: id });
  });

  it("does not name an id that cannot be a case", async () => {
    const seen = await runWithLogContext({ requestId: "r" }, async () => {
      await findVisibleCase(client, { id: "u", role: "support" }, "not-a-uuid\n", { select: { id: true } }).catch(() => undefined);
      return currentLogContext();
    });
    expect(seen).toEqual({ requestId: "r" });
  });
});
