// Streaming line decoding of uploaded artefacts (lib/artefacts/lines.ts): plain, CRLF, BOM,
// gzip (single and multi-member, any chunking), and every refusal the issue lists.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  createLineDecoder,
  decodeLines,
  UploadRejected,
  type DecodeStats,
  type LineLimits,
  type UploadProblem,
} from "@/lib/artefacts/lines";

const enc = (s: string) => Buffer.from(s, "utf8");

/** `buf` cut into chunks of `size` bytes (0 = one chunk). */
function chunked(buf: Buffer, size: number): Buffer[] {
  if (size <= 0) return [buf];
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

async function decode(
  chunks: Uint8Array[],
  limits?: Partial<LineLimits>,
): Promise<{ lines: string[]; numbers: number[]; stats: DecodeStats }> {
  const lines: string[] = [];
  const numbers: number[] = [];
  const d = createLineDecoder((line, n) => {
    lines.push(line);
    numbers.push(n);
  }, limits);
  try {
    for (const c of chunks) await d.push(c);
    const stats = await d.end();
    return { lines, numbers, stats };
  } catch (err) {
    d.destroy();
    throw err;
  }
}

async function rejection(chunks: Uint8Array[], limits?: Partial<LineLimits>): Promise<UploadRejected> {
  try {
    await decode(chunks, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(UploadRejected);
    expect((err as Error).name).toBe("UploadRejected");
    return err as UploadRejected;
  }
  throw new Error("expected the decoder to refuse the input");
}

const TEXTS: [string, string, string[]][] = [
  ["plain", "alpha\nbeta\n", ["alpha", "beta"]],
  ["no trailing newline", "alpha\nbeta", ["alpha", "beta"]],
  ["CRLF", "alpha\r\nbeta\r\n", ["alpha", "beta"]],
  ["CRLF without final newline", "alpha\r\nbeta\r", ["alpha", "beta"]],
  ["a lone CR inside a line stays", "a\rb\n", ["a\rb"]],
  ["BOM dropped", "\uFEFF{\"a\":1}\nb\n", ['{"a":1}', "b"]],
  ["BOM only at the very start", "a\n\uFEFFb\n", ["a", "\uFEFFb"]],
  ["only blank lines", "\n\n\n", ["", "", ""]],
  ["one blank CRLF line", "\r\n", [""]],
  ["multi-byte characters", "héllo\n日本語\n😀 x\n", ["héllo", "日本語", "😀 x"]],
  ["a single byte", "x", ["x"]],
  ["a lone 0x1f byte is text, not gzip", "\u001f", ["\u001f"]],
  ["0x1f then not 0x8b", "\u001fabc\n", ["\u001fabc"]],
  ["long and short lines mixed", `${"x".repeat(70_000)}\nshort\n${"é".repeat(40_000)}`, ["x".repeat(70_000), "short", "é".repeat(40_000)]],
];

const CHUNK_SIZES = [0, 1, 2, 3, 5, 64 * 1024];

describe("plain text", () => {
  it.each(TEXTS.flatMap(([name, text, lines]) => CHUNK_SIZES.map((size) => [name, size, text, lines] as const)))(
    "%s (chunks of %i bytes)",
    async (_name, size, text, lines) => {
      const out = await decode(chunked(enc(text), size));
      expect(out.lines).toEqual(lines);
      expect(out.numbers).toEqual(lines.map((_, i) => i + 1));
      expect(out.stats).toEqual({
        compression: "none",
        rawBytes: enc(text).length,
        decompressedBytes: enc(text).length,
        lines: lines.length,
      });
    },
  );

  it("accepts Uint8Array chunks that are not Buffers, and callers may reuse their buffer", async () => {
    const lines: string[] = [];
    const d = createLineDecoder((l) => lines.push(l));
    const scratch = new Uint8Array(8);
    for (const part of ["ab", "cd\nef", "gh", "\n"]) {
      const bytes = enc(part);
      scratch.set(bytes);
      await d.push(scratch.subarray(0, bytes.length));
      scratch.fill(0x7a);
    }
    await d.end();
    expect(lines).toEqual(["abcd", "efgh"]);
  });

  it("rebuilds long lines from a mix of tiny and large chunks", async () => {
    const text = `${"日本語 ".repeat(60_000)}\n${"ab".repeat(50_000)}\r\nend`;
    const bytes = enc(text);
    const sizes = [1, 4096, 4097, 3, 70_000, 100, 65_535, 2];
    const chunks: Buffer[] = [];
    for (let i = 0, k = 0; i < bytes.length; i += sizes[k % sizes.length], k++) {
      chunks.push(bytes.subarray(i, i + sizes[k % sizes.length]));
    }
    const out = await decode(chunks);
    expect(out.lines).toEqual(["日本語 ".repeat(60_000), "ab".repeat(50_000), "end"]);
  });

  it("delivers each line before push() resolves", async () => {
    const seen: string[] = [];
    const d = createLineDecoder((l) => seen.push(l));
    await d.push(enc("a\nb\nc"));
    expect(seen).toEqual(["a", "b"]);
    await d.push(enc("d\n"));
    expect(seen).toEqual(["a", "b", "cd"]);
    await d.end();
  });
});

describe("gzip", () => {
  const text = Array.from({ length: 5000 }, (_, i) => `{"n":${i},"msg":"héllo wörld ${i}"}`).join("\n") + "\n";
  const expected = text.slice(0, -1).split("\n");

  it.each([1, 2, 7, 1000, 64 * 1024, 0])("decodes gzip fed in chunks of %i bytes", async (size) => {
    const gz = gzipSync(enc(text));
    const out = await decode(chunked(gz, size));
    expect(out.lines).toEqual(expected);
    expect(out.stats).toEqual({
      compression: "gzip",
      rawBytes: gz.length,
      decompressedBytes: enc(text).length,
      lines: expected.length,
    });
  });

  it("decodes a 1-byte first chunk followed by the rest", async () => {
    const gz = gzipSync(enc("one\ntwo\n"));
    const out = await decode([gz.subarray(0, 1), gz.subarray(1)]);
    expect(out.lines).toEqual(["one", "two"]);
    expect(out.stats.compression).toBe("gzip");
  });

  it.each([0, 1, 3])("decodes multi-member (concatenated) gzip, chunks of %i", async (size) => {
    const gz = Buffer.concat([gzipSync(enc("one\ntw")), gzipSync(enc("o\r\nthree")), gzipSync(enc("\nfour\n"))]);
    const out = await decode(chunked(gz, size));
    expect(out.lines).toEqual(["one", "two", "three", "four"]);
  });

  it("drops a BOM inside the gzip and handles CRLF", async () => {
    const out = await decode([gzipSync(enc("\uFEFFa\r\nb\r\n"))]);
    expect(out.lines).toEqual(["a", "b"]);
  });

  it("delivers the lines of a chunk before push() resolves", async () => {
    const seen: string[] = [];
    const d = createLineDecoder((l) => seen.push(l));
    await d.push(gzipSync(enc(text)));
    expect(seen).toEqual(expected); // the last line ends in "\n", so all of it is out already
    await d.end();
    expect(seen).toEqual(expected);
  });
});

const gz = (s: string | Buffer) => gzipSync(typeof s === "string" ? enc(s) : s);
const half = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));
const corrupt = (() => {
  const b = Buffer.from(gz("hello world\n".repeat(200)));
  for (let i = 12; i < b.length - 8; i += 3) b[i] ^= 0xa5;
  return b;
})();
const bigText = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${"x".repeat(i % 97)}`).join("\n");

const REFUSALS: [string, Buffer[], Partial<LineLimits> | undefined, UploadProblem, RegExp][] = [
  ["no chunks at all", [], undefined, "empty", /empty/],
  ["zero-length chunks only", [Buffer.alloc(0), Buffer.alloc(0)], undefined, "empty", /empty/],
  ["a gzip of nothing", [gz("")], undefined, "empty", /empty once decompressed/],
  ["only a BOM", [enc("\uFEFF")], undefined, "empty", /empty/],
  ["a NUL byte", [enc("abc\u0000def\n")], undefined, "binary", /binary file/],
  ["a NUL byte in the third chunk", chunked(enc("abcdef\nghi\u0000"), 4), undefined, "binary", /binary file/],
  ["UTF-16 text (NULs)", [Buffer.from("\uFEFFhello\n", "utf16le")], undefined, "binary", /binary/],
  ["a gzipped binary", [gz(Buffer.from([1, 2, 0, 3, 4]))], undefined, "binary", /binary/],
  ["invalid UTF-8 on line 3", [Buffer.concat([enc("ok\nok\n"), Buffer.from([0xff]), enc("\nok\n")])], undefined, "invalid_utf8", /not valid UTF-8 text \(line 3\)/],
  ["invalid UTF-8 on line 3, byte by byte", chunked(Buffer.concat([enc("ok\nok\nab"), Buffer.from([0xc3, 0x28]), enc("\n")]), 1), undefined, "invalid_utf8", /\(line 3\)/],
  ["invalid UTF-8 in an unterminated last line", [enc("a\nb\n"), Buffer.from([0x61, 0xe2, 0x82])], undefined, "invalid_utf8", /\(line 3\)/],
  ["invalid UTF-8 in a gzip", [gz(Buffer.concat([enc("a\n"), Buffer.from([0xed, 0xa0, 0x80]), enc("\n")]))], undefined, "invalid_utf8", /\(line 2\)/],
  ["Latin-1 text", [Buffer.from("caf\xe9\n", "latin1")], undefined, "invalid_utf8", /\(line 1\)/],
  ["corrupt gzip", [corrupt], undefined, "corrupt_gzip", /corrupt/],
  ["gzip magic and garbage", [Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])], undefined, "corrupt_gzip", /corrupt/],
  ["gzip cut off halfway", [half(gz(bigText))], undefined, "truncated", /cut off/],
  ["gzip cut off halfway, small chunks", chunked(half(gz(bigText)), 1000), undefined, "truncated", /cut off/],
  ["gzip cut off in the header", [gz("abc").subarray(0, 5)], undefined, "truncated", /cut off/],
  ["gzip without its trailer", [gz("abc\n").subarray(0, gz("abc\n").length - 4)], undefined, "truncated", /cut off/],
  ["plain file over maxDecompressedBytes", [enc("x\n".repeat(1000))], { maxDecompressedBytes: 1000 }, "too_large", /larger than the 1000 bytes limit/],
  ["gzip over maxDecompressedBytes", [gz(bigText)], { maxDecompressedBytes: 100_000 }, "too_large", /97\.66 KB limit once decompressed/],
  ["line over maxLineBytes (one chunk)", [enc("short\nxxxxxxxxxxx\n")], { maxLineBytes: 10 }, "line_too_long", /Line 2 is longer than 10 bytes/],
  ["line over maxLineBytes (byte by byte)", chunked(enc("short\nxxxxxxxxxxx\n"), 1), { maxLineBytes: 10 }, "line_too_long", /Line 2 /],
  ["unterminated line over maxLineBytes", [enc("a\nb\n"), enc("x".repeat(50))], { maxLineBytes: 10 }, "line_too_long", /Line 3 /],
  ["multi-byte line over maxLineBytes", [enc("ok\n" + "é".repeat(6) + "\n")], { maxLineBytes: 11 }, "line_too_long", /Line 2 /],
  ["a 17 MB line with the default limit", [Buffer.alloc(17 * 1024 * 1024, 0x61)], undefined, "line_too_long", /Line 1 is longer than 16 MB/],
];

describe("refusals", () => {
  it.each(REFUSALS)("%s", async (_name, chunks, limits, problem, message) => {
    const err = await rejection(chunks, limits);
    expect(err.problem).toBe(problem);
    expect(err.message).toMatch(message);
  });

  it.each([
    ["exactly maxLineBytes", "xxxxxxxxxx\n", ["xxxxxxxxxx"]],
    ["exactly maxLineBytes with CRLF", "xxxxxxxxxx\r\n", ["xxxxxxxxxx"]],
    ["exactly maxLineBytes, unterminated, with CR", "xxxxxxxxxx\r", ["xxxxxxxxxx"]],
  ])("accepts a line of %s", async (_name, text, lines) => {
    for (const size of [0, 1, 4]) {
      expect((await decode(chunked(enc(text), size), { maxLineBytes: 10 })).lines).toEqual(lines);
    }
  });

  it("refuses a gzip bomb by ratio, stopping early with flat memory", async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, "a\n")); // ~1000:1
    expect(bomb.length).toBeLessThan(200_000);
    let delivered = 0;
    const d = createLineDecoder(() => delivered++);
    const err = await (async () => {
      for (const c of chunked(bomb, 16 * 1024)) await d.push(c);
      return d.end();
    })().catch((e: unknown) => e);
    d.destroy();
    expect(err).toBeInstanceOf(UploadRejected);
    expect((err as UploadRejected).problem).toBe("ratio");
    expect((err as UploadRejected).message).toMatch(/more than 100 times/);
    // Stopped within the first chunk's output: about 1 MiB decompressed, not 50 MB.
    expect(delivered * 2).toBeLessThan(4 * 1024 * 1024);
  });

  it("lets a highly compressible but small gzip through (ratio checked only past 1 MiB)", async () => {
    const out = await decode([gzipSync(Buffer.alloc(1024 * 1024, "a\n"))]);
    expect(out.stats.lines).toBe(512 * 1024);
  });

  it("lets a ratio bomb through when maxRatio allows it", async () => {
    const out = await decode([gzipSync(Buffer.alloc(4 * 1024 * 1024, "a\n"))], { maxRatio: 10_000 });
    expect(out.stats.lines).toBe(2 * 1024 * 1024);
  });

  it("keeps refusing after a failure, and destroy() is safe to repeat", async () => {
    const d = createLineDecoder(() => {});
    await expect(d.push(enc("a\u0000"))).rejects.toMatchObject({ problem: "binary" });
    await expect(d.push(enc("b\n"))).rejects.toMatchObject({ problem: "binary" });
    await expect(d.end()).rejects.toMatchObject({ problem: "binary" });
    d.destroy();
    d.destroy();
  });

  it("propagates an exception thrown by onLine (gzip path too)", async () => {
    for (const input of [enc("a\nb\n"), gz("a\nb\n")]) {
      const d = createLineDecoder(() => {
        throw new Error("consumer failed");
      });
      await expect(d.push(input)).rejects.toThrow("consumer failed");
      d.destroy();
    }
  });
});

async function* source(chunks: Buffer[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

describe("decodeLines", () => {
  it.each([0, 1, 3])("yields lines and returns stats (gzip, chunks of %i)", async (size) => {
    const gen = decodeLines(source(chunked(gz("a\r\nb\n\nc"), size)));
    const got: { line: string; lineNo: number }[] = [];
    let r = await gen.next();
    while (!r.done) {
      got.push(r.value);
      r = await gen.next();
    }
    expect(got).toEqual([
      { line: "a", lineNo: 1 },
      { line: "b", lineNo: 2 },
      { line: "", lineNo: 3 },
      { line: "c", lineNo: 4 },
    ]);
    expect(r.value).toMatchObject({ compression: "gzip", lines: 4 });
  });

  it("throws UploadRejected from the loop", async () => {
    const run = async () => {
      for await (const _ of decodeLines(source([enc("fine\n"), Buffer.from([0x80, 0x0a])]))) void _;
    };
    await expect(run()).rejects.toMatchObject({ problem: "invalid_utf8", message: expect.stringMatching(/line 2/) });
    await expect(
      (async () => {
        for await (const _ of decodeLines(source([half(gz(bigText))]))) void _;
      })(),
    ).rejects.toMatchObject({ problem: "truncated" });
  });

  it("can be abandoned early", async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      const g = gz("x\n".repeat(1000));
      for (;;) {
        pulled++;
        yield g;
      }
    }
    let n = 0;
    for await (const { lineNo } of decodeLines(endless())) {
      n = lineNo;
      if (lineNo === 2500) break;
    }
    expect(n).toBe(2500);
    expect(pulled).toBe(3);
  });
});

describe("memory", () => {
  it("decodes a generated 200 MB stream with flat memory", async () => {
    const line = enc('{"time":"2026-11-20T10:15:00Z","project":"acme/web","msg":"héllo"}\n');
    // Not a whole number of lines, so lines straddle every chunk boundary.
    const chunk = Buffer.concat([...Array(Math.ceil(65536 / line.length)).fill(line), line.subarray(0, 23)]);
    const total = 200 * 1024 * 1024;
    const started = performance.now();
    const before = process.memoryUsage().rss;
    let peak = before;
    let count = 0;
    let chars = 0;
    const d = createLineDecoder((l) => {
      count++;
      chars += l.length;
    });
    for (let sent = 0, i = 0; sent < total; sent += chunk.length, i++) {
      await d.push(Buffer.from(chunk)); // a fresh buffer each time, as a network stream gives
      if ((i & 63) === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const stats = await d.end();
    const ms = performance.now() - started;
    expect(stats.decompressedBytes).toBeGreaterThanOrEqual(total);
    expect(count).toBe(stats.lines);
    expect(chars).toBeGreaterThan(0);
    expect(peak - before).toBeLessThan(150 * 1024 * 1024);
    expect(ms).toBeLessThan(5000);
  });
});
