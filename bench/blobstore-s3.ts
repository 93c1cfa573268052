// npm run bench:blobstore-s3 [-- <MB>]: the S3 blob store (lib/blobstore/s3.ts) against a real
// S3-compatible server (s3rver, the tests' one, in a child process so its memory is not counted):
// a file of <MB> (default 200) written through a writer in 64 KB chunks from a generator (never
// whole in memory), committed (server-side copy to its content address), then read back whole.
// RSS and heap are sampled every 20 ms; reported: MB/s up (write + commit) and down, peak RSS and
// its growth over the start, peak heap. Prints the figures and appends them to bench/RESULTS.md.
import { fork } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MB = 1024 * 1024;

if (process.argv.includes("--server")) {
  const { startS3 } = await import("../tests/support/s3");
  const s3 = await startS3();
  process.send!({ endpoint: s3.endpoint });
  process.on("message", async () => {
    await s3.stop();
    process.exit(0);
  });
} else {
  const { s3BlobStore } = await import("@/lib/blobstore");
  const { TEST_S3_CREDENTIALS } = await import("../tests/support/s3");
  const size = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 200) * MB;
  const child = fork(fileURLToPath(import.meta.url), ["--server"], { execArgv: process.execArgv, stdio: "inherit" });
  const { endpoint } = await new Promise<{ endpoint: string }>((resolve) => child.once("message", (m) => resolve(m as { endpoint: string })));
  const store = s3BlobStore({ bucket: "logdesk", prefix: "bench/", endpoint, region: "us-east-1", credentials: TEST_S3_CREDENTIALS, forcePathStyle: true });

  global.gc?.();
  const start = process.memoryUsage();
  const peak = { rss: start.rss, heap: start.heapUsed };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  }, 20);

  const chunk = Buffer.alloc(64 * 1024);
  const hash = createHash("sha256");
  let t = performance.now();
  const w = await store.begin();
  for (let off = 0; off < size; off += chunk.length) {
    chunk.writeUInt32BE(off / chunk.length, 0); // each chunk differs, so the content is not trivially the same
    hash.update(chunk);
    await w.write(chunk);
  }
  const info = await w.commit();
  const upMs = performance.now() - t;
  if (info.sha256 !== hash.digest("hex")) throw new Error("the stored blob's SHA-256 differs from what was written");

  t = performance.now();
  let read = 0;
  for await (const c of await store.read(info.key)) read += (c as Buffer).length;
  const downMs = performance.now() - t;
  if (read !== size) throw new Error(`read ${read} bytes of ${size}`);
  clearInterval(sampler);
  await store.remove(info.key);
  child.send("stop");

  const mb = (n: number) => (n / MB).toFixed(0);
  const line =
    `${new Date().toISOString().slice(0, 10)} blobstore-s3 (s3rver 3.7.1 on loopback, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}): ` +
    `${mb(size)} MB up ${(size / MB / (upMs / 1000)).toFixed(0)} MB/s (write + commit, ${(upMs / 1000).toFixed(1)} s), down ${(size / MB / (downMs / 1000)).toFixed(0)} MB/s; ` +
    `peak RSS ${mb(peak.rss)} MB (+${mb(peak.rss - start.rss)} MB over the start), peak heap ${mb(peak.heap)} MB (start ${mb(start.heapUsed)} MB); part size 8 MB, 2 parts in flight`;
  console.log(line);
  appendFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "RESULTS.md"), `\n- ${line}\n`);
}
