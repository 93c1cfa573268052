// The redaction of a stored raw artefact into its redacted form, and the line reader the review
// page uses. Streams end to end: memory holds one chunk of input and one buffer of output.
import type { BlobInfo, BlobStore } from "@/lib/blobstore";
import { createRedactor, type RedactionKind, type RedactionScope } from "@/lib/redaction";
import { createLineDecoder, decodeLines, type LineLimits } from "./lines";
import { createResidueCollector, type ResidueInventory } from "./residue";
import { createScopeChecker, isDropped, type CaseScope, type DropOptions } from "./scope-check";

/** Lines per review page; the page index records the byte offset of every PAGE_LINES-th line. */
export const PAGE_LINES = 100;
const FLUSH_BYTES = 256 * 1024;

export interface RedactionRun {
  blob: BlobInfo;
  rawBytes: number;
  rawLines: number;
  keptLines: number;
  droppedLines: number;
  droppedOutsideWindow: number;
  droppedOutsideScope: number;
  summary: { lines: number; redactions: Record<RedactionKind, number> };
  /** Byte offset in the redacted file of lines 0, 100, 200, ... (0-based). */
  pageIndex: number[];
  /** What is left in the redacted file that looks like an identifier, and why (lib/artefacts/residue.ts). */
  residue: ResidueInventory;
}

export interface RedactToBlobInput {
  store: BlobStore;
  rawKey: string;
  limits: LineLimits;
  caseScope: CaseScope;
  drop: DropOptions;
  redaction: RedactionScope;
  onProgress?: (rawBytesRead: number) => Promise<void> | void;
}

/** The redaction scope of a case's account (what it owns, users' emails too) and the settings' host lists. */
export function redactionScopeOf(
  resources: readonly { kind: string; path: string; email?: string | null }[],
  disclosePersonalData: boolean,
  internalHosts: string[],
  productHosts: string[] = [],
): RedactionScope {
  const of = (kind: string) => resources.filter((r) => r.kind === kind).map((r) => r.path);
  return {
    owned: { groups: of("group"), projects: of("project"), users: of("user"), emails: resources.filter((r) => r.kind === "user" && r.email).map((r) => r.email as string) },
    disclosePersonalData,
    internalHosts,
    productHosts,
  };
}

/**
 * Reads the raw blob, drops the lines the options drop (outside the window / naming resources
 * outside the scope; undated lines stay), redacts the rest and writes them, one per line, as a
 * new blob. A failure aborts the new blob, so nothing half-written is ever addressed.
 */
export async function redactToBlob(input: RedactToBlobInput): Promise<RedactionRun> {
  const check = createScopeChecker(input.caseScope);
  const redactor = createRedactor(input.redaction);
  // Fed each buffer of whole output lines as it is written: the bytes are there anyway.
  const residue = createResidueCollector(input.redaction);
  const writer = await input.store.begin();
  const pageIndex: number[] = [];
  let out: string[] = [];
  let outBytes = 0;
  let written = 0;
  let kept = 0;
  let droppedWindow = 0;
  let droppedScope = 0;
  // The scope check parses each JSON line again: only when something may be dropped.
  const drops = input.drop.dropOutsideWindow || input.drop.dropOutsideScope;
  const decoder = createLineDecoder((line) => {
    const verdict = drops ? check(line) : null;
    if (verdict && isDropped(verdict, input.drop)) {
      if (input.drop.dropOutsideWindow && verdict.window === "outside") droppedWindow++;
      else droppedScope++;
      return;
    }
    if (kept % PAGE_LINES === 0) pageIndex.push(written + outBytes);
    kept++;
    const redacted = redactor.redactLine(line);
    out.push(redacted, "\n");
    outBytes += Buffer.byteLength(redacted) + 1;
  }, input.limits);

  const flush = async (force: boolean) => {
    if (outBytes === 0 || (!force && outBytes < FLUSH_BYTES)) return;
    const buf = Buffer.from(out.join(""), "utf8");
    out = [];
    written += outBytes;
    outBytes = 0;
    residue.addLines(buf);
    await writer.write(buf);
  };

  let rawBytes = 0;
  try {
    const source = await input.store.read(input.rawKey);
    for await (const chunk of source) {
      rawBytes += chunk.length;
      await decoder.push(chunk);
      await flush(false);
      await input.onProgress?.(rawBytes);
    }
    const stats = await decoder.end();
    await flush(true);
    const blob = await writer.commit();
    return {
      blob,
      rawBytes,
      rawLines: stats.lines,
      keptLines: kept,
      droppedLines: droppedWindow + droppedScope,
      droppedOutsideWindow: droppedWindow,
      droppedOutsideScope: droppedScope,
      summary: redactor.summary(),
      pageIndex,
      residue: residue.result(),
    };
  } catch (err) {
    decoder.destroy();
    await writer.abort();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading for review

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

/**
 * The raw lines behind the given redacted lines (0-based indices): the raw file is read from its
 * start and the same drop rules are applied, so redacted line k is the k-th kept raw line. Linear
 * in the position of the last one wanted (a gzip file cannot be entered in the middle).
 */
export async function readRawForRedacted(
  store: BlobStore,
  rawKey: string,
  caseScope: CaseScope,
  drop: DropOptions,
  wanted: readonly number[],
  limits: LineLimits,
): Promise<Map<number, { n: number; text: string; length: number }>> {
  const want = new Set(wanted);
  const last = Math.max(-1, ...wanted);
  const check = createScopeChecker(caseScope);
  const out = new Map<number, { n: number; text: string; length: number }>();
  if (last < 0) return out;
  let kept = 0;
  const drops = drop.dropOutsideWindow || drop.dropOutsideScope;
  const it = decodeLines(await store.read(rawKey), limits);
  try {
    for await (const { line, lineNo } of it) {
      if (drops && isDropped(check(line), drop)) continue;
      if (want.has(kept)) out.set(kept, { n: lineNo, text: shown(line), length: line.length });
      if (kept++ >= last) break;
    }
  } finally {
    await it.return(undefined as never);
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
