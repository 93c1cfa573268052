// Route handlers' request helpers (lib/http/request.ts): the bearer credential and bounded bodies.
import { describe, expect, it } from "vitest";
import { bearerOf, chunksOf, CutOff, declaredLength, readBody } from "@/lib/http/request";

const post = (body: string | undefined, headers: Record<string, string> = {}) => new Request("http://logdesk.test/api", { method: "POST", body, headers });

describe("bearerOf", () => {
  it.each<[string | undefined, string | null]>([
    ["Bearer ld_abc123", "ld_abc123"],
    ["bearer ld_abc123  ", "ld_abc123"],
    ["Bearer\tld_abc123", "ld_abc123"],
    ["Basic dXNlcjpwYXNz", null],
    ["Bearer", null],
    ["Bearer two words", null],
    [undefined, null],
  ])("%s -> %s", (header, expected) => {
    expect(bearerOf(post(undefined, header === undefined ? {} : { authorization: header }))).toBe(expected);
  });
});

describe("readBody", () => {
  it("reads a body within the limit", async () => {
    expect(await readBody(post('{"a":1}'), 64)).toBe('{"a":1}');
  });
  it("refuses a body over the limit, declared or not", async () => {
    expect(await readBody(post("x".repeat(100)), 64)).toBeNull();
    expect(await readBody(post("x", { "content-length": "1000" }), 64)).toBeNull();
  });
  it("an absent body is empty text", async () => {
    expect(await readBody(new Request("http://logdesk.test/api"), 64)).toBe("");
  });
});

describe("chunksOf", () => {
  const reader = (parts: string[]) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    }).getReader();
  const collect = async (it: AsyncIterable<Uint8Array>) => {
    let n = 0;
    for await (const chunk of it) n += chunk.byteLength;
    return n;
  };

  it("yields every chunk; a body shorter than announced is cut off", async () => {
    expect(await collect(chunksOf(reader(["ab", "cd"]), 4))).toBe(4);
    expect(await collect(chunksOf(reader(["ab", "cd"]), null))).toBe(4);
    await expect(collect(chunksOf(reader(["ab"]), 4))).rejects.toBeInstanceOf(CutOff);
  });
  it("declaredLength is the announced length, or null without one", () => {
    expect(declaredLength(post("abc", { "content-length": "3" }))).toBe(3);
    expect(declaredLength(new Request("http://logdesk.test/api"))).toBeNull();
  });
});
