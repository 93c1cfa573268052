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
//    Interleaved A/B (the default): the corpus is written once to bench/out/, then N pairs of
//    child processes run (redaction then baseline, or baseline then redaction, alternating), each
//    child one warm-up pass and 5 timed passes measured in CPU time (process.cpuUsage, user +
//    system), its median kept; each pair gives a ratio, and the median ratio is reported. Single
//    runs on the shared 2-core machine vary by 15%, so this is the figure to compare. No gc() is
//    forced before a pass (see abChild).
//    --in-process: the former measure instead (one process, 3 alternating passes, wall time).
//    Goal: redaction at least half the baseline's MB/s.
// 2. Memory, the portal's pipeline: a 1 GB file of the same lines in bench/out/ (gitignored;
//    written once and reused while the generator's output is the same) is put once into a
//    localBlobStore in bench/out/blobs (streamed; bench/out/blobs/inputs.json maps the input file
//    to its key so later runs reuse it), then the background job's redactToBlob
//    (lib/artefacts/redact.ts: blob read, createLineDecoder, scope check with nothing dropped,
//    redactLine, output written to a new blob) runs in a child process so the in-memory corpus of
//    part 1 does not count. RSS, heap and external memory are sampled every 100 ms; peak RSS,
//    growth over the start figure, and the RSS of a bare child with the same flags (tsx) are
//    reported. Goal: peak RSS under 200 MB. Needs about 1.1x the file size free per missing piece
//    (input file, stored blob, output); otherwise says why and skips. The redacted blob is
//    deleted after.
//
// Options: --size <MB> (file size, default 1024), --skip-file, --corpus <MB> (part 1, default 64),
// --pairs <N> (A/B pairs, default 5), --in-process. MB here is 2^20 bytes.
import { fork, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { appendFileSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { statfs } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { DEFAULT_LIMITS } from "@/lib/artefacts/lines";
import { redactToBlob } from "@/lib/artefacts/redact";
import { blobKeyHex, localBlobStore, type BlobStore } from "@/lib/blobstore";
import { DEMO_REDACTION_SETTINGS } from "@/lib/demo/data";
import { createRedactor, REDACTION_KINDS, type RedactionKind, type RedactionScope } from "@/lib/redaction";
import { DEMO_GENERATOR_OPTIONS, logLines, MAX_LINE_BYTES, writeLogFile } from "./log-generator";

const MB = 2 ** 20;
const OUT_DIR = "bench/out";
const RESULTS = "bench/RESULTS.md";
const RSS_GOAL_MB = 200;
const RATIO_GOAL = 0.5;
const RUNS = 3;
/** Timed passes per A/B child (after one warm-up pass); the median is kept. */
const AB_RUNS = 5;

const GEN = DEMO_GENERATOR_OPTIONS;
// The demo's redaction settings (the sample extract is redacted with them): internal host
// suffixes and the product host, so product paths are judged as in the portal.
const SCOPE: RedactionScope = {
  owned: GEN.owned,
  disclosePersonalData: false,
  internalHosts: DEMO_REDACTION_SETTINGS.internalHosts,
  productHosts: DEMO_REDACTION_SETTINGS.productHosts,
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
// Part 1, interleaved A/B: each measurement in a child process of its own, CPU time

interface AbChildResult {
  kind: "redaction" | "baseline";
  lines: number;
  bytes: number;
  /** CPU milliseconds (user + system) of each timed pass. */
  cpuMs: number[];
  summary?: Throughput["summary"];
}

interface AbThroughput {
  lines: number;
  bytes: number;
  jsonShare: number;
  /** Per pair: redaction MB/s, baseline MB/s, their ratio; in the order run. */
  pairs: { redaction: number; baseline: number; ratio: number; first: "redaction" | "baseline" }[];
  ratio: number;
  redactionMBs: number;
  baselineMBs: number;
  summary: Throughput["summary"];
}

/** The corpus of part 1 as a file in bench/out (written once per generator output and size). */
function corpusFile(corpusMB: number): { file: string; lines: number; bytes: number; jsonShare: number } {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `redaction-corpus-${generatorFingerprint()}-${corpusMB}MB.log`);
  const lines: string[] = [];
  let bytes = 0;
  let json = 0;
  if (existsSync(file)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      lines.push(line);
      bytes += Buffer.byteLength(line);
      if (line.charCodeAt(0) === 123) json++;
    }
  } else {
    for (const line of logLines(GEN)) {
      lines.push(line);
      bytes += Buffer.byteLength(line);
      if (line.charCodeAt(0) === 123) json++;
      if (bytes >= corpusMB * MB) break;
    }
    writeFileSync(`${file}.partial`, lines.join("\n"));
    renameSync(`${file}.partial`, file);
  }
  return { file, lines: lines.length, bytes, jsonShare: json / lines.length };
}

/** The child: one warm-up pass and RUNS timed passes of one kind over the corpus file. */
function abChild(kind: "redaction" | "baseline", file: string): AbChildResult {
  const lines = readFileSync(file, "utf8").split("\n");
  let bytes = 0;
  for (const line of lines) bytes += Buffer.byteLength(line);
  const pass = () => (kind === "redaction" ? redactionPass(lines).summary : (baselinePass(lines), undefined));
  pass();
  const cpuMs: number[] = [];
  let summary: Throughput["summary"] | undefined;
  // No gc() before a pass here: a forced full collection made the next redaction pass ~35%
  // slower (old and new code alike; the baseline not), which the portal's job never sees.
  for (let run = 0; run < AB_RUNS; run++) {
    const c0 = process.cpuUsage();
    summary = pass();
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
  }
  return { kind, lines: lines.length, bytes, cpuMs, summary };
}

async function runAbChild(kind: "redaction" | "baseline", file: string): Promise<AbChildResult> {
  const child = fork(fileURLToPath(import.meta.url), ["--ab-child", kind, file], {
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let result: AbChildResult | undefined;
  child.on("message", (m) => (result = m as AbChildResult));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0 || !result) throw new Error(`the ${kind} child exited with ${code}`);
  return result;
}

async function abThroughput(corpusMB: number, pairs: number): Promise<AbThroughput> {
  const corpus = corpusFile(corpusMB);
  console.log(
    `corpus: ${corpus.lines.toLocaleString()} lines, ${fmt(mb(corpus.bytes))} MB, ${fmt(100 * corpus.jsonShare)}% JSON (${corpus.file}); ${pairs} A/B pairs, each side in its own process, CPU time`,
  );
  const rate = (r: AbChildResult) => mb(r.bytes) / (median(r.cpuMs) / 1000);
  const out: AbThroughput["pairs"] = [];
  let summary: Throughput["summary"] | undefined;
  for (let p = 0; p < pairs; p++) {
    const first = p % 2 === 0 ? "redaction" : "baseline";
    const a = await runAbChild(first, corpus.file);
    const b = await runAbChild(first === "redaction" ? "baseline" : "redaction", corpus.file);
    const red = a.kind === "redaction" ? a : b;
    const base = a.kind === "redaction" ? b : a;
    summary = red.summary;
    const pair = { redaction: rate(red), baseline: rate(base), ratio: rate(red) / rate(base), first } as const;
    out.push(pair);
    console.log(`  pair ${p + 1} (${first} first): redaction ${fmt(pair.redaction)} MB/s, baseline ${fmt(pair.baseline)} MB/s, ratio ${pair.ratio.toFixed(3)}`);
  }
  return {
    lines: corpus.lines,
    bytes: corpus.bytes,
    jsonShare: corpus.jsonShare,
    pairs: out,
    ratio: median(out.map((x) => x.ratio)),
    redactionMBs: median(out.map((x) => x.redaction)),
    baselineMBs: median(out.map((x) => x.baseline)),
    summary: summary!,
  };
}

// ---------------------------------------------------------------------------------------------
// Part 2: a big file through the portal's redaction job (the measuring half runs in a child process)

interface StreamResult {
  lines: number;
  keptLines: number;
  bytesIn: number;
  bytesOut: number;
  ms: number;
  rssStart: number;
  rssPeak: number;
  heapStart: number;
  heapPeak: number;
  /** Peak of process.memoryUsage().external (Buffers and other off-heap memory V8 knows of). */
  externalStart: number;
  externalPeak: number;
  arrayBuffersPeak: number;
  /** Peak RSS while reading the first 10% of the file, and the last half: flat when close. */
  rssPeakEarly: number;
  rssPeakLate: number;
  samples: number;
  pipeline: string;
}

const BLOB_DIR = path.join(OUT_DIR, "blobs");
const BLOB_INDEX = path.join(BLOB_DIR, "inputs.json");

/** The blob key of an input file: put into the store once (streamed), then found via a sidecar. */
async function storedInput(store: BlobStore, input: string): Promise<string> {
  const st = statSync(input);
  const id = `${path.basename(input)}:${st.size}:${Math.round(st.mtimeMs)}`;
  let index: Record<string, string> = {};
  if (existsSync(BLOB_INDEX)) index = JSON.parse(readFileSync(BLOB_INDEX, "utf8")) as Record<string, string>;
  const known = index[id];
  if (known && (await store.stat(known))?.size === st.size) {
    console.log(`reusing blob ${known.slice(0, 19)}... for ${input}`);
    return known;
  }
  console.log(`putting ${input} into the blob store ${BLOB_DIR} ...`);
  const t0 = performance.now();
  const writer = await store.begin();
  try {
    for await (const chunk of createReadStream(input, { highWaterMark: MB })) await writer.write(chunk as Buffer);
  } catch (e) {
    await writer.abort();
    throw e;
  }
  const blob = await writer.commit();
  // Drop entries for inputs that are gone (and their blobs), keep the rest.
  for (const [k, key] of Object.entries(index)) {
    if (k.split(":")[0] === path.basename(input) && key !== blob.key) {
      rmSync(blobFile(key), { force: true });
      delete index[k];
    }
  }
  index[id] = blob.key;
  writeFileSync(BLOB_INDEX, JSON.stringify(index, null, 2) + "\n");
  console.log(`  ${blob.key.slice(0, 19)}... (${fmt(mb(blob.size))} MB) in ${fmt((performance.now() - t0) / 1000)} s`);
  return blob.key;
}

const blobFile = (key: string) => {
  const hex = blobKeyHex(key);
  return path.join(BLOB_DIR, "sha256", hex.slice(0, 2), hex);
};

/** The child: redactToBlob of lib/artefacts/redact.ts on the stored input, RSS sampled every 100 ms. */
async function streamRedact(storeDir: string, rawKey: string): Promise<StreamResult & { outKey: string }> {
  const store = localBlobStore(storeDir);
  const size = (await store.stat(rawKey))?.size ?? 0;
  gc();
  const m0 = process.memoryUsage();
  const rssStart = m0.rss;
  let rssPeak = rssStart;
  let rssPeakEarly = rssStart;
  let rssPeakLate = 0;
  let heapPeak = m0.heapUsed;
  let externalPeak = m0.external;
  let arrayBuffersPeak = m0.arrayBuffers;
  let samples = 0;
  let bytesIn = 0;
  const sample = () => {
    const m = process.memoryUsage();
    samples++;
    if (m.rss > rssPeak) rssPeak = m.rss;
    if (bytesIn <= size / 10 && m.rss > rssPeakEarly) rssPeakEarly = m.rss;
    if (bytesIn >= size / 2 && m.rss > rssPeakLate) rssPeakLate = m.rss;
    if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
    if (m.external > externalPeak) externalPeak = m.external;
    if (m.arrayBuffers > arrayBuffersPeak) arrayBuffersPeak = m.arrayBuffers;
  };
  const timer = setInterval(sample, 100);
  const t0 = performance.now();
  const run = await redactToBlob({
    store,
    rawKey,
    limits: DEFAULT_LIMITS,
    caseScope: {
      from: GEN.from,
      to: GEN.to,
      resources: [...GEN.owned.projects],
      productHosts: SCOPE.productHosts,
      internalHosts: SCOPE.internalHosts,
    },
    drop: { dropOutsideWindow: false, dropOutsideScope: false },
    redaction: SCOPE,
    onProgress: (n) => {
      bytesIn = n;
    },
  });
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  return {
    lines: run.rawLines,
    keptLines: run.keptLines,
    bytesIn: run.rawBytes,
    bytesOut: run.blob.size,
    ms,
    rssStart,
    rssPeak,
    heapStart: m0.heapUsed,
    heapPeak,
    externalStart: m0.external,
    externalPeak,
    arrayBuffersPeak,
    rssPeakEarly,
    rssPeakLate,
    samples,
    pipeline: "redactToBlob of lib/artefacts/redact.ts (localBlobStore read, createLineDecoder, scope check, redactLine, blob writer)",
    outKey: run.blob.key,
  };
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

type FilePart = { skipped: string } | ({ skipped?: undefined; sizeMB: number; generatedMs?: number; rssBare: number; rssLoaded: number } & StreamResult);

/** RSS of a bare child of this node with the same flags (tsx loaded), and with lib/artefacts/redact.ts imported. */
function baselineRss(): { bare: number; loaded: number } {
  const run = (code: string) => {
    const r = spawnSync(process.execPath, [...process.execArgv, "--input-type=module", "-e", code], { encoding: "utf8" });
    const n = Number(r.stdout.trim().split("\n").pop());
    return Number.isFinite(n) ? n : NaN;
  };
  const gcCall = "globalThis.gc?.();";
  return {
    bare: run(`${gcCall} console.log(process.memoryUsage().rss)`),
    loaded: run(`await import(${JSON.stringify(new URL("../lib/artefacts/redact.ts", import.meta.url).href)}); ${gcCall} console.log(process.memoryUsage().rss)`),
  };
}

async function filePart(sizeMB: number): Promise<FilePart> {
  mkdirSync(BLOB_DIR, { recursive: true });
  const target = Math.round(sizeMB * MB);
  const tag = `${Math.round(sizeMB)}MB`;
  const input = path.join(OUT_DIR, `redaction-input-${generatorFingerprint()}-${tag}.log`);
  const reusable = existsSync(input) && statSync(input).size >= target && statSync(input).size <= target + MAX_LINE_BYTES + 1;
  const store = localBlobStore(BLOB_DIR);
  const stored = reusable && existsSync(BLOB_INDEX) && Object.keys(JSON.parse(readFileSync(BLOB_INDEX, "utf8"))).some((k) => k.startsWith(`${path.basename(input)}:`));

  const fs = await statfs(OUT_DIR);
  const free = fs.bavail * fs.bsize;
  const need = (1.1 + (reusable ? 0 : 1.1) + (stored ? 0 : 1.1)) * target;
  console.log(
    `\nfree disk in ${OUT_DIR}: ${fmt(free / 2 ** 30, 2)} GiB; need ${fmt(need / 2 ** 30, 2)} GiB (${reusable ? "input exists" : "input to write"}, ${stored ? "blob stored" : "blob to store"}, output)`,
  );
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
  const rawKey = await storedInput(store, input);

  const base = baselineRss();
  console.log(`RSS of a bare child with the same flags: ${fmt(mb(base.bare))} MB; with lib/artefacts/redact.ts imported: ${fmt(mb(base.loaded))} MB`);
  console.log(`redactToBlob of ${rawKey.slice(0, 19)}... in a child process ...`);
  const child = fork(fileURLToPath(import.meta.url), ["--stream-child", BLOB_DIR, rawKey], {
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let result: (StreamResult & { outKey: string }) | undefined;
  child.on("message", (m) => (result = m as StreamResult & { outKey: string }));
  const [code] = (await once(child, "exit")) as [number | null];
  // The redacted output blob is deleted (the input blob is kept for the next run).
  if (result && result.outKey !== rawKey) rmSync(blobFile(result.outKey), { force: true });
  if (code !== 0 || !result) throw new Error(`the streaming child exited with ${code}`);
  const { outKey: _outKey, ...rest } = result;
  return { sizeMB, generatedMs, rssBare: base.bare, rssLoaded: base.loaded, ...rest };
}

// ---------------------------------------------------------------------------------------------

function machine(): string {
  // `lscpu | grep 'Model name'` where there is lscpu; the model Node reports otherwise.
  const lscpu = spawnSync("lscpu", { encoding: "utf8" });
  const model = lscpu.status === 0 ? /^Model name:\s*(.+)$/m.exec(lscpu.stdout)?.[1]?.trim() : undefined;
  const cpu = model ?? os.cpus()[0]?.model ?? "unknown CPU";
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

async function main() {
  if (process.argv.includes("--ab-child")) {
    const i = process.argv.indexOf("--ab-child");
    process.send!(abChild(process.argv[i + 1] as "redaction" | "baseline", process.argv[i + 2]));
    return;
  }
  if (process.argv.includes("--stream-child")) {
    const i = process.argv.indexOf("--stream-child");
    const result = await streamRedact(process.argv[i + 1], process.argv[i + 2]);
    process.send!(result);
    return;
  }

  const corpusMB = sizeOption("--corpus", 64);
  const sizeMB = sizeOption("--size", 1024);
  const pairs = Math.round(sizeOption("--pairs", 5));
  const skipFile = process.argv.includes("--skip-file");
  const inProcess = process.argv.includes("--in-process");
  if (!(globalThis as { gc?: unknown }).gc) console.log("(run with --expose-gc for a gc() before each pass)");
  console.log(`Redaction benchmark: ${corpusMB} MB in memory vs JSON.parse + JSON.stringify; ${skipFile ? "no file" : `${sizeMB} MB file streamed from disk`}`);

  let t: Throughput | AbThroughput;
  let ratio: number;
  let method: string;
  if (inProcess) {
    const ip = throughput(corpusMB);
    t = ip;
    ratio = ip.redactionMBs / ip.baselineMBs;
    method =
      `one process, one warm-up pass then the median of ${RUNS} alternating passes, wall time ` +
      `(redaction ${ip.redactionRuns.map((x) => fmt(x)).join(" / ")} MB/s, baseline ${ip.baselineRuns.map((x) => fmt(x)).join(" / ")} MB/s)`;
  } else {
    const ab = await abThroughput(corpusMB, pairs);
    t = ab;
    ratio = ab.ratio;
    method =
      `interleaved A/B, ${ab.pairs.length} pairs of child processes (the side run first alternating), each child one warm-up pass then the median of ${AB_RUNS} passes in CPU time (user + system), no gc() forced between passes; ` +
      `ratio per pair ${ab.pairs.map((x) => x.ratio.toFixed(3)).join(" / ")}, median ${ratio.toFixed(3)}; ` +
      `redaction ${ab.pairs.map((x) => fmt(x.redaction)).join(" / ")} MB/s, baseline ${ab.pairs.map((x) => fmt(x.baseline)).join(" / ")} MB/s`;
  }
  const ratioMet = ratio >= RATIO_GOAL ? "met" : "not met";
  const kinds = REDACTION_KINDS.map((k) => `${k} ${t.summary.redactions[k].toLocaleString()}`).join(", ");
  console.log(
    `\nthroughput (${inProcess ? `median of ${RUNS}` : `median of ${pairs} A/B pairs`}): redaction ${fmt(t.redactionMBs)} MB/s, baseline ${fmt(t.baselineMBs)} MB/s, ratio ${ratio.toFixed(2)} (goal >= ${RATIO_GOAL}: ${ratioMet})`,
  );
  console.log(`redactions per pass (${t.summary.lines.toLocaleString()} lines): ${kinds}`);

  let file: FilePart = { skipped: "--skip-file" };
  if (!skipFile) {
    gc();
    file = await filePart(sizeMB);
  }
  let fileRow = `| peak RSS, file through redactToBlob | skipped: ${file.skipped} | | | < ${RSS_GOAL_MB} MB |`;
  let growthRow = "";
  let fileNote = "";
  if (file.skipped === undefined) {
    const peak = mb(file.rssPeak);
    const growth = mb(file.rssPeak - file.rssStart);
    const met = peak < RSS_GOAL_MB ? "met" : "not met";
    const rate = mb(file.bytesIn) / (file.ms / 1000);
    const flat = file.rssPeakLate <= file.rssPeakEarly * 1.15 ? "flat" : "growing";
    const shape = `peak RSS in the first 10% of the file ${fmt(mb(file.rssPeakEarly))} MB, in the last half ${fmt(mb(file.rssPeakLate))} MB (${flat})`;
    const parts =
      `heap used ${fmt(mb(file.heapStart))} MB at start, peak ${fmt(mb(file.heapPeak))} MB; external ${fmt(mb(file.externalStart))} MB at start, peak ${fmt(mb(file.externalPeak))} MB (array buffers peak ${fmt(mb(file.arrayBuffersPeak))} MB); ` +
      `a bare child with the same flags (tsx) has RSS ${fmt(mb(file.rssBare))} MB, ${fmt(mb(file.rssLoaded))} MB once lib/artefacts/redact.ts is imported`;
    console.log(
      `redactToBlob: ${fmt(mb(file.bytesIn))} MB, ${file.lines.toLocaleString()} lines (${file.keptLines.toLocaleString()} kept) in ${fmt(file.ms / 1000)} s (${fmt(rate)} MB/s); ` +
        `RSS at start ${fmt(mb(file.rssStart))} MB, peak ${fmt(peak)} MB (goal < ${RSS_GOAL_MB} MB: ${met}), growth over start ${fmt(growth)} MB; ${shape}; ${parts}; ${file.samples} samples`,
    );
    fileRow = `| peak RSS, ${fmt(mb(file.bytesIn), 0)} MB file through redactToBlob | ${fmt(peak)} MB (at start ${fmt(mb(file.rssStart))} MB) | | | < ${RSS_GOAL_MB} MB: ${met} |`;
    growthRow = `\n| RSS growth over start, same run | ${fmt(growth)} MB | | | (flat: ${flat}) |`;
    fileNote =
      ` File: the portal's redaction job, \`redactToBlob\` of lib/artefacts/redact.ts (raw blob read from a localBlobStore in bench/out/blobs, lines by createLineDecoder, scope check with nothing dropped, redactLine, output buffered and written to a new blob), in a child process: ` +
      `${file.lines.toLocaleString()} lines, ${fmt(mb(file.bytesIn))} MB in ${fmt(file.ms / 1000)} s (${fmt(rate)} MB/s); ` +
      `RSS sampled every 100 ms (${file.samples} samples): ${shape}; ${parts}. The redacted blob is deleted after.`;
  }

  const table = [
    "| measure | redaction | baseline | ratio | goal |",
    "|---|---|---|---|---|",
    `| throughput, ${fmt(mb(t.bytes), 0)} MB in memory (${inProcess ? "in process" : "A/B median"}) | ${fmt(t.redactionMBs)} MB/s | ${fmt(t.baselineMBs)} MB/s | ${ratio.toFixed(2)} | >= ${RATIO_GOAL}: ${ratioMet} |`,
    fileRow + growthRow,
  ].join("\n");
  console.log(`\n${table}\n`);

  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  if (!existsSync(RESULTS)) writeFileSync(RESULTS, "# Benchmark results\n\nAppended by `npm run bench`; newest last. Each run measures its own baseline.\n");
  appendFileSync(
    RESULTS,
    `\n## Redaction, ${when} UTC\n\n` +
      `Machine: ${machine()}. Appended by \`npm run bench:redaction\`. Lines from bench/log-generator.ts (seed ${GEN.seed}, ${fmt(100 * t.jsonShare, 0)}% NDJSON, 5% naming another account); scope: account acme, personal data not disclosed, internal hosts ${SCOPE.internalHosts.join(" ")}, product hosts ${(SCOPE.productHosts ?? []).join(" ")}. ` +
      `Throughput: ${t.lines.toLocaleString()} lines (${fmt(mb(t.bytes))} MB) in memory, ${method}. ` +
      `Baseline: JSON.parse + JSON.stringify of each line starting with \`{\`, other lines passed through; redaction: \`createRedactor(scope).redactLine\` of every line. ` +
      `Redactions per pass: ${kinds}.${fileNote} MB = 2^20 bytes.\n\n${table}\n`,
  );
  console.log(`appended to ${RESULTS}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
