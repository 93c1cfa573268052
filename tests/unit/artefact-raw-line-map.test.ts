// The raw line map (lib/artefacts/redact.ts): when the redaction job drops lines it records, in a
// blob of little-endian Uint32, the 1-based raw line number of every kept line, streamed as it
// goes; the review's raw-beside view reads the numbers of a page back with ranged reads and the
// raw file up to the last one wanted, and applies no drop rule itself.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "@/lib/artefacts/lines";
import { readRawForRedacted, readRawLineNumbers, readRedactedLines } from "@/lib/artefacts/read-redacted";
import { redactToBlob, type RedactionRun } from "@/lib/artefacts/redact";
import type { CaseScope } from "@/lib/artefacts/scope-check";
import { localBlobStore, type BlobStore } from "@/lib/blobstore";
import type { RedactionScope } from "@/lib/redaction";

let dir: string;
let store: BlobStore;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-rawmap-"));
  store = localBlobStore(dir);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const CASE: CaseScope = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-20T00:00:00Z"), resources: ["acme/web"] };
const REDACTION: RedactionScope = { owned: { groups: ["acme"], projects: [], users: [], emails: [] }, disclosePersonalData: false, internalHosts: [] };
const INSIDE = "2026-11-10T10:00:00Z";
const OUTSIDE = "2026-10-01T10:00:00Z";

async function put(text: string): Promise<string> {
  const w = await store.begin();
  await w.write(Buffer.from(text));
  return (await w.commit()).key;
}

async function readAll(key: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of await store.read(key)) parts.push(c);
  return Buffer.concat(parts);
}

/** Raw lines numbered from 1, `out(n)` deciding which fall outside the window. */
function extract(count: number, out: (n: number) => boolean): string {
  let s = "";
  for (let n = 1; n <= count; n++) s += `${out(n) ? OUTSIDE : INSIDE} line ${n}\n`;
  return s;
}

async function run(text: string, drop = { dropOutsideWindow: true, dropOutsideScope: true }): Promise<RedactionRun & { rawKey: string }> {
  const rawKey = await put(text);
  const r = await redactToBlob({ store, rawKey, limits: DEFAULT_LIMITS, caseScope: CASE, drop, redaction: REDACTION });
  return { ...r, rawKey };
}

describe("the job's raw line map", () => {
  it("is not written when no line is dropped", async () => {
    const r = await run(extract(50, (n) => n % 5 === 0), { dropOutsideWindow: false, dropOutsideScope: true });
    expect(r).toMatchObject({ droppedLines: 0, keptLines: 50, rawLineMap: null });
  });

  it("holds the raw line number of every kept line, lines kept before the first drop included", async () => {
    const r = await run(extract(20, (n) => n === 4 || n === 5 || n === 17 || n === 20));
    expect(r).toMatchObject({ droppedLines: 4, keptLines: 16 });
    const bytes = await readAll(r.rawLineMap!.key);
    expect(bytes.length).toBe(16 * 4);
    const numbers = Array.from({ length: 16 }, (_, k) => bytes.readUInt32LE(k * 4));
    expect(numbers).toEqual([1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19]);
  });

  it("is streamed in buffers: a long run of kept lines before the first drop, then many buffers after it", async () => {
    // 70,000 kept lines, then every 7th line dropped: more than one buffer (65,536 entries) on each side.
    const count = 220_000;
    const out = (n: number) => n > 70_000 && n % 7 === 0;
    const r = await run(extract(count, out));
    const expected: number[] = [];
    for (let n = 1; n <= count; n++) if (!out(n)) expected.push(n);
    expect(r.keptLines).toBe(expected.length);
    const bytes = await readAll(r.rawLineMap!.key);
    expect(bytes.length).toBe(expected.length * 4);
    for (const k of [0, 65_535, 65_536, 69_999, 70_000, 70_005, 131_072, expected.length - 1]) {
      expect(bytes.readUInt32LE(k * 4)).toBe(expected[k]);
    }
    // A page far into the file is read by ranges, and lines up with its redacted lines.
    const from = expected.length - 150;
    const wanted = Array.from({ length: 100 }, (_, i) => from + i);
    const numbers = await readRawLineNumbers(store, r.rawLineMap!.key, [...wanted, 3, 200_000_000]);
    expect(wanted.map((k) => numbers.get(k))).toEqual(expected.slice(from, from + 100));
    expect(numbers.get(3)).toBe(4);
    expect(numbers.has(200_000_000)).toBe(false); // past the end: none
    const raws = await readRawForRedacted(store, { rawKey: r.rawKey, rawLineMapKey: r.rawLineMap!.key, droppedLines: r.droppedLines }, wanted, DEFAULT_LIMITS);
    const redacted = await readRedactedLines(store, r.blob.key, r.pageIndex, from, 100, DEFAULT_LIMITS);
    for (const line of redacted) {
      const raw = raws!.get(line.n - 1)!;
      expect(raw.text).toBe(line.text); // nothing to redact in these lines: the raw line is the same text
      expect(raw.text).toBe(`${INSIDE} line ${raw.n}`);
    }
  }, 60_000);
});

describe("the raw-beside view", () => {
  it("maps redacted line k to raw line k + 1 when nothing was dropped, without a map", async () => {
    const r = await run(extract(10, () => false));
    expect(r.rawLineMap).toBeNull();
    const raws = await readRawForRedacted(store, { rawKey: r.rawKey, rawLineMapKey: null, droppedLines: 0 }, [0, 4, 9], DEFAULT_LIMITS);
    expect([...raws!].map(([k, raw]) => [k, raw.n, raw.text])).toEqual([
      [0, 1, `${INSIDE} line 1`],
      [4, 5, `${INSIDE} line 5`],
      [9, 10, `${INSIDE} line 10`],
    ]);
  });

  it("has nothing to show when lines were dropped and no map was recorded (a redaction older than the map)", async () => {
    const r = await run(extract(10, (n) => n === 2));
    expect(await readRawForRedacted(store, { rawKey: r.rawKey, rawLineMapKey: null, droppedLines: 1 }, [0, 1], DEFAULT_LIMITS)).toBeNull();
  });

  it("reads the numbers of scattered lines (search hits) by clusters", async () => {
    const r = await run(extract(5_000, (n) => n % 2 === 0));
    const raws = await readRawForRedacted(store, { rawKey: r.rawKey, rawLineMapKey: r.rawLineMap!.key, droppedLines: r.droppedLines }, [2_400, 0, 7, 1_200], DEFAULT_LIMITS);
    expect([...raws!.entries()].map(([k, raw]) => [k, raw.n]).sort((a, b) => a[0] - b[0])).toEqual([
      [0, 1],
      [7, 15],
      [1_200, 2_401],
      [2_400, 4_801],
    ]);
  });
});
