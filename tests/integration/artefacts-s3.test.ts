// Issue 15: artefacts through the S3-compatible blob store (a real s3rver): upload -> redaction ->
// download, and the failures: the store stopped mid-upload (a clear 503, no blob at a content
// address, no artefact row), unreachable at read (503, no crash), wrong credentials or a missing
// bucket (refused at start), and /api/health's blob store line.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openArtefactFile } from "@/lib/artefacts/open-artefact-file";
import { REDACT_JOB, runRedactionJob } from "@/lib/artefacts/job";
import { reviewArtefact } from "@/lib/artefacts/review-artefact";
import { uploadArtefact } from "@/lib/artefacts/upload-artefact";
import { DEFAULT_LIMITS } from "@/lib/artefacts/lines";
import { BlobStoreUnavailable, s3BlobStore, type BlobStore } from "@/lib/blobstore";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { blobStoreHealth, BLOB_CHECK_TTL_MS } from "@/lib/health";
import { errorResponse } from "@/lib/http/route";
import { checkBlobStoreAtStart } from "@/lib/server/boot";
import { useTestDatabase } from "../support/db";
import { createUser, nextReference, tickedChecklist } from "../support/factories";
import { startS3, type TestS3 } from "../support/s3";

useTestDatabase();

const FROM = new Date("2026-11-01T00:00:00Z");
const TO = new Date("2026-11-20T00:00:00Z");
const LINES = [
  `{"time":"2026-11-10T10:00:00Z","meta.user":"alice","meta.project":"acme/web","remote_ip":"203.0.113.9","params":[{"key":"private_token","value":"glpat-abcdefghij0123456789"}]}`,
  `{"time":"2026-11-10T10:01:00Z","meta.user":"alice","meta.project":"acme/web","message":"alice pushed to acme/web"}`,
  `2026-11-12T08:00:00Z INFO Authorization: Bearer s3cr3t-t0ken host=db-3.internal user=alice`,
];
const EXTRACT = Buffer.from(`${LINES.join("\n")}\n`);

let s3: TestS3;
let store: BlobStore;
let sirt: SessionUser;
let accountId: string;

async function* chunks(buf: Buffer, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(c);
  return Buffer.concat(out);
}

const deps = (s = store) => ({ store: s, limits: { ...DEFAULT_LIMITS, maxLineBytes: 1024 * 1024 }, maxUploadBytes: 200 * 1024 * 1024 });
const input = (caseId: string, filename = "extract.ndjson") => ({ caseId, filename, dropOutsideWindow: true, dropOutsideScope: true, disclosePersonalData: false });

async function newCase() {
  return db().case.create({
    data: {
      accountId,
      authorId: sirt.id,
      team: "sirt",
      status: "in_progress",
      reference: nextReference(),
      requestedAt: new Date(),
      windowFrom: FROM,
      windowTo: TO,
      resources: [{ kind: "project", path: "acme/web" }],
      summary: "Token leak",
      ticks: tickedChecklist(sirt.id),
    },
    select: { id: true },
  });
}

async function redactQueued(s = store) {
  const jobs = await db().job.findMany({ where: { kind: REDACT_JOB, status: "queued" } });
  for (const job of jobs) {
    await runRedactionJob(db(), { id: job.id, payload: job.payload, attempts: 1, maxAttempts: 3 }, { store: s, limits: DEFAULT_LIMITS, internalHosts: [".internal"], progressEveryMs: 0 });
    await db().job.update({ where: { id: job.id }, data: { status: "done" } });
  }
}

beforeAll(async () => {
  s3 = await startS3();
  store = s3BlobStore(s3.config("portal"));
  sirt = (await createUser("sirt")) as SessionUser;
  const a = await db().account.create({
    data: {
      slug: `acme-${Date.now()}`,
      name: "ACME",
      plan: "premium",
      deployment: "saas",
      paying: true,
      resources: { create: [{ kind: "project", path: "acme/web", pathLower: "acme/web" }] },
    },
    select: { id: true },
  });
  accountId = a.id;
});

afterAll(async () => {
  await s3?.stop();
});

describe("an artefact through the S3 store", () => {
  it("upload -> redaction -> review and download: every file is an object at its content address, no temp left", async () => {
    const c = await newCase();
    const up = await uploadArtefact(sirt, input(c.id), chunks(EXTRACT, 17), deps());
    expect(up.rawSha256).toBe(createHash("sha256").update(EXTRACT).digest("hex"));
    expect(await s3.keys()).toContain(`portal/sha256/${up.rawSha256.slice(0, 2)}/${up.rawSha256}`);
    await redactQueued();
    const row = await db().artefact.findUniqueOrThrow({ where: { id: up.id } });
    expect(row.status).toBe("in_review");
    expect(row.redactedBlobKey).toMatch(/^sha256:/);

    // The review page reads lines by range (the raw-beside view's line map).
    const page = await reviewArtefact(sirt, up.id, { page: 1, query: "", raw: true }, store, DEFAULT_LIMITS);
    expect(page.lines.map((l) => l.text).join("\n")).not.toContain("glpat-abcdefghij0123456789");
    expect(page.lines[0]!.raw?.text).toBe(LINES[0]);

    const file = await openArtefactFile(sirt, up.id, "redacted", store);
    const body = await collect(file.stream);
    expect(body.length).toBe(file.size);
    expect(createHash("sha256").update(body).digest("hex")).toBe(file.sha256);
    expect(body.toString()).not.toContain("glpat-abcdefghij0123456789");
    expect(body.toString()).not.toContain("s3cr3t-t0ken");
    const raw = await collect((await openArtefactFile(sirt, up.id, "raw", store)).stream);
    expect(raw.equals(EXTRACT)).toBe(true);

    const keys = await s3.keys();
    expect(keys.filter((k) => k.startsWith("portal/tmp/"))).toEqual([]);
    for (const k of [row.rawBlobKey, row.redactedBlobKey, row.rawLineMapKey].filter(Boolean)) {
      const hex = k!.slice("sha256:".length);
      expect(keys).toContain(`portal/sha256/${hex.slice(0, 2)}/${hex}`);
    }
  });
});

describe("the S3 server fails", () => {
  it("stopped in the middle of an upload: a clear 503, no blob at a content address, no artefact row; the temp is swept once it is back", async () => {
    const down = await startS3();
    try {
      const s = s3BlobStore({ ...down.config("portal"), partSize: 5 * 1024 * 1024 });
      const c = await newCase();
      const big = Buffer.alloc(24 * 1024 * 1024);
      for (let i = 0; i < big.length; i += 64) big.write(`2026-11-10T10:00:00Z INFO line ${String(i).padStart(20, "0")} ok`.padEnd(63, ".") + "\n", i);
      async function* thenStop(): AsyncGenerator<Uint8Array> {
        let sent = 0;
        for (let i = 0; i < big.length; i += 1024 * 1024) {
          yield big.subarray(i, i + 1024 * 1024);
          sent += 1024 * 1024;
          if (sent === 12 * 1024 * 1024) await down.stop({ keep: true }); // two parts sent, the server gone
        }
      }
      const err = await uploadArtefact(sirt, input(c.id, "big.log"), thenStop(), deps(s)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BlobStoreUnavailable);
      expect((err as Error).message).toMatch(/cannot be reached|did not answer|failed/);
      const res = await errorResponse(err, "artefact upload");
      expect(res.status).toBe(503);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe("UNAVAILABLE");
      expect(json.error.message).toMatch(/^The file could not be stored, and nothing of it was kept: the file store did not answer\. Try again/);
      expect(json.error.message).not.toContain("127.0.0.1");
      expect(await db().artefact.count({ where: { caseId: c.id } })).toBe(0);
      expect(await db().case.findUniqueOrThrow({ where: { id: c.id }, select: { status: true } })).toEqual({ status: "in_progress" });

      await down.restart();
      expect((await down.keys()).filter((k) => k.startsWith("portal/sha256/"))).toEqual([]);
      await s.sweepTemp(0);
      expect((await down.keys()).filter((k) => k.startsWith("portal/tmp/"))).toEqual([]);
    } finally {
      await down.stop();
    }
  }, 60_000);

  it("unreachable at read: the download answers 503 with a sentence, not a crash", async () => {
    const down = await startS3();
    const s = s3BlobStore(down.config("portal"));
    const c = await newCase();
    const up = await uploadArtefact(sirt, input(c.id), chunks(EXTRACT), deps(s));
    await down.stop();
    const err = await openArtefactFile(sirt, up.id, "raw", s).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BlobStoreUnavailable);
    const res = await errorResponse(err, "artefact download");
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("30");
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^The file could not be (read|looked up): the file store did not answer/);
    // The redaction job fails its attempt with the same error (retried by the job runner), leaving the artefact as it was.
    await expect(redactQueued(s)).rejects.toBeInstanceOf(BlobStoreUnavailable);
    expect((await db().artefact.findUniqueOrThrow({ where: { id: up.id } })).status).toBe("processing");
    await db().job.updateMany({ where: { kind: REDACT_JOB, status: "queued" }, data: { status: "done" } });
  }, 60_000);

  it.each([
    ["wrong credentials", (t: TestS3) => ({ ...t.config("portal"), credentials: { accessKeyId: "WRONG", secretAccessKey: "WRONG" } }), /refused the credentials|denied access/],
    ["a missing bucket", (t: TestS3) => t.config("portal", "no-such-bucket"), /does not exist/],
  ])("%s: the start is refused with the reason", async (_name, config, reason) => {
    const err = await checkBlobStoreAtStart({ blobDir: "/nonexistent", dataDir: "/nonexistent", blobStore: { kind: "s3", ...config(s3) } }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/^the blob store BLOB_STORE_URL is not usable: /);
    expect(err?.message).toMatch(reason);
  });

  it("a store that does not answer at start: the portal starts (the outage is logged and on /api/health)", async () => {
    const down = await startS3();
    const config = down.config("portal");
    await down.stop();
    await expect(checkBlobStoreAtStart({ blobDir: "/nonexistent", dataDir: "/nonexistent", blobStore: { kind: "s3", ...config } })).resolves.toBeUndefined();
  }, 60_000);
});

describe("/api/health's blob store line", () => {
  it("says the bucket answers, reuses the answer for a few seconds, then sees the outage; no address in it", async () => {
    const t = await startS3();
    const s = s3BlobStore(t.config("portal"));
    const now = Date.now();
    expect(await blobStoreHealth(s, now)).toEqual({ ok: true, kind: "s3", checkedSecondsAgo: 0 });
    await t.stop();
    // Cached: a polled health route costs no round trip to the store.
    expect(await blobStoreHealth(s, now + 2_000)).toEqual({ ok: true, kind: "s3", checkedSecondsAgo: 2 });
    const down = await blobStoreHealth(s, now + BLOB_CHECK_TTL_MS + 1);
    expect(down).toEqual({ ok: false, kind: "s3", error: "The file store cannot be reached.", checkedSecondsAgo: 0 });
  }, 60_000);

  it("a missing bucket is told apart from an outage", async () => {
    const s = s3BlobStore(s3.config("portal", "no-such-bucket"));
    expect(await blobStoreHealth(s)).toMatchObject({ ok: false, error: "The file store refused the portal (a missing bucket or rejected credentials)." });
  });
});
