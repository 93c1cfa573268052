// The upload inspector (lib/artefacts/inspect.ts): format detection, scope summary and refusals
// over streamed chunks, plain or gzip.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createInspector, type InspectResult } from "@/lib/artefacts/inspect";
import { UploadRejected, type LineLimits } from "@/lib/artefacts/lines";
import type { CaseScope } from "@/lib/artefacts/scope-check";

const SCOPE: CaseScope = {
  from: new Date("2026-11-20T00:00:00Z"),
  to: new Date("2026-11-21T00:00:00Z"),
  resources: ["acme"],
};

const json = (i: number) => `{"time":"2026-11-20T10:00:${String(i % 60).padStart(2, "0")}Z","project":"acme/web","n":${i}}`;
const text = (i: number) => `2026-11-20 10:00:00 INFO request ${i} project=acme/web`;

async function inspect(content: string | Buffer, chunkSize = 7, limits?: Partial<LineLimits>): Promise<InspectResult> {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  const ins = createInspector(SCOPE, limits);
  try {
    for (let i = 0; i < bytes.length; i += chunkSize) await ins.push(bytes.subarray(i, i + chunkSize));
    return await ins.end();
  } catch (err) {
    ins.destroy();
    throw err;
  }
}

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

const FORMATS: [string, "ndjson" | "text", string][] = [
  ["all JSON", "ndjson", lines(20, json).join("\n")],
  ["all text", "text", lines(20, text).join("\n")],
  ["9 JSON to 1 text (90%)", "ndjson", [...lines(9, json), text(0)].join("\n")],
  ["8 JSON to 2 text", "text", [...lines(8, json), text(0), text(1)].join("\n")],
  ["blank lines do not count", "ndjson", [...lines(9, json), "", "  ", text(0), "\r"].join("\r\n")],
  ["JSON-looking lines count even when broken", "ndjson", ['{"a":', "{", ...lines(8, json)].join("\n")],
  ["only blank lines", "text", "\n \n\t\n"],
  ["indented JSON lines", "ndjson", lines(5, (i) => `  ${json(i)}`).join("\n")],
];

describe("format", () => {
  it.each(FORMATS)("%s -> %s", async (_name, format, content) => {
    expect((await inspect(content)).format).toBe(format);
    expect((await inspect(gzipSync(Buffer.from(content)), 5)).format).toBe(format);
  });
});

describe("scope summary", () => {
  it("tallies a mixed NDJSON file", async () => {
    const content = [
      '{"time":"2026-11-20T10:00:00Z","project":"acme/web"}',
      '{"time":"2026-11-19T10:00:00Z","project":"acme/web"}',
      '{"time":"2026-11-20T11:00:00Z","meta":{"project":"globex/api"}}',
      '{"msg":"no time","project":"globex/api"}',
      `{"ts":${Date.parse("2026-11-20T12:00:00Z") / 1000},"namespace":"ACME"}`,
      "",
    ].join("\n");
    const r = await inspect(content, 3);
    expect(r.format).toBe("ndjson");
    expect(r.stats).toEqual({
      compression: "none",
      rawBytes: Buffer.byteLength(content),
      decompressedBytes: Buffer.byteLength(content),
      lines: 5,
    });
    expect(r.scope).toMatchObject({
      lines: 5,
      insideWindow: 3,
      outsideWindow: 1,
      undated: 1,
      outsideScope: 2,
      outsideResources: [{ path: "globex/api", lines: 2 }],
    });
    expect(r.scope.samples.map((s) => [s.lineNo, s.reason])).toEqual([
      [2, "window"],
      [3, "scope"],
      [4, "scope"],
    ]);
  });

  it("tallies a gzip text file the same as its plain form", async () => {
    const content = [...lines(50, text), "2026-11-25T00:00:00Z project=initech/x", "no date"].join("\n") + "\n";
    const plain = await inspect(content, 100);
    const zipped = await inspect(gzipSync(Buffer.from(content)), 100);
    expect(zipped.scope).toEqual(plain.scope);
    expect(zipped.stats.compression).toBe("gzip");
    expect(zipped.stats.lines).toBe(52);
    expect(plain.scope).toMatchObject({ lines: 52, insideWindow: 50, outsideWindow: 1, undated: 1, outsideScope: 1 });
  });
});

describe("refusals pass through", () => {
  it.each([
    ["empty", Buffer.alloc(0), undefined],
    ["binary", Buffer.from("abc\u0000"), undefined],
    ["invalid_utf8", Buffer.from([0x61, 0x0a, 0xff, 0x0a]), undefined],
    ["truncated", gzipSync(Buffer.from(lines(2000, json).join("\n"))).subarray(0, 3000), undefined],
    ["line_too_long", Buffer.from(`${json(1)}\n${json(2)}`), { maxLineBytes: 40 }],
    ["too_large", Buffer.from(lines(100, json).join("\n")), { maxDecompressedBytes: 1000 }],
  ] as const)("%s", async (problem, content, limits) => {
    const err = await inspect(content, 64, limits).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadRejected);
    expect((err as UploadRejected).problem).toBe(problem);
  });
});
