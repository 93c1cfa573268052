// The redaction of a stored raw artefact into its redacted form (the review page reads it with
// read-redacted.ts). Streams end to end: memory holds one chunk of input and one buffer of output.
import os from "node:os";
import type { BlobInfo, BlobStore, BlobWriter } from "@/lib/blobstore";
import { createRedactor, type RedactionKind, type RedactionScope } from "@/lib/redaction";
import { createLineDecoder, type LineLimits } from "./lines";
import { createResidueCollector } from "./residue";
import type { ResidueInventory } from "./residue-inventory";
import { createScopeChecker, isDropped, type CaseScope, type DropOptions } from "./scope-check";

/** Lines per review page; the page index records the byte offset of every PAGE_LINES-th line. */
export const PAGE_LINES = 100;
const FLUSH_BYTES = 256 * 1024;

// The raw line map: which raw line each redacted line came from, recorded by the job when it drops
// lines (with no drops, redacted line k is raw line k). A little-endian Uint32 array: entry k (at
// byte 4k) is the 1-based raw line number of redacted line k (0-based), so the entries of any page
// are one ranged read. 4 bytes per kept line (a 1 GB extract of 5 million lines: 20 MB), written
// in buffers of MAP_ENTRIES as the job goes, never held whole. Raw line numbers above 2^32 - 1
// (over 4 GiB of empty lines) cannot be recorded: the job then writes no map.
const MAP_ENTRIES = 64 * 1024;
const MAX_MAPPED_LINE = 0xffff_ffff;
const LITTLE_ENDIAN = os.endianness() === "LE";

/** The bytes of `entries` as little-endian Uint32 (a view on little-endian machines, a swapped copy otherwise). */
function littleEndian(entries: Uint32Array): Buffer {
  const bytes = Buffer.from(entries.buffer, entries.byteOffset, entries.byteLength);
  return LITTLE_ENDIAN ? bytes : Buffer.from(bytes).swap32();
}

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
  /**
   * The raw line map (see MAP_ENTRIES): written when lines were dropped; null when none were
   * (redacted line k is raw line k).
   */
  rawLineMap: BlobInfo | null;
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
  // The raw line map, from the first dropped line on: the kept lines before it are lines
  // 1..mapIdentity (written first, by flushMap), then each kept line's raw number.
  let mapping = false;
  let mapOverflow = false;
  let mapIdentity = 0;
  let mapWriter: BlobWriter | null = null;
  let mapBuf = new Uint32Array(MAP_ENTRIES);
  let mapLength = 0;
  let mapFull: Uint32Array[] = [];
  // The scope check parses each JSON line again: only when something may be dropped.
  const drops = input.drop.dropOutsideWindow || input.drop.dropOutsideScope;
  const decoder = createLineDecoder((line, lineNo) => {
    const verdict = drops ? check(line) : null;
    if (verdict && isDropped(verdict, input.drop)) {
      if (input.drop.dropOutsideWindow && verdict.window === "outside") droppedWindow++;
      else droppedScope++;
      if (!mapping) {
        mapping = true;
        mapIdentity = kept;
      }
      return;
    }
    if (kept % PAGE_LINES === 0) pageIndex.push(written + outBytes);
    kept++;
    if (mapping && !mapOverflow) {
      if (lineNo > MAX_MAPPED_LINE) {
        mapOverflow = true;
      } else {
        mapBuf[mapLength++] = lineNo;
        if (mapLength === MAP_ENTRIES) {
          mapFull.push(mapBuf);
          mapBuf = new Uint32Array(MAP_ENTRIES);
          mapLength = 0;
        }
      }
    }
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

  /** Streams what the map has gathered to its blob (begun at the first drop); `force`: the rest too. */
  const flushMap = async (force: boolean) => {
    if (!mapping || mapOverflow) return;
    if (mapWriter === null) {
      mapWriter = await input.store.begin();
      // The lines kept before the first drop: raw lines 1..mapIdentity.
      for (let from = 1; from <= mapIdentity; from += MAP_ENTRIES) {
        const n = Math.min(MAP_ENTRIES, mapIdentity - from + 1);
        const run = new Uint32Array(n);
        for (let k = 0; k < n; k++) run[k] = from + k;
        await mapWriter.write(littleEndian(run));
      }
    }
    const full = mapFull;
    mapFull = [];
    for (const entries of full) await mapWriter.write(littleEndian(entries));
    if (force && mapLength > 0) {
      await mapWriter.write(littleEndian(mapBuf.subarray(0, mapLength)));
      mapLength = 0;
    }
  };

  let rawBytes = 0;
  try {
    const source = await input.store.read(input.rawKey);
    for await (const chunk of source) {
      rawBytes += chunk.length;
      await decoder.push(chunk);
      await flush(false);
      await flushMap(false);
      await input.onProgress?.(rawBytes);
    }
    const stats = await decoder.end();
    await flush(true);
    await flushMap(true);
    const blob = await writer.commit();
    // A map that could not be completed (line numbers past 2^32 - 1) is no map.
    if (mapOverflow) await (mapWriter as BlobWriter | null)?.abort();
    const rawLineMap = mapWriter !== null && !mapOverflow ? await (mapWriter as BlobWriter).commit() : null;
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
      rawLineMap,
    };
  } catch (err) {
    decoder.destroy();
    await writer.abort();
    await (mapWriter as BlobWriter | null)?.abort();
    throw err;
  }
}
