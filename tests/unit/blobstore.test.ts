// lib/blobstore: the local directory store, content-addressed, temp-then-rename.
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BlobNotFound, InvalidBlobKey, isOrphanTempFile, localBlobStore, tempFileOwner, type BlobStore } from "@/lib/blobstore";
import { tempHostTag } from "@/lib/blobstore/local";

let dir: string;
let store: BlobStore;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-blob-"));
  store = localBlobStore(dir);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function put(chunks: Uint8Array[]) {
  const w = await store.begin();
  for (const c of chunks) await w.write(c);
  return w.commit();
}

async function readAll(key: string, opts?: { start?: number; end?: number }): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of await store.read(key, opts)) parts.push(c);
  return Buffer.concat(parts);
}

/** Every file under dir/<sub>, relative to it. */
async function filesUnder(sub: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(path.join(dir, sub), { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.relative(path.join(dir, sub), path.join(e.parentPath, e.name)));
  } catch {
    return [];
  }
}

describe("write, commit, read", () => {
  it.each([
    ["one chunk", [Buffer.from("hello world\n")]],
    ["many chunks", Array.from({ length: 50 }, (_, i) => Buffer.from(`line ${i}\n`))],
    ["a large chunk", [Buffer.alloc(3 * 1024 * 1024, 7)]],
    ["the empty blob (allowed at this layer)", []],
    ["empty chunks in between", [Buffer.from("a"), new Uint8Array(0), Buffer.from("b")]],
  ])("%s round trips with its SHA-256 as the key", async (_name, chunks) => {
    const all = Buffer.concat(chunks);
    const info = await put(chunks);
    expect(info).toEqual({ key: `sha256:${sha(all)}`, sha256: sha(all), size: all.length });
    // Buffer.equals: vitest's deep equality is slow on megabytes.
    expect((await readAll(info.key)).equals(all)).toBe(true);
    expect(await store.stat(info.key)).toEqual({ size: all.length });
    const hex = info.sha256;
    const file = path.join(dir, "sha256", hex.slice(0, 2), hex);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await filesUnder("tmp")).toEqual([]);
  });

  it("counts bytes as they are written", async () => {
    const w = await store.begin();
    expect(w.bytes).toBe(0);
    await w.write(Buffer.from("abc"));
    await w.write(Buffer.from("de"));
    expect(w.bytes).toBe(5);
    await w.commit();
  });

  it("keeps order when writes are not awaited one by one", async () => {
    const w = await store.begin();
    const chunks = Array.from({ length: 200 }, (_, i) => Buffer.from(`${i},`));
    await Promise.all(chunks.map((c) => w.write(c)));
    const info = await w.commit();
    expect(await readAll(info.key)).toEqual(Buffer.concat(chunks));
  });

  it("stores identical content once, under the same key", async () => {
    const a = await put([Buffer.from("same bytes")]);
    const b = await put([Buffer.from("same "), Buffer.from("bytes")]);
    expect(b).toEqual(a);
    expect(await filesUnder("sha256")).toHaveLength(1);
    expect(await filesUnder("tmp")).toEqual([]);
  });

  it("returns the same answer when commit is called twice, and refuses writes after it", async () => {
    const w = await store.begin();
    await w.write(Buffer.from("x"));
    const first = await w.commit();
    expect(await w.commit()).toEqual(first);
    await expect(w.write(Buffer.from("y"))).rejects.toThrow(/committed/);
    await w.abort(); // no-op after commit
    expect(await store.stat(first.key)).toEqual({ size: 1 });
  });

  it.each([
    ["start only", { start: 6 }, "world"],
    ["start and end (inclusive)", { start: 0, end: 4 }, "hello"],
    ["start at the end", { start: 11 }, ""],
  ])("reads a range: %s", async (_name, opts, expected) => {
    const info = await put([Buffer.from("hello world")]);
    expect((await readAll(info.key, opts)).toString()).toBe(expected);
  });
});

describe("abort and crashes leave nothing the store believes in", () => {
  it("abort removes the temp file and stores nothing; twice is safe", async () => {
    const w = await store.begin();
    await w.write(Buffer.from("half an upload"));
    await w.abort();
    await w.abort();
    expect(await filesUnder("sha256")).toEqual([]);
    expect(await filesUnder("tmp")).toEqual([]);
    expect(await store.stat(`sha256:${sha(Buffer.from("half an upload"))}`)).toBeNull();
    await expect(w.commit()).rejects.toThrow(/aborted/);
  });

  it("a writer never committed (a crash) leaves only a temp file, which sweepTemp removes", async () => {
    const body = Buffer.from("the process died here");
    const w = await store.begin();
    await w.write(body);
    // No commit, no abort: as if the process died.
    const temps = await filesUnder("tmp");
    expect(temps).toHaveLength(1);
    // The writer's pid and host are in the name (a start after a crash tells its orphans apart).
    expect(temps[0]).toMatch(new RegExp(`^[0-9a-f]{32}~${process.pid}~${tempHostTag().replace(/\./g, "\\.")}\\.part$`));
    expect(await filesUnder("sha256")).toEqual([]);
    expect(await store.stat(`sha256:${sha(body)}`)).toBeNull();

    // Too young for the default age; gone with age 0.
    expect(await store.sweepTemp()).toBe(0);
    expect(await filesUnder("tmp")).toHaveLength(1);
    expect(await store.sweepTemp(0)).toBe(1);
    expect(await filesUnder("tmp")).toEqual([]);
    expect(await store.sweepTemp(0)).toBe(0);
    await w.abort(); // the temp is already gone: still fine
  });

  it("a start after a crash removes, whatever their age, the temp files no running writer owns (issue 14, crash test)", async () => {
    await fs.mkdir(path.join(dir, "tmp"), { recursive: true });
    // A pid no process has (pids are below 2^22 on Linux).
    const deadPid = 4_194_303;
    const host = tempHostTag();
    const names = {
      dead: `${"a".repeat(32)}~${deadPid}~${host}.part`,
      self: `${"b".repeat(32)}~${process.pid}~${host}.part`, // a process before this one with the same pid (a container's pid 1)
      live: `${"c".repeat(32)}~${process.ppid}~${host}.part`, // another process on this host, still running
      otherHost: `${"d".repeat(32)}~${deadPid}~elsewhere.example.part`,
      old: `${"e".repeat(32)}.part`, // a name from before the owner was written in it
    };
    for (const n of Object.values(names)) await fs.writeFile(path.join(dir, "tmp", n), "half an upload");
    expect(isOrphanTempFile(names.dead)).toBe(true);
    expect(isOrphanTempFile(names.live)).toBe(false);
    expect(tempFileOwner(names.otherHost)).toEqual({ pid: deadPid, host: "elsewhere.example" });
    expect(tempFileOwner(names.old)).toBeNull();

    // Too young for the age sweep: only the dead writers' go (PostgreSQL: the blob folder may be shared).
    expect(await store.sweepTemp(undefined, { orphans: "dead-writers" })).toBe(2);
    expect((await filesUnder("tmp")).sort()).toEqual([names.live, names.otherHost, names.old].sort());
    // The data folder's lock held (PGlite): no other process writes here, every temp file is an orphan.
    expect(await store.sweepTemp(undefined, { orphans: "all" })).toBe(3);
    expect(await filesUnder("tmp")).toEqual([]);
  });

  it("sweepTemp on a store never written to finds nothing", async () => {
    expect(await localBlobStore(path.join(dir, "fresh")).sweepTemp(0)).toBe(0);
  });

  it("sweepTemp leaves files that are not .part alone", async () => {
    await fs.mkdir(path.join(dir, "tmp"), { recursive: true });
    await fs.writeFile(path.join(dir, "tmp", "README"), "keep");
    expect(await store.sweepTemp(0)).toBe(0);
    expect(await filesUnder("tmp")).toEqual(["README"]);
  });
});

describe("keys are validated", () => {
  const good = `sha256:${"a".repeat(64)}`;
  it.each([
    ["empty", ""],
    ["bare hex", "a".repeat(64)],
    ["uppercase hex", `sha256:${"A".repeat(64)}`],
    ["short", `sha256:${"a".repeat(63)}`],
    ["long", `sha256:${"a".repeat(65)}`],
    ["path traversal", "sha256:../../../etc/passwd"],
    ["traversal padded to length", `sha256:${"../".repeat(21)}a`],
    ["trailing newline", `${good}\n`],
    ["other algorithm", `md5:${"a".repeat(32)}`],
  ])("rejects %s on read and stat", async (_name, key) => {
    await expect(store.stat(key)).rejects.toBeInstanceOf(InvalidBlobKey);
    await expect(store.read(key)).rejects.toBeInstanceOf(InvalidBlobKey);
  });

  it("a well-formed key that is not stored: stat null, read BlobNotFound", async () => {
    expect(await store.stat(good)).toBeNull();
    await expect(store.read(good)).rejects.toBeInstanceOf(BlobNotFound);
  });

  it.each([[{ start: -1 }], [{ start: 1.5 }], [{ end: -2 }]])("rejects a bad range %o", async (opts) => {
    const info = await put([Buffer.from("abc")]);
    await expect(store.read(info.key, opts)).rejects.toBeInstanceOf(RangeError);
  });
});

describe("remove", () => {
  it("deletes a stored blob once, and refuses a malformed key", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "blob-remove-"));
    const store = localBlobStore(dir);
    const w = await store.begin();
    await w.write(Buffer.from("to be removed\n"));
    const info = await w.commit();
    expect(await store.remove(info.key)).toBe(true);
    expect(await store.stat(info.key)).toBeNull();
    expect(await store.remove(info.key)).toBe(false);
    await expect(store.remove("sha256:../../etc/passwd")).rejects.toThrow();
    await fs.rm(dir, { recursive: true, force: true });
  });
});
