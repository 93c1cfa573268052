// An error Next caught (instrumentation.ts's onRequestError) is one JSON line of its request:
// digest, route pattern, path without query, request id and the cause chain.
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { loggerOptions } from "@/lib/logger";
import { runWithLogContext } from "@/lib/logging/context";
import { logRequestError } from "@/lib/logging/request-error";
import { onRequestError } from "@/instrumentation";

const KEY = Symbol.for("logdesk.pino");
const g = globalThis as typeof globalThis & { [KEY]?: pino.Logger };
const saved = g[KEY];
const lines: Record<string, unknown>[] = [];
g[KEY] = pino(
  loggerOptions("info"),
  new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  }),
);
afterAll(() => {
  g[KEY] = saved;
});

describe("request errors Next caught", () => {
  it("are logged once with the digest, route, request id and cause chain, never the query", () => {
    lines.length = 0;
    const err = Object.assign(new Error("render failed", { cause: new Error("connection reset") }), { digest: "1234567890" });
    runWithLogContext({ requestId: "req-1" }, () =>
      logRequestError(err, { method: "GET", path: "/cases/abc?q=customer-secret" }, { routePath: "/cases/[id]", routeType: "render" }),
    );
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: "error", msg: "request failed", requestId: "req-1", method: "GET", path: "/cases/abc", route: "/cases/[id]", routeType: "render", digest: "1234567890" });
    expect((line!.err as { message: string }).message).toContain("render failed");
    expect(JSON.stringify(line)).toContain("connection reset");
    expect(JSON.stringify(line)).not.toContain("customer-secret");
  });

  it("instrumentation's hook writes it on the Node runtime and not on another", async () => {
    const runtime = process.env.NEXT_RUNTIME;
    try {
      lines.length = 0;
      process.env.NEXT_RUNTIME = "edge";
      await onRequestError(new Error("x"), { path: "/a", method: "GET", headers: {} }, { routerKind: "App Router", routePath: "/a", routeType: "route", revalidateReason: undefined });
      expect(lines).toHaveLength(0);
      process.env.NEXT_RUNTIME = "nodejs";
      await onRequestError(new Error("thrown"), { path: "/api/x", method: "POST", headers: { cookie: "next-auth.session-token=abc" } }, { routerKind: "App Router", routePath: "/api/x", routeType: "route", revalidateReason: undefined });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ msg: "request failed", route: "/api/x", routeType: "route" });
      expect(JSON.stringify(lines[0])).not.toContain("session-token");
    } finally {
      if (runtime === undefined) delete process.env.NEXT_RUNTIME;
      else process.env.NEXT_RUNTIME = runtime;
    }
  });
});
