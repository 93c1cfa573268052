// Kept whole (over 300 lines): one streaming line decoder (gzip, UTF-8 validation, limits) tuned
// for the upload and redaction hot path; its buffering state is shared by every part.
// Streaming byte-to-line decoding for uploaded log artefacts (NDJSON, plain text, or gzip of
// either), shared by the upload inspector and the background redaction job. Pure stream code: no
// I/O of its own, no database, node: built-ins only.
//
// Memory stays flat: a push resolves only once its chunk has been decompressed and every complete
// line in it delivered, the partial last line is the only thing kept between chunks (never more
// than maxLineBytes + one chunk), and decompression stops at the first output chunk that breaks a
// limit (gzip bombs are refused while they inflate, not after).
//
// Speed: lines are found with Buffer.indexOf/lastIndexOf (memchr), and the complete lines of a
// chunk are validated (buffer.isUtf8, same acceptance as TextDecoder fatal) and decoded in one
// call, then split on "\n" in the string. A UTF-8 "\n" byte is never part of a multi-byte
// character, so splitting the decoded text is the same as splitting the bytes. Only when a region
// is invalid is it walked line by line, to name the first bad line.
import { Buffer, isUtf8 } from "node:buffer";
import zlib from "node:zlib";

export type UploadProblem =
  | "empty"
  | "binary"
  | "invalid_utf8"
  | "corrupt_gzip"
  | "too_large"
  | "ratio"
  | "line_too_long"
  | "truncated";

/** A refusal of the upload, with a sentence meant for the person who uploaded it. */
export class UploadRejected extends Error {
  constructor(
    readonly problem: UploadProblem,
    message: string,
  ) {
    super(message);
    this.name = "UploadRejected";
  }
}

export interface LineLimits {
  /** Refuse once this many bytes have come out of decompression (plain files: their size). */
  maxDecompressedBytes: number;
  /** Refuse gzip whose output exceeds this many times the compressed bytes read (past 1 MiB out). */
  maxRatio: number;
  /** Refuse a line longer than this many bytes (the "\n" and a trailing "\r" not counted). */
  maxLineBytes: number;
}

export const DEFAULT_LIMITS: LineLimits = {
  maxDecompressedBytes: 5 * 1024 ** 3,
  maxRatio: 100,
  maxLineBytes: 16 * 1024 ** 2,
};

export interface DecodeStats {
  compression: "gzip" | "none";
  /** Bytes pushed (as uploaded/stored). */
  rawBytes: number;
  /** Bytes after decompression (equal to rawBytes for plain files), a leading BOM included. */
  decompressedBytes: number;
  lines: number;
}

export interface LineDecoder {
  /** Feed the next raw chunk (as uploaded/stored). Calls onLine synchronously for each complete line. Throws UploadRejected. */
  push(chunk: Uint8Array): Promise<void>;
  /** End of input: flushes the last line, checks gzip completeness, refuses empty input. */
  end(): Promise<DecodeStats>;
  /** Release zlib resources after an error/abort. */
  destroy(): void;
}

/** The ratio check starts once this much has been decompressed, so tiny files never trip it. */
const RATIO_GRACE_BYTES = 1024 * 1024;
/** zlib output chunk size: the granularity at which the bomb checks run. */
const GUNZIP_CHUNK = 64 * 1024;
/** Pieces of a partial line up to this size are copied into a staging buffer of STAGE_SIZE. */
const SMALL_PIECE = 4 * 1024;
const STAGE_SIZE = 64 * 1024;

const LF = 10;
const CR = 13;

const BINARY_MESSAGE =
  "This looks like a binary file, not a log: upload NDJSON or plain text, optionally gzip-compressed.";

/** "5 GB", "16 MB", "1.5 MB", "512 KB", "100 bytes". */
export function formatBytes(n: number): string {
  const units: [number, string][] = [
    [1024 ** 3, "GB"],
    [1024 ** 2, "MB"],
    [1024, "KB"],
  ];
  for (const [size, unit] of units) {
    if (n >= size) return `${Number((n / size).toFixed(2))} ${unit}`;
  }
  return `${n} bytes`;
}

function lineLimitText(maxLineBytes: number): string {
  // Said in MB (the contract's unit); tiny limits (tests, tuning) would read "0 MB", so fall back.
  const mb = maxLineBytes / 1024 ** 2;
  return mb >= 0.01 ? `${Number(mb.toFixed(2))} MB` : formatBytes(maxLineBytes);
}

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function zlibProblem(err: unknown): UploadRejected {
  if (err instanceof UploadRejected) return err;
  const code = (err as { code?: string } | null)?.code;
  if (code === "Z_BUF_ERROR") {
    return new UploadRejected(
      "truncated",
      "The gzip file ends before its compressed data does: the upload looks cut off. Upload the complete file again.",
    );
  }
  return new UploadRejected(
    "corrupt_gzip",
    "The file looks gzip-compressed but is corrupt and cannot be decompressed. Check the file and upload it again.",
  );
}

class Decoder implements LineDecoder {
  private readonly limits: LineLimits;
  private mode: "detect" | "plain" | "gzip" = "detect";
  /** A lone first byte 0x1f, kept until the second byte says whether this is gzip. */
  private detectHead: Buffer | null = null;
  private gunzip: zlib.Gunzip | null = null;
  /** First failure (UploadRejected, a zlib error mapped to one, or an onLine exception). */
  private failure: unknown = null;
  private ended = false;
  private destroyed = false;

  private rawBytes = 0;
  private decompressedBytes = 0;
  /** Content bytes after a leading BOM (to tell an empty file). */
  private contentBytes = 0;
  private lines = 0;

  /** Start of content not yet past the 3-byte BOM check (null once decided). */
  private bomHead: Buffer | null = Buffer.alloc(0);
  /** The partial line carried between chunks: pieces, then the staged bytes (partialLen counts both). */
  private pieces: Buffer[] = [];
  private partialLen = 0;
  private stage: Buffer | null = null;
  private stageLen = 0;

  constructor(
    private readonly onLine: (line: string, lineNo: number) => void,
    limits?: Partial<LineLimits>,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...stripUndefined(limits) };
  }

  async push(chunk: Uint8Array): Promise<void> {
    this.throwIfFailed();
    if (this.ended) throw new Error("LineDecoder.push called after end()");
    if (chunk.byteLength === 0) return;
    let buf = toBuffer(chunk);
    this.rawBytes += buf.length;

    if (this.mode === "detect") {
      if (this.detectHead) {
        buf = Buffer.concat([this.detectHead, buf]);
        this.detectHead = null;
      }
      if (buf.length < 2 && buf[0] === 0x1f) {
        this.detectHead = Buffer.from(buf);
        return;
      }
      this.startMode(buf[0] === 0x1f && buf[1] === 0x8b ? "gzip" : "plain");
    }

    if (this.mode === "plain") {
      this.guard(() => this.content(buf));
      return;
    }
    await this.writeGunzip(buf);
  }

  async end(): Promise<DecodeStats> {
    this.throwIfFailed();
    if (this.ended) throw new Error("LineDecoder.end called twice");
    this.ended = true;

    if (this.mode === "detect") {
      this.startMode("plain");
      const head = this.detectHead;
      this.detectHead = null;
      if (head) this.guard(() => this.content(head));
    } else if (this.mode === "gzip") {
      await this.endGunzip();
    }
    this.throwIfFailed();

    this.guard(() => {
      if (this.bomHead) this.flushBomHead();
      if (this.partialLen > 0) {
        const line = this.takePartial(null, 0, 0);
        this.emitBytes(line);
      }
      if (this.contentBytes === 0) {
        throw new UploadRejected(
          "empty",
          this.mode === "gzip" && this.rawBytes > 0
            ? "The file is empty once decompressed: there are no log lines to check."
            : "The file is empty: there are no log lines to check.",
        );
      }
    });
    return this.stats();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (!this.failure) this.failure = new Error("LineDecoder was destroyed");
    this.gunzip?.destroy();
    this.gunzip = null;
    this.pieces = [];
    this.partialLen = 0;
    this.stage = null;
    this.stageLen = 0;
    this.bomHead = null;
    this.detectHead = null;
  }

  private stats(): DecodeStats {
    return {
      compression: this.mode === "gzip" ? "gzip" : "none",
      rawBytes: this.rawBytes,
      decompressedBytes: this.decompressedBytes,
      lines: this.lines,
    };
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** Runs `fn`; a failure is remembered (every later call rethrows it) and zlib is released. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.fail(err);
      throw err;
    }
  }

  private fail(err: unknown): void {
    if (!this.failure) this.failure = err;
    if (this.gunzip) {
      this.gunzip.destroy();
      this.gunzip = null;
    }
  }

  private startMode(mode: "plain" | "gzip"): void {
    this.mode = mode;
    if (mode !== "gzip") return;
    const gz = zlib.createGunzip({ chunkSize: GUNZIP_CHUNK });
    gz.on("data", (out: Buffer) => {
      if (this.failure) return;
      try {
        this.content(out);
      } catch (err) {
        this.fail(err); // stops decompressing right here: no further output is produced
      }
    });
    gz.on("error", (err) => {
      if (!this.failure) this.failure = zlibProblem(err);
    });
    this.gunzip = gz;
  }

  /** Writes one raw chunk to gunzip; resolves once it is consumed and its output delivered. */
  private writeGunzip(buf: Buffer): Promise<void> {
    const gz = this.gunzip;
    if (!gz) return Promise.reject(this.failure ?? new Error("gunzip is closed"));
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        if (settled) return;
        settled = true;
        gz.off("close", settle);
        if (this.failure) reject(this.failure);
        else resolve();
      };
      gz.once("close", settle);
      gz.write(buf, (err) => {
        if (err && !this.failure) this.failure = zlibProblem(err);
        settle();
      });
    });
  }

  private endGunzip(): Promise<void> {
    const gz = this.gunzip;
    if (!gz) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let settled = false;
      const settle = () => {
        if (settled) return;
        settled = true;
        gz.off("end", settle);
        gz.off("close", settle);
        resolve();
      };
      gz.once("end", settle);
      gz.once("close", settle); // errors destroy the stream, which closes it
      gz.end();
    }).then(() => {
      gz.destroy();
      this.gunzip = null;
    });
  }

  /** Decompressed (or plain) bytes, in order. Throws UploadRejected. */
  private content(buf: Buffer): void {
    if (buf.length === 0) return;
    const limits = this.limits;
    this.decompressedBytes += buf.length;
    if (this.decompressedBytes > limits.maxDecompressedBytes) {
      throw new UploadRejected(
        "too_large",
        this.mode === "gzip"
          ? `The file is larger than the ${formatBytes(limits.maxDecompressedBytes)} limit once decompressed. Narrow the extract (for example to the case window) or split it.`
          : `The file is larger than the ${formatBytes(limits.maxDecompressedBytes)} limit. Narrow the extract (for example to the case window) or split it.`,
      );
    }
    if (
      this.mode === "gzip" &&
      this.decompressedBytes > RATIO_GRACE_BYTES &&
      this.decompressedBytes > limits.maxRatio * this.rawBytes
    ) {
      throw new UploadRejected(
        "ratio",
        `The file decompresses to more than ${limits.maxRatio} times its compressed size, so it was refused as a possible gzip bomb.`,
      );
    }
    if (buf.indexOf(0) !== -1) throw new UploadRejected("binary", BINARY_MESSAGE);

    if (this.bomHead) {
      // Hold the first bytes until three are seen (or they stop matching EF BB BF).
      const head = this.bomHead.length === 0 ? buf : Buffer.concat([this.bomHead, buf]);
      if (head.length < 3 && isBomPrefix(head)) {
        this.bomHead = Buffer.from(head);
        return;
      }
      this.bomHead = null;
      buf = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
      if (buf.length === 0) return;
    }
    this.contentBytes += buf.length;
    this.split(buf);
  }

  private flushBomHead(): void {
    const head = this.bomHead;
    this.bomHead = null;
    if (head && head.length > 0) {
      this.contentBytes += head.length;
      this.split(head);
    }
  }

  /** Splits content bytes into lines; the unfinished tail is kept for the next chunk. */
  private split(buf: Buffer): void {
    const n = buf.length;
    const first = buf.indexOf(LF);
    if (first === -1) {
      this.appendPartial(buf, 0, n);
      return;
    }
    // The line the carried partial belongs to.
    if (this.partialLen > 0) {
      this.checkAccumulating(this.partialLen + first);
      this.emitBytes(this.takePartial(buf, 0, first));
    } else {
      this.emitBytes(buf.subarray(0, first));
    }
    const last = buf.lastIndexOf(LF);
    const start = first + 1;
    if (last >= start) this.emitRegion(buf, start, last);
    if (last + 1 < n) this.appendPartial(buf, last + 1, n);
  }

  /** A line still without its "\n" may end in "\r", hence the one byte of slack. */
  private checkAccumulating(len: number): void {
    if (len > this.limits.maxLineBytes + 1) this.tooLong();
  }

  private tooLong(): never {
    throw new UploadRejected(
      "line_too_long",
      `Line ${this.lines + 1} is longer than ${lineLimitText(this.limits.maxLineBytes)}: upload NDJSON or plain text with one log entry per line.`,
    );
  }

  private appendPartial(buf: Buffer, start: number, end: number): void {
    const len = end - start;
    if (len <= 0) return;
    this.checkAccumulating(this.partialLen + len);
    // Copies, so callers may reuse their buffers. Small pieces (a chunk's unfinished last line,
    // or a line arriving a few bytes at a time) are gathered in a staging buffer, so a long line
    // fed in tiny chunks is a few large pieces, not millions of tiny ones.
    if (len <= SMALL_PIECE) {
      if (this.stage === null || this.stageLen + len > this.stage.length) {
        this.flushStage();
        this.stage ??= Buffer.allocUnsafe(STAGE_SIZE);
      }
      buf.copy(this.stage, this.stageLen, start, end);
      this.stageLen += len;
    } else {
      this.flushStage();
      this.pieces.push(Buffer.from(buf.subarray(start, end)));
    }
    this.partialLen += len;
  }

  /** Hands the staged bytes over to `pieces` (the staging buffer goes with them). */
  private flushStage(): void {
    if (this.stage !== null && this.stageLen > 0) {
      this.pieces.push(this.stage.subarray(0, this.stageLen));
      this.stage = null;
      this.stageLen = 0;
    }
  }

  /**
   * The carried partial line joined with buf[start, end). The result may share memory with the
   * staging buffer: it must be consumed (decoded) before the next appendPartial.
   */
  private takePartial(buf: Buffer | null, start: number, end: number): Buffer {
    const staged = this.stage !== null && this.stageLen > 0 ? this.stage.subarray(0, this.stageLen) : null;
    const tail = buf && end > start ? buf.subarray(start, end) : null;
    const parts = this.pieces;
    if (staged) parts.push(staged);
    if (tail) parts.push(tail);
    const total = this.partialLen + (tail ? tail.length : 0);
    const line = parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
    this.pieces = [];
    this.partialLen = 0;
    this.stageLen = 0; // the staging buffer is reused for the next line
    return line;
  }

  /** One line's bytes (no "\n"). */
  private emitBytes(bytes: Buffer): void {
    let len = bytes.length;
    if (len > 0 && bytes[len - 1] === CR) len--;
    if (len > this.limits.maxLineBytes) this.tooLong();
    const body = len === bytes.length ? bytes : bytes.subarray(0, len);
    if (!isUtf8(body)) this.invalidUtf8();
    this.deliver(body.toString("utf8"));
  }

  /** Complete lines buf[start, end), separated by "\n" (end is the index of the last "\n"). */
  private emitRegion(buf: Buffer, start: number, end: number): void {
    const region = buf.subarray(start, end);
    if (!isUtf8(region)) {
      this.emitRegionSlowly(region);
      return;
    }
    const text = region.toString("utf8");
    const maxLine = this.limits.maxLineBytes;
    // A region no longer than the limit cannot hold a line over it.
    const checkLengths = region.length > maxLine;
    let i = 0;
    for (;;) {
      const j = text.indexOf("\n", i);
      const stop = j === -1 ? text.length : j;
      let line = text.slice(i, stop);
      if (line.length > 0 && line.charCodeAt(line.length - 1) === CR) line = line.slice(0, -1);
      // UTF-16 units <= UTF-8 bytes <= 3 * units, so only long candidates are measured.
      if (checkLengths && line.length * 3 > maxLine && Buffer.byteLength(line, "utf8") > maxLine) {
        this.tooLong();
      }
      this.deliver(line);
      if (j === -1) break;
      i = j + 1;
    }
  }

  /** Line by line, so the first invalid line is named (the lines before it are delivered). */
  private emitRegionSlowly(region: Buffer): void {
    let i = 0;
    for (;;) {
      const j = region.indexOf(LF, i);
      this.emitBytes(region.subarray(i, j === -1 ? region.length : j));
      if (j === -1) break;
      i = j + 1;
    }
  }

  private invalidUtf8(): never {
    throw new UploadRejected(
      "invalid_utf8",
      `The file is not valid UTF-8 text (line ${this.lines + 1}). Save or export it as UTF-8 and upload it again.`,
    );
  }

  private deliver(line: string): void {
    this.lines++;
    this.onLine(line, this.lines);
  }
}

function isBomPrefix(head: Buffer): boolean {
  return (head.length < 1 || head[0] === 0xef) && (head.length < 2 || head[1] === 0xbb);
}

function stripUndefined(limits: Partial<LineLimits> | undefined): Partial<LineLimits> {
  const out: Partial<LineLimits> = {};
  if (!limits) return out;
  for (const key of ["maxDecompressedBytes", "maxRatio", "maxLineBytes"] as const) {
    if (limits[key] !== undefined) out[key] = limits[key];
  }
  return out;
}

export function createLineDecoder(
  onLine: (line: string, lineNo: number) => void,
  limits?: Partial<LineLimits>,
): LineDecoder {
  return new Decoder(onLine, limits);
}

/**
 * Lines of an async iterable of raw chunks, by the same rules as createLineDecoder. Holds at most
 * one chunk's lines at a time; stopping early (break/return/throw) releases zlib.
 */
export async function* decodeLines(
  source: AsyncIterable<Uint8Array>,
  limits?: Partial<LineLimits>,
): AsyncGenerator<{ line: string; lineNo: number }, DecodeStats> {
  let queue: { line: string; lineNo: number }[] = [];
  const decoder = createLineDecoder((line, lineNo) => {
    queue.push({ line, lineNo });
  }, limits);
  let done = false;
  try {
    for await (const chunk of source) {
      await decoder.push(chunk);
      if (queue.length > 0) {
        const batch = queue;
        queue = [];
        yield* batch;
      }
    }
    const stats = await decoder.end();
    const batch = queue;
    queue = [];
    yield* batch;
    done = true;
    return stats;
  } finally {
    if (!done) decoder.destroy();
  }
}
