// Reading a redacted artefact for review: a page of lines, the raw lines behind them, and search.
// Streams: memory holds one line and one page, whatever the file size.
import type { BlobStore } from "@/lib/blobstore";
import { decodeLines, type LineLimits } from "./lines";
import { PAGE_LINES } from "./redact";

export interface ReviewLine {
  /** 1-based line number in the redacted file. */
  n: number;
  /** At most DISPLAY_CHARS of the line. */
  text: string;
  /** The whole line's length in characters. */
  length: number;
  /** The raw line it came from (only when asked for and allowed), with its 1-based raw line number. */
  raw?: { n: number; text: string; length: number };
}

/** What a review page shows of one line; the rest is in the download. */
export const DISPLAY_CHARS = 4000;

/**
 * The first DISPLAY_CHARS of a line as a string of its own: V8 keeps a slice's parent alive, and
 * the parent may be a 16 MB line.
 */
function shown(line: string): string {
  return line.length <= DISPLAY_CHARS ? line : Buffer.from(line.slice(0, DISPLAY_CHARS), "utf8").toString("utf8");
}

/** Lines [from, from + count) (0-based) of the redacted file, starting at the page index's offset. */
export async function readRedactedLines(store: BlobStore, key: string, pageIndex: number[], from: number, count: number, limits: LineLimits): Promise<ReviewLine[]> {
  const page = Math.floor(from / PAGE_LINES);
  const start = pageIndex[page];
  if (start === undefined) return [];
  let n = page * PAGE_LINES;
  const lines: ReviewLine[] = [];
  const source = await store.read(key, { start });
  const it = decodeLines(source, limits);
  try {
    for await (const { line } of it) {
      if (n >= from) lines.push({ n: n + 1, text: shown(line), length: line.length });
      n++;
      if (lines.length >= count) break;
    }
  } finally {
    await it.return(undefined as never);
  }
  return lines;
}

/** Where the raw lines behind an artefact's redacted lines are: the raw blob and the job's record of its drops. */
export interface RawSource {
  rawKey: string;
  /** The raw line map the job wrote (RedactionRun.rawLineMap), or null. */
  rawLineMapKey: string | null;
  /** How many lines the job dropped: with none, redacted line k is raw line k. */
  droppedLines: number;
}

/** Entries of the raw line map read in one range when they are at most this far apart. */
const MAP_READ_GAP = 1024;

/**
 * The 1-based raw line numbers the raw line map records for the given redacted lines (0-based
 * indices): one ranged read per cluster of nearby indices (a page is one). An index past the
 * map's end has none.
 */
export async function readRawLineNumbers(store: BlobStore, mapKey: string, indices: readonly number[]): Promise<Map<number, number>> {
  const sorted = [...new Set(indices)].filter((k) => Number.isSafeInteger(k) && k >= 0).sort((a, b) => a - b);
  const out = new Map<number, number>();
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] - sorted[j] <= MAP_READ_GAP) j++;
    const first = sorted[i];
    const last = sorted[j];
    const chunks: Buffer[] = [];
    for await (const chunk of await store.read(mapKey, { start: first * 4, end: last * 4 + 3 })) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    for (let k = i; k <= j; k++) {
      const at = (sorted[k] - first) * 4;
      if (at + 4 <= bytes.length) out.set(sorted[k], bytes.readUInt32LE(at));
    }
    i = j + 1;
  }
  return out;
}

/**
 * The given raw lines (1-based numbers) of the raw file, read from its start up to the last one
 * wanted (a gzip file cannot be entered in the middle).
 */
export async function readRawLines(store: BlobStore, rawKey: string, lineNumbers: Iterable<number>, limits: LineLimits): Promise<Map<number, { n: number; text: string; length: number }>> {
  const want = new Set(lineNumbers);
  let last = 0;
  for (const n of want) if (n > last) last = n;
  const out = new Map<number, { n: number; text: string; length: number }>();
  if (last < 1) return out;
  const it = decodeLines(await store.read(rawKey), limits);
  try {
    for await (const { line, lineNo } of it) {
      if (want.has(lineNo)) out.set(lineNo, { n: lineNo, text: shown(line), length: line.length });
      if (lineNo >= last) break;
    }
  } finally {
    await it.return(undefined as never);
  }
  return out;
}

/**
 * The raw lines behind the given redacted lines (0-based indices), as the job that wrote the
 * redacted file kept them: with no line dropped, redacted line k is raw line k + 1; otherwise the
 * raw line map the job wrote says which. No drop rule is applied again here, so neither a newer
 * finder, nor a change to the registry or the settings, can shift a raw line against its
 * redacted one. null: lines were dropped by a job older than the map, so there is no telling.
 */
export async function readRawForRedacted(
  store: BlobStore,
  source: RawSource,
  wanted: readonly number[],
  limits: LineLimits,
): Promise<Map<number, { n: number; text: string; length: number }> | null> {
  let numbers: Map<number, number>;
  if (source.droppedLines === 0) {
    numbers = new Map(wanted.map((k) => [k, k + 1]));
  } else if (source.rawLineMapKey) {
    numbers = await readRawLineNumbers(store, source.rawLineMapKey, wanted);
  } else {
    return null;
  }
  const lines = await readRawLines(store, source.rawKey, numbers.values(), limits);
  const out = new Map<number, { n: number; text: string; length: number }>();
  for (const [k, n] of numbers) {
    const raw = lines.get(n);
    if (raw) out.set(k, raw);
  }
  return out;
}

export interface SearchHits {
  hits: ReviewLine[];
  total: number;
  /** True when the scan stopped at the cap and `total` is a lower bound. */
  capped: boolean;
}

/** Case-insensitive substring search over the redacted file: one page of hits and how many there are. */
export async function searchRedacted(store: BlobStore, key: string, query: string, skip: number, take: number, limits: LineLimits, maxHits = 100_000): Promise<SearchHits> {
  const needle = query.toLowerCase();
  const hits: ReviewLine[] = [];
  let total = 0;
  let capped = false;
  const it = decodeLines(await store.read(key), limits);
  try {
    for await (const { line, lineNo } of it) {
      if (!line.toLowerCase().includes(needle)) continue;
      if (total >= skip && hits.length < take) hits.push({ n: lineNo, text: shown(line), length: line.length });
      total++;
      if (total >= maxHits) {
        capped = true;
        break;
      }
    }
  } finally {
    await it.return(undefined as never);
  }
  return { hits, total, capped };
}
