// npm run bench:redaction: the artefact redactor (contracts.md, section 2) on generated logs
// (bench/log-generator.ts, seed 42), against a baseline measured in the same run. Prints the
// figures and appends them to bench/RESULTS.md with the machine and the date. Never fails on a
// goal; it reports "met" / "not met".
//
// 1. Throughput, in memory: ~64 MB of lines (UTF-8 bytes of the lines, newlines not counted).
//    - baseline: for each line whose first character is `{`, JSON.stringify(JSON.parse(line));
//      any other line is passed through (only its length is read). Every generated JSON line
//      starts with `{`, so this is "parse and re-serialise every JSON line, copy the rest".
//    - redaction: createRedactor(scope).redactLine(line) for every line, one redactor per pass.
//    One warm-up pass of each, then 3 timed passes of each (alternating), median reported; gc()
//    before each pass when run with --expose-gc. Goal: redaction at least half the baseline's
//    MB/s.
// 2. Memory, streamed: a 1 GB file of the same lines in bench/out/ (gitignored; written once and
//    reused while the generator's output is the same), read with fs.createReadStream, split into
//    lines by decodeLines of lib/artefacts/lines.ts when present (else an own splitter on
//    Buffer.indexOf(10)), each line redacted, written to bench/out/ with backpressure, in a child
//    process so the in-memory corpus of part 1 does not count. RSS is sampled every 100 ms and
//    after each 1 MB of output. Goal: peak RSS under 200 MB. Needs about 2.2x the file size free on the disk (1.1x
//    when the input already exists); otherwise says why and skips. The output is deleted after.
//
// Options: --size <MB> (file size, default 1024), --skip-file, --corpus <MB> (part 1, default 64),
// --own-splitter (part 2 splits lines itself even when lib/artefacts/lines.ts is there).
// MB here is 2^20 bytes.
import { fork } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { appendFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { statfs } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createRedactor, REDACTION_KINDS, type RedactionKind, type RedactionScope } from "@/lib/redaction";
import { DEMO_GENERATOR_OPTIONS, logLines, MAX_LINE_BYTES, writeLogFile } from "./log-generator";

const MB = 2 ** 20;
const OUT_DIR = "bench/out";
const RESULTS = "bench/RESULTS.md";
const RSS_GOAL_MB = 200;
const RATIO_GOAL = 0.5;
const RUNS = 3;

const GEN = DEMO_GENERATOR_OPTIONS;
const SCOPE: RedactionScope = {
  owned: GEN.owned,
  disclosePersonalData: false,
  internalHosts: GEN.internalHosts,
};

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number) => bytes / MB;
const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function sizeOption(name: string, fallback: number): number {
  const raw = option(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} wants a size in MB, got ${raw}`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Part 1: throughput in memory

interface Throughput {
  lines: number;
  bytes: number;
  jsonShare: number;
  baselineMBs: number;
  redactionMBs: number;
  baselineRuns: number[];
  redactionRuns: number[];
  summary: { lines: number; redactions: Record<RedactionKind, number> };
}

function baselinePass(lines: string[]): number {
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.charCodeAt(0) === 123 /* { */) n += JSON.stringify(JSON.parse(line)).length;
    else n += line.length;
  }
  return n;
}

function redactionPass(lines: string[]): { n: number; summary: Throughput["summary"] } {
  const redactor = createRedactor(SCOPE);
  let n = 0;
  for (let i = 0; i < lines.length; i++) n += redactor.redactLine(lines[i]).length;
  return { n, summary: redactor.summary() };
}

function timed<T>(run: () => T): { ms: number; result: T } {
  gc();
  const t0 = performance.now();
  const result = run();
  return { ms: performance.now() - t0, result };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function throughput(corpusMB: number): Throughput {
  const lines: string[] = [];
  let bytes = 0;
  let json = 0;
  for (const line of logLines(GEN)) {
    lines.push(line);
    bytes += Buffer.byteLength(line);
    if (line.charCodeAt(0) === 123) json++;
    if (bytes >= corpusMB * MB) break;
  }
  console.log(`corpus: ${lines.length.toLocaleString()} lines, ${fmt(mb(bytes))} MB, ${fmt((100 * json) / lines.length)}% JSON`);

  baselinePass(lines);
  redactionPass(lines);
  const baselineRuns: number[] = [];
  const redactionRuns: number[] = [];
  let summary: Throughput["summary"] | undefined;
  for (let run = 0; run < RUNS; run++) {
    const b = timed(() => baselinePass(lines));
    baselineRuns.push(mb(bytes) / (b.ms / 1000));
    const r = timed(() => redactionPass(lines));
    redactionRuns.push(mb(bytes) / (r.ms / 1000));
    summary = r.result.summary;
    console.log(`  run ${run + 1}: baseline ${fmt(baselineRuns[run])} MB/s, redaction ${fmt(redactionRuns[run])} MB/s`);
  }
  return {
    lines: lines.length,
    bytes,
    jsonShare: json / lines.length,
    baselineMBs: median(baselineRuns),
    redactionMBs: median(redactionRuns),
    baselineRuns,
    redactionRuns,
    summary: summary!,
  };
}

// ---------------------------------------------------------------------------------------------
// Part 2: a big file streamed from disk (the measuring half runs in a child process)

interface StreamResult {
  lines: number;
  bytesIn: number;
  bytesOut: number;
  ms: number;
  rssStart: number;
  rssPeak: number;
  heapPeak: number;
  /** Peak RSS while reading the first 10% of the file, and the last half: flat when close. */
  rssPeakEarly: number;
  rssPeakLate: number;
  samples: number;
  splitter: string;
}

/** Own splitter: lines of raw chunks, split with Buffer.indexOf(10); a trailing "\r" is dropped. */
async function* splitLines(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest: Buffer | null = null;
  for await (const chunk of source) {
    const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
      yield buf.toString("utf8", start, end);
      start = nl + 1;
    }
    rest = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
    if (rest && rest.length > 64 * MB) throw new Error("a line longer than 64 MB; not a log file");
  }
  if (rest) yield rest.toString("utf8", 0, rest[rest.length - 1] === 13 ? rest.length - 1 : rest.length);
}

type DecodeLines = (source: AsyncIterable<Uint8Array>, limits?: object) => AsyncIterable<{ line: string }>;

/** The shared line decoder (lib/artefacts/lines.ts) when it is there, else the own splitter. */
async function lineSource(source: AsyncIterable<Buffer>, ownSplitter: boolean): Promise<{ name: string; lines: AsyncIterable<string> }> {
  const shared = new URL("../lib/artefacts/lines.ts", import.meta.url);
  if (!ownSplitter && existsSync(fileURLToPath(shared))) {
    const mod = (await import(shared.href)) as { decodeLines?: DecodeLines };
    const decode = mod.decodeLines;
    if (typeof decode === "function") {
      const lines = async function* () {
        for await (const { line } of decode(source)) yield line;
      };
      return { name: "decodeLines of lib/artefacts/lines.ts", lines: lines() };
    }
  }
  return { name: "own splitter on Buffer.indexOf(10)", lines: splitLines(source) };
}

async function streamRedact(input: string, output: string, ownSplitter: boolean): Promise<StreamResult> {
  gc();
  const size = statSync(input).size;
  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  let rssPeakEarly = rssStart;
  let rssPeakLate = 0;
  let heapPeak = 0;
  let samples = 0;
  let bytesIn = 0;
  const sample = () => {
    const m = process.memoryUsage();
    samples++;
    if (m.rss > rssPeak) rssPeak = m.rss;
    if (bytesIn <= size / 10 && m.rss > rssPeakEarly) rssPeakEarly = m.rss;
    if (bytesIn >= size / 2 && m.rss > rssPeakLate) rssPeakLate = m.rss;
    if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
  };
  const timer = setInterval(sample, 100);

  const redactor = createRedactor(SCOPE);
  const out = createWriteStream(output);
  const failed = new Promise<never>((_, reject) => out.once("error", reject));
  failed.catch(() => {});
  let lines = 0;
  let bytesOut = 0;
  let batch: string[] = [];
  let batchChars = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const text = batch.join("\n") + "\n";
    batch = [];
    batchChars = 0;
    bytesOut += Buffer.byteLength(text);
    if (!out.write(text)) await Promise.race([once(out, "drain"), failed]);
  };

  const t0 = performance.now();
  const counted = async function* () {
    for await (const chunk of createReadStream(input, { highWaterMark: MB })) {
      bytesIn += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  };
  const source = await lineSource(counted(), ownSplitter);
  for await (const line of source.lines) {
    lines++;
    const redacted = redactor.redactLine(line);
    batch.push(redacted);
    batchChars += redacted.length;
    if (batchChars >= MB) {
      await flush();
      sample();
    }
  }
  await flush();
  out.end();
  await Promise.race([once(out, "finish"), failed]);
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  return { lines, bytesIn, bytesOut, ms, rssStart, rssPeak, heapPeak, rssPeakEarly, rssPeakLate, samples, splitter: source.name };
}

/** A short fingerprint of the generator's output, so a stale input file is not reused. */
function generatorFingerprint(): string {
  const h = createHash("sha256");
  let i = 0;
  for (const line of logLines(GEN)) {
    h.update(line + "\n");
    if (++i >= 5000) break;
  }
  return h.digest("hex").slice(0, 10);
}

type FilePart = { skipped: string } | ({ skipped?: undefined; sizeMB: number; generatedMs?: number } & StreamResult);

async function filePart(sizeMB: number, ownSplitter: boolean): Promise<FilePart> {
  mkdirSync(OUT_DIR, { recursive: true });
  const target = Math.round(sizeMB * MB);
  const tag = `${Math.round(sizeMB)}MB`;
  const input = path.join(OUT_DIR, `redaction-input-${generatorFingerprint()}-${tag}.log`);
  const output = path.join(OUT_DIR, `redaction-output-${process.pid}.log`);
  const reusable = existsSync(input) && statSync(input).size >= target && statSync(input).size <= target + MAX_LINE_BYTES + 1;

  const fs = await statfs(OUT_DIR);
  const free = fs.bavail * fs.bsize;
  const need = (reusable ? 1.1 : 2.2) * target;
  console.log(`\nfree disk in ${OUT_DIR}: ${fmt(free / 2 ** 30, 2)} GiB; need ${fmt(need / 2 ** 30, 2)} GiB (${reusable ? "input exists" : "input to write"} + output)`);
  if (free < need) {
    const why = `only ${fmt(free / 2 ** 30, 2)} GiB free in ${OUT_DIR}, ${fmt(need / 2 ** 30, 2)} GiB needed`;
    console.log(`skipping the ${tag} file: ${why}`);
    return { skipped: why };
  }

  let generatedMs: number | undefined;
  if (reusable) {
    console.log(`reusing ${input}`);
  } else {
    // Inputs of an older generator of this size are stale: remove them before writing.
    for (const f of readdirSync(OUT_DIR)) {
      if (f.startsWith("redaction-input-") && f.endsWith(`-${tag}.log`)) rmSync(path.join(OUT_DIR, f));
    }
    console.log(`writing ${input} ...`);
    const t0 = performance.now();
    const partial = `${input}.partial`;
    const w = await writeLogFile(partial, target, GEN);
    renameSync(partial, input);
    generatedMs = performance.now() - t0;
    console.log(`  ${w.lines.toLocaleString()} lines, ${fmt(mb(w.bytes))} MB in ${fmt(generatedMs / 1000)} s`);
  }

  console.log(`redacting ${input} in a child process ...`);
  const child = fork(fileURLToPath(import.meta.url), ["--stream-child", input, output, ...(ownSplitter ? ["--own-splitter"] : [])], {
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let result: StreamResult | undefined;
  child.on("message", (m) => (result = m as StreamResult));
  const [code] = (await once(child, "exit")) as [number | null];
  rmSync(output, { force: true });
  if (code !== 0 || !result) throw new Error(`the streaming child exited with ${code}`);
  return { sizeMB, generatedMs, ...result };
}

// ---------------------------------------------------------------------------------------------

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

async function main() {
  if (process.argv.includes("--stream-child")) {
    const i = process.argv.indexOf("--stream-child");
    const result = await streamRedact(process.argv[i + 1], process.argv[i + 2], process.argv.includes("--own-splitter"));
    process.send!(result);
    return;
  }

  const corpusMB = sizeOption("--corpus", 64);
  const sizeMB = sizeOption("--size", 1024);
  const skipFile = process.argv.includes("--skip-file");
  if (!(globalThis as { gc?: unknown }).gc) console.log("(run with --expose-gc for a gc() before each pass)");
  console.log(`Redaction benchmark: ${corpusMB} MB in memory vs JSON.parse + JSON.stringify; ${skipFile ? "no file" : `${sizeMB} MB file streamed from disk`}`);

  const t = throughput(corpusMB);
  const ratio = t.redactionMBs / t.baselineMBs;
  const ratioMet = ratio >= RATIO_GOAL ? "met" : "not met";
  const kinds = REDACTION_KINDS.map((k) => `${k} ${t.summary.redactions[k].toLocaleString()}`).join(", ");
  console.log(`\nthroughput (median of ${RUNS}): redaction ${fmt(t.redactionMBs)} MB/s, baseline ${fmt(t.baselineMBs)} MB/s, ratio ${ratio.toFixed(2)} (goal >= ${RATIO_GOAL}: ${ratioMet})`);
  console.log(`redactions per pass (${t.summary.lines.toLocaleString()} lines): ${kinds}`);

  let file: FilePart = { skipped: "--skip-file" };
  if (!skipFile) {
    gc();
    file = await filePart(sizeMB, process.argv.includes("--own-splitter"));
  }
  let fileRow = `| peak RSS, file streamed from disk | skipped: ${file.skipped} | | | < ${RSS_GOAL_MB} MB |`;
  let fileNote = "";
  if (file.skipped === undefined) {
    const peak = mb(file.rssPeak);
    const met = peak < RSS_GOAL_MB ? "met" : "not met";
    const rate = mb(file.bytesIn) / (file.ms / 1000);
    const flat = file.rssPeakLate <= file.rssPeakEarly * 1.15 ? "flat" : "growing";
    const shape = `peak RSS in the first 10% of the file ${fmt(mb(file.rssPeakEarly))} MB, in the last half ${fmt(mb(file.rssPeakLate))} MB (${flat})`;
    console.log(
      `streamed ${fmt(mb(file.bytesIn))} MB, ${file.lines.toLocaleString()} lines in ${fmt(file.ms / 1000)} s (${fmt(rate)} MB/s); ` +
        `RSS at start ${fmt(mb(file.rssStart))} MB, peak ${fmt(peak)} MB (goal < ${RSS_GOAL_MB} MB: ${met}); ${shape}; peak heap used ${fmt(mb(file.heapPeak))} MB; ${file.samples} samples; lines split by the ${file.splitter}`,
    );
    fileRow = `| peak RSS, ${fmt(mb(file.bytesIn), 0)} MB file streamed from disk | ${fmt(peak)} MB (at start ${fmt(mb(file.rssStart))} MB) | | | < ${RSS_GOAL_MB} MB: ${met} |`;
    fileNote =
      ` File: ${file.lines.toLocaleString()} lines, ${fmt(mb(file.bytesIn))} MB redacted in ${fmt(file.ms / 1000)} s (${fmt(rate)} MB/s: reading, splitting into lines with the ${file.splitter}, redacting, writing with backpressure), in a child process; ` +
      `RSS sampled every 100 ms and after each 1 MB of output (${file.samples} samples): ${shape}; peak heap used ${fmt(mb(file.heapPeak))} MB.`;
  }

  const table = [
    "| measure | redaction | baseline | ratio | goal |",
    "|---|---|---|---|---|",
    `| throughput, ${fmt(mb(t.bytes), 0)} MB in memory | ${fmt(t.redactionMBs)} MB/s | ${fmt(t.baselineMBs)} MB/s | ${ratio.toFixed(2)} | >= ${RATIO_GOAL}: ${ratioMet} |`,
    fileRow,
  ].join("\n");
  console.log(`\n${table}\n`);

  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  if (!existsSync(RESULTS)) writeFileSync(RESULTS, "# Benchmark results\n\nAppended by `npm run bench`; newest last. Each run measures its own baseline.\n");
  appendFileSync(
    RESULTS,
    `\n## Redaction, ${when} UTC\n\n` +
      `Machine: ${machine()}. Appended by \`npm run bench:redaction\`. Lines from bench/log-generator.ts (seed ${GEN.seed}, ${fmt(100 * t.jsonShare, 0)}% NDJSON, 5% naming another account); scope: account acme, personal data not disclosed. ` +
      `Throughput: ${t.lines.toLocaleString()} lines (${fmt(mb(t.bytes))} MB) in memory, one warm-up pass then the median of ${RUNS} passes ` +
      `(redaction ${t.redactionRuns.map((x) => fmt(x)).join(" / ")} MB/s, baseline ${t.baselineRuns.map((x) => fmt(x)).join(" / ")} MB/s). ` +
      `Baseline: JSON.parse + JSON.stringify of each line starting with \`{\`, other lines passed through; redaction: \`createRedactor(scope).redactLine\` of every line. ` +
      `Redactions per pass: ${kinds}.${fileNote} MB = 2^20 bytes.\n\n${table}\n`,
  );
  console.log(`appended to ${RESULTS}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
