import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openArtefactFile } from "@/lib/artefacts/open-artefact-file";
import { approvalQueue } from "@/lib/artefacts/approval-queue";
import { artefactProgress, artefactResidue, listCaseArtefacts } from "@/lib/artefacts/queries";
import { RAW_LINES_NEED_REDACTION, reviewArtefact } from "@/lib/artefacts/review-artefact";
import { residueSha256, type ResidueInventory } from "@/lib/artefacts/residue-inventory";
import { ZDecideArtefact } from "@/lib/artefacts/schemas";
import { decideArtefact, RESIDUE_CHANGED, RESIDUE_MISSING, RESIDUE_NOT_REVIEWED } from "@/lib/artefacts/decide-artefact";
import { REDACT_JOB, runRedactionJob } from "@/lib/artefacts/job";
import { redactAgain } from "@/lib/artefacts/redact-again";
import { SHARE_NEEDS_RESIDUE, shareArtefact } from "@/lib/artefacts/share-artefact";
import { uploadArtefact } from "@/lib/artefacts/upload-artefact";
import { overrideVerification } from "@/lib/cases/override-verification";
import { withdrawArtefact } from "@/lib/artefacts/withdraw-artefact";
import { DEFAULT_LIMITS } from "@/lib/artefacts/lines";
import { localBlobStore, type BlobStore } from "@/lib/blobstore";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { Prisma } from "@/generated/prisma/client";
import { loadOrCreateSigningKey, type SigningKey } from "@/lib/release/keys";
import { parseSignedManifest, verifyManifestSignature } from "@/lib/release/manifest";
import { verifyRelease } from "@/lib/release/verify";
import { getCurrentSettings } from "@/lib/settings/current-settings";
import { metrics } from "@/lib/metrics/registry";
import { useTestDatabase } from "../support/db";
import { createUser, nextReference, tickedChecklist } from "../support/factories";

useTestDatabase();

let dir: string;
let store: BlobStore;
let key: SigningKey;
let support: SessionUser, csm: SessionUser, sirt: SessionUser, sirt2: SessionUser, legal: SessionUser, admin: SessionUser;
let accountId: string;

const FROM = new Date("2026-11-01T00:00:00Z");
const TO = new Date("2026-11-20T00:00:00Z");

const LINES = [
  `{"time":"2026-11-10T10:00:00Z","meta.user":"alice","meta.project":"acme/web","remote_ip":"203.0.113.9","params":[{"key":"private_token","value":"glpat-abcdefghij0123456789"}],"user_id":12345678901234567890}`,
  `{"time":"2026-11-10T10:01:00Z","meta.user":"mallory","meta.project":"acme/web","message":"mallory@globex.example pushed to acme/web"}`,
  `{"time":"2026-10-01T10:00:00Z","meta.user":"alice","meta.project":"acme/web","message":"before the window"}`,
  `{"time":"2026-11-11T10:00:00Z","meta.user":"alice","project_path":"globex/api","message":"another account's project"}`,
  `2026-11-12T08:00:00Z INFO Authorization: Bearer s3cr3t-t0ken host=db-3.internal user=alice`,
  `no timestamp on this line at all`,
];
const EXTRACT = Buffer.from(`${LINES.join("\n")}\n`);

async function* chunks(buf: Buffer, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function* cutOff(buf: Buffer): AsyncGenerator<Uint8Array> {
  yield buf.subarray(0, Math.floor(buf.length / 2));
  const err = new Error("aborted");
  (err as { code?: string }).code = "ECONNRESET";
  throw err;
}

const deps = () => ({ store, limits: { ...DEFAULT_LIMITS, maxLineBytes: 1024 * 1024 }, maxUploadBytes: 50 * 1024 * 1024 });
const input = (caseId: string, filename = "extract.ndjson", over: Partial<{ dropOutsideWindow: boolean; dropOutsideScope: boolean; disclosePersonalData: boolean }> = {}) => ({
  caseId,
  filename,
  dropOutsideWindow: true,
  dropOutsideScope: true,
  disclosePersonalData: false,
  ...over,
});

/** A case being worked: its step-5 checklist ticked unless `ticked` is false. */
async function newCase(team: "sirt" | "support", status = "in_progress", ticked = true) {
  return db().case.create({
    data: {
      accountId,
      authorId: csm.id,
      team,
      status: status as "in_progress",
      reference: nextReference(),
      requestedAt: new Date(),
      windowFrom: FROM,
      windowTo: TO,
      resources: [{ kind: "project", path: "acme/web" }],
      summary: "Token leak",
      ...(ticked ? { ticks: tickedChecklist(csm.id) } : {}),
    },
    select: { id: true },
  });
}

/** Runs the queued redaction job(s), as the worker would. */
async function redactQueued() {
  const jobs = await db().job.findMany({ where: { kind: REDACT_JOB, status: "queued" } });
  for (const job of jobs) {
    await runRedactionJob(db(), { id: job.id, payload: job.payload, attempts: 1, maxAttempts: 3 }, { store, limits: DEFAULT_LIMITS, internalHosts: [".internal"], progressEveryMs: 0 });
    await db().job.update({ where: { id: job.id }, data: { status: "done" } });
  }
}

async function committedBlobs(): Promise<number> {
  const root = path.join(dir, "sha256");
  let n = 0;
  for (const sub of await fs.readdir(root).catch(() => [])) n += (await fs.readdir(path.join(root, sub))).length;
  return n;
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(c);
  return out;
}

/** What an approval from the review page sends: the current residue's hash, and the box ticked. */
async function reviewed(artefactId: string) {
  const { residueSha256 } = await db().artefact.findUniqueOrThrow({ where: { id: artefactId }, select: { residueSha256: true } });
  return { residueSha256: residueSha256 ?? undefined, residueReviewed: true };
}

const tempFiles = async () => (await fs.readdir(path.join(dir, "tmp")).catch(() => [])).length;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-artefacts-"));
  store = localBlobStore(dir);
  key = await loadOrCreateSigningKey(dir);
  [support, csm, sirt, sirt2, legal, admin] = (await Promise.all((["support", "csm", "sirt", "sirt", "legal", "admin"] as const).map((r) => createUser(r)))) as SessionUser[];
  const a = await db().account.create({
    data: {
      slug: `acme-${Date.now()}`,
      name: "ACME",
      plan: "premium",
      deployment: "saas",
      paying: true,
      managers: { create: [{ userId: csm.id }] },
      resources: {
        create: [
          { kind: "group", path: "acme", pathLower: "acme" },
          { kind: "project", path: "acme/web", pathLower: "acme/web" },
          { kind: "user", path: "alice", pathLower: "alice", email: "alice@acme.example" },
        ],
      },
    },
    select: { id: true },
  });
  accountId = a.id;
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("uploading an artefact", () => {
  it("a case closed while its file is redacted stays as it closed: the result is kept, nobody is asked to review it", async () => {
    const c = await newCase("support");
    const up = await uploadArtefact(support, input(c.id), chunks(EXTRACT), deps());
    await db().case.update({ where: { id: c.id }, data: { status: "closed", resolution: "withdrawn", closedAt: new Date(), closeReason: "The customer withdrew." } });
    const mailBefore = await db().outboxMessage.count({ where: { caseId: c.id } });
    await redactQueued();
    expect(await db().artefact.findUniqueOrThrow({ where: { id: up.id } })).toMatchObject({ status: "in_review" });
    expect(await db().case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "closed", artefactReview: false });
    expect(await db().outboxMessage.count({ where: { caseId: c.id } })).toBe(mailBefore);
    const done = await db().activityLog.findFirstOrThrow({ where: { entityId: up.id, action: "artefact.redacted" } });
    expect(done.meta).toEqual({ caseClosed: true });
  });

  it("a committed redaction counts once in /api/metrics's throughput; the same job run again counts nothing", async () => {
    const value = async (c: { get(): Promise<{ values: { value: number }[] }> }) => (await c.get()).values[0]?.value ?? 0;
    const m = metrics();
    const before = { n: await value(m.redactions), raw: await value(m.redactionRawBytes), red: await value(m.redactionRedactedBytes), lines: await value(m.redactionRedactedLines) };
    const c = await newCase("support");
    const up = await uploadArtefact(support, input(c.id), chunks(EXTRACT), deps());
    const job = await db().job.findFirstOrThrow({ where: { kind: REDACT_JOB, status: "queued", payload: { equals: { artefactId: up.id, revision: 1 } } } });
    await redactQueued();
    const row = await db().artefact.findUniqueOrThrow({ where: { id: up.id } });
    expect(await value(m.redactions)).toBe(before.n + 1);
    expect(await value(m.redactionRawBytes)).toBe(before.raw + Number(row.rawSize));
    expect(await value(m.redactionRedactedBytes)).toBe(before.red + Number(row.redactedSize));
    expect(await value(m.redactionRedactedLines)).toBe(before.lines + row.redactedLines!);
    // A retried job whose result is already written (the artefact is in review) commits nothing and counts nothing.
    await runRedactionJob(db(), { id: job.id, payload: job.payload, attempts: 2, maxAttempts: 3 }, { store, limits: DEFAULT_LIMITS, internalHosts: [".internal"], progressEveryMs: 0 });
    expect(await value(m.redactions)).toBe(before.n + 1);
  });

  it("streams it into the blob store with its SHA-256, checks the scope, queues the redaction and puts the case in review, in one transaction", async () => {
    const c = await newCase("sirt");
    const up = await uploadArtefact(sirt, input(c.id), chunks(EXTRACT), deps());
    expect(up.rawSha256).toBe(createHash("sha256").update(EXTRACT).digest("hex"));
    expect(up.rawSize).toBe(EXTRACT.length);
    const row = await db().artefact.findUniqueOrThrow({ where: { id: up.id } });
    expect(row).toMatchObject({ status: "processing", format: "text", compression: "none", rawLines: 6, uploadedById: sirt.id });
    expect(row.scopeCheck).toMatchObject({ lines: 6, outsideWindow: 1, outsideScope: 1, undated: 1 });
    // Issue 13: an artefact means the log-dive was done (the case closes only with its gap record).
    expect(await db().case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "artefacts_in_review", logDiveDone: true });
    expect(await db().job.count({ where: { kind: REDACT_JOB, payload: { equals: { artefactId: up.id, revision: 1 } } } })).toBe(1);
    expect(await db().activityLog.count({ where: { entityId: up.id, action: "artefact.upload" } })).toBe(1);
    const back = Buffer.concat(await collect(await store.read(`sha256:${up.rawSha256}`)));
    expect(back.equals(EXTRACT)).toBe(true);
  });

  it("accepts gzip and reports what it found", async () => {
    const c = await newCase("sirt");
    const up = await uploadArtefact(sirt, input(c.id, "extract.ndjson.gz"), chunks(gzipSync(EXTRACT), 5), deps());
    expect(await db().artefact.findUniqueOrThrow({ where: { id: up.id }, select: { compression: true, rawLines: true } })).toEqual({ compression: "gzip", rawLines: 6 });
  });

  it.each([
    ["an empty file", Buffer.alloc(0), /empty/i],
    ["a binary file", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]), /binary/i],
    ["corrupt gzip", Buffer.concat([gzipSync(EXTRACT).subarray(0, 10), Buffer.from("not deflate at all")]), /gzip/i],
    ["gzip cut off halfway", gzipSync(EXTRACT).subarray(0, 40), /gzip|cut off|truncated|incomplete/i],
    ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]), /UTF-8/i],
    ["a line over the limit", Buffer.from(`${"x".repeat(1024 * 1024 + 10)}\n`), /line/i],
  ])("refuses %s with a clear message and stores nothing", async (_name, bytes, message) => {
    const c = await newCase("sirt");
    const before = await committedBlobs();
    const err = await uploadArtefact(sirt, input(c.id), chunks(bytes, 4096), deps()).catch((e) => e);
    expect(err).toMatchObject({ code: "VALIDATION" });
    expect(err.message).toMatch(message);
    expect(await db().artefact.count({ where: { caseId: c.id } })).toBe(0);
    expect(await committedBlobs()).toBe(before);
    expect(await tempFiles()).toBe(0);
  });

  it("refuses a gzip bomb by its ratio", async () => {
    const c = await newCase("sirt");
    const bomb = gzipSync(Buffer.from("a\n".repeat(8 * 1024 * 1024)));
    const err = await uploadArtefact(sirt, input(c.id), chunks(bomb, 64 * 1024), deps()).catch((e) => e);
    expect(err).toMatchObject({ code: "VALIDATION" });
    expect(err.message).toMatch(/100|ratio|compress/i);
    expect(await db().artefact.count({ where: { caseId: c.id } })).toBe(0);
  });

  it("leaves nothing behind when the upload is cut off halfway", async () => {
    const c = await newCase("sirt");
    const before = await committedBlobs();
    const err = await uploadArtefact(sirt, input(c.id), cutOff(EXTRACT), deps()).catch((e) => e);
    expect(err).toMatchObject({ code: "VALIDATION" });
    expect(err.message).toMatch(/cut off/i);
    expect(await db().artefact.count({ where: { caseId: c.id } })).toBe(0);
    expect(await committedBlobs()).toBe(before);
    expect(await tempFiles()).toBe(0);
  });

  it("refuses the same file twice on one case, naming the first upload", async () => {
    const c = await newCase("sirt");
    await uploadArtefact(sirt, input(c.id, "first.ndjson"), chunks(EXTRACT), deps());
    const err = await uploadArtefact(sirt2, input(c.id, "again.ndjson"), chunks(EXTRACT), deps()).catch((e) => e);
    expect(err).toMatchObject({ code: "CONFLICT" });
    expect(err.message).toContain("first.ndjson");
    expect(await db().artefact.count({ where: { caseId: c.id } })).toBe(1);
  });

  it("uploading again a file whose raw form retention deleted (the case reopened since) puts it back on its artefact", async () => {
    const c = await newCase("sirt");
    const up = await uploadArtefact(sirt, input(c.id), chunks(EXTRACT), deps());
    await redactQueued();
    // What retention leaves: the raw file's deletion stamped, its blob gone.
    await db().artefact.update({ where: { id: up.id }, data: { rawDeletedAt: new Date() } });
    await store.remove(`sha256:${up.rawSha256}`);
    const { version } = await db().artefact.findUniqueOrThrow({ where: { id: up.id } });
    await expect(redactAgain(sirt, { artefactId: up.id, version, dropOutsideWindow: true, dropOutsideScope: true, disclosePersonalData: false })).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/upload the same extract again/) });

    const again = await uploadArtefact(sirt, input(c.id, "extract-again.ndjson"), chunks(EXTRACT), deps());
    expect(again).toMatchObject({ id: up.id, restored: true, rawSha256: up.rawSha256 });
    expect(await db().artefact.count({ where: { caseId: c.id } })).toBe(1);
    expect(await db().artefact.findUniqueOrThrow({ where: { id: up.id } })).toMatchObject({ rawDeletedAt: null, rawBlobKey: `sha256:${up.rawSha256}`, rawLineMapKey: null });
    expect(await store.stat(`sha256:${up.rawSha256}`)).not.toBeNull();
    expect(await db().activityLog.count({ where: { entityId: up.id, action: "artefact.rawRestored" } })).toBe(1);
    // A second upload of it now is the duplicate it always was.
    await expect(uploadArtefact(sirt, input(c.id, "third.ndjson"), chunks(EXTRACT), deps())).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("an upload refused after its bytes were stored removes them, but not when the same bytes are another artefact's redacted file", async () => {
    // Case A's redacted file; then someone uploads exactly those bytes to case B, closed while the upload streams.
    const a = await newCase("sirt");
    const up = await uploadArtefact(sirt, input(a.id), chunks(EXTRACT), deps());
    await redactQueued();
    const { redactedBlobKey } = await db().artefact.findUniqueOrThrow({ where: { id: up.id }, select: { redactedBlobKey: true } });
    const redactedBytes = Buffer.concat(await collect(await store.read(redactedBlobKey!)));
    const closingWhileStreaming = async function* (bytes: Buffer, caseId: string) {
      yield bytes.subarray(0, 10);
      await db().case.update({ where: { id: caseId }, data: { status: "closed", resolution: "withdrawn", closedAt: new Date(), closeReason: "Withdrawn.", statusBeforeClose: "in_progress" } });
      yield bytes.subarray(10);
    };
    const b = await newCase("sirt");
    await expect(uploadArtefact(sirt, input(b.id, "again.ndjson"), closingWhileStreaming(redactedBytes, b.id), deps())).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await store.stat(redactedBlobKey!), "case A's redacted file is kept").not.toBeNull();
    // Bytes nobody else names go.
    const unique = Buffer.concat([EXTRACT, Buffer.from(`{"time":"${FROM.toISOString()}","msg":"one more line ${Date.now()}"}\n`)]);
    const c = await newCase("sirt");
    const blobsBefore = await committedBlobs();
    await expect(uploadArtefact(sirt, input(c.id, "other.ndjson"), closingWhileStreaming(unique, c.id), deps())).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await committedBlobs()).toBe(blobsBefore);
  });

  it.each([
    ["Support on a SIRT case (not visible: 404)", () => support, "sirt", "NOT_FOUND"],
    ["the CSM (uploads are the routed team's)", () => csm, "sirt", "FORBIDDEN"],
    ["Legal", () => legal, "sirt", "FORBIDDEN"],
    ["Admin", () => admin, "sirt", "FORBIDDEN"],
    ["SIRT on a Support case", () => sirt, "support", "NOT_FOUND"],
  ] as const)("refuses %s", async (_name, who, team, code) => {
    const c = await newCase(team);
    await expect(uploadArtefact(who(), input(c.id), chunks(EXTRACT), deps())).rejects.toMatchObject({ code });
  });

  it("refuses an upload before the case is accepted", async () => {
    const c = await newCase("sirt", "submitted");
    await expect(uploadArtefact(sirt, input(c.id), chunks(EXTRACT), deps())).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("refuses an upload before the step-5 checklist is complete, naming what is missing and storing nothing; a team lead's override lets it in", async () => {
    const c = await newCase("sirt", "accepted", false);
    await db().verificationTick.create({ data: { caseId: c.id, item: "identity", tickedById: csm.id } });
    const before = await committedBlobs();
    const err = await uploadArtefact(sirt, input(c.id), chunks(EXTRACT), deps()).catch((e) => e);
    expect(err).toMatchObject({ code: "INVALID_STATE" });
    expect(err.message).toBe(
      "Complete the verification checklist (step 5) first: 5 of 6 items are not ticked: resource ownership, plan, narrow scope, Audit Events checked first, customer not added. A team lead may override it with a reason.",
    );
    expect(await db().artefact.count({ where: { caseId: c.id } })).toBe(0);
    expect(await committedBlobs()).toBe(before);
    expect(await tempFiles()).toBe(0);

    const lead = await createUser("sirt", { teamLead: true });
    await overrideVerification(lead, { id: c.id, reason: "Identity confirmed on a call with the account owner." });
    const up = await uploadArtefact(sirt, input(c.id), chunks(EXTRACT), deps());
    expect(up.status).toBe("processing");
  });
});

describe("redaction, review, approval and release", () => {
  let caseId: string;
  let artefactId: string;

  it("produces the redacted form with its own SHA-256 and summary, and tells SIRT and Legal", async () => {
    caseId = (await newCase("sirt")).id;
    artefactId = (await uploadArtefact(sirt, input(caseId), chunks(EXTRACT), deps())).id;
    await redactQueued();
    const a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    expect(a.status).toBe("in_review");
    expect(a.redactedLines).toBe(4); // one line before the window and one naming globex/api dropped
    expect(a.droppedLines).toBe(2);
    const redacted = Buffer.concat(await collect(await store.read(a.redactedBlobKey!)));
    expect(a.redactedSha256).toBe(createHash("sha256").update(redacted).digest("hex"));
    const text = redacted.toString("utf8");
    expect(text).not.toContain("glpat-");
    expect(text).not.toContain("s3cr3t-t0ken");
    expect(text).not.toContain("mallory");
    expect(text).not.toContain("db-3.internal");
    expect(text).toContain("12345678901234567890"); // numbers keep their exact text
    expect(text).toContain("acme/web");
    expect((a.redactionSummary as { redactions: Record<string, number> }).redactions.secret).toBeGreaterThanOrEqual(2);
    const ready = await db().outboxMessage.findMany({ where: { caseId, kind: "artefact.ready" }, select: { toAddress: true } });
    expect(ready.map((m) => m.toAddress)).toEqual(expect.arrayContaining([legal.email, sirt.email]));
    expect(await db().activityLog.count({ where: { entityId: artefactId, action: "artefact.redacted" } })).toBe(1);
    // What the progress bar polls: done, and only for those who may see the case.
    await expect(artefactProgress(sirt, artefactId)).resolves.toMatchObject({ status: "in_review", progress: 1 });
    await expect(artefactProgress(support, artefactId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(artefactProgress(admin, artefactId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("pages the redacted lines with the raw line beside them for those allowed, and searches", async () => {
    const page = await reviewArtefact(sirt, artefactId, { page: 1, query: "", raw: true }, store, DEFAULT_LIMITS);
    expect(page.total).toBe(4);
    expect(page.showsRaw).toBe(true);
    expect(page.lines.map((l) => l.raw?.n)).toEqual([1, 2, 5, 6]);
    expect(page.lines[0]!.raw!.text).toContain("glpat-");
    const hits = await reviewArtefact(legal, artefactId, { page: 1, query: "redacted:secret", raw: false }, store, DEFAULT_LIMITS);
    expect(hits.total).toBe(2);
    // The CSM sees the case, but neither the raw form of a SIRT case nor the redacted one before both approvals.
    await expect(reviewArtefact(csm, artefactId, { page: 1, query: "", raw: false }, store, DEFAULT_LIMITS)).rejects.toMatchObject({ code: "INVALID_STATE" });
    const [csmView] = await listCaseArtefacts(csm, caseId);
    expect(csmView!.can).toMatchObject({ readRaw: false, readRedacted: false, share: false, decide: null });
    expect(csmView!.scopeCheck).toMatchObject({ outsideScope: 1, samples: [], outsideResources: [] });
    const [sirtView] = await listCaseArtefacts(sirt, caseId);
    expect(sirtView!.scopeCheck!.samples.length).toBeGreaterThan(0);
    // Showing raw lines is on the record, like a download.
    expect(await db().activityLog.count({ where: { entityId: artefactId, action: "artefact.viewRaw", actorId: sirt.id } })).toBe(1);
  });

  it("serves the raw form only to the case's team and Legal", async () => {
    await expect(openArtefactFile(sirt, artefactId, "raw", store)).resolves.toMatchObject({ filename: "extract.ndjson" });
    await expect(openArtefactFile(legal, artefactId, "raw", store)).resolves.toBeTruthy();
    await expect(openArtefactFile(csm, artefactId, "raw", store)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(openArtefactFile(csm, artefactId, "redacted", store)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(openArtefactFile(legal, artefactId, "redacted", store)).resolves.toMatchObject({ filename: "extract.redacted.ndjson" });
    await expect(openArtefactFile(admin, artefactId, "redacted", store)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(openArtefactFile(support, artefactId, "redacted", store)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Chain of custody: each download that was served is on the record, with the form and its hash.
    const downloads = await db().activityLog.findMany({ where: { entityId: artefactId, action: "artefact.download" }, select: { actorId: true, meta: true } });
    expect(downloads.map((d) => [d.actorId, (d.meta as { form: string }).form])).toEqual(
      expect.arrayContaining([[sirt.id, "raw"], [legal.id, "raw"], [legal.id, "redacted"]]),
    );
    expect(downloads).toHaveLength(3);
  });

  it("lists it for SIRT's and Legal's approval", async () => {
    const l = await approvalQueue(legal, { page: 1 });
    expect(l.items.map((i) => i.id)).toContain(artefactId);
    const s = await approvalQueue(sirt, { page: 1 });
    expect(s.items.map((i) => i.id)).toContain(artefactId);
  });

  it("cannot be shared before both approvals", async () => {
    const a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    await expect(shareArtefact(csm, { artefactId, version: a.version, recipient: "sec@acme.example", channel: "email" }, key)).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("takes Legal's and Security's approvals; of two decisions from one loaded version only one applies", async () => {
    let a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    const both = await Promise.allSettled([
      decideArtefact(legal, { artefactId, version: a.version, decision: "approved", comment: "", ...(await reviewed(artefactId)) }),
      decideArtefact(sirt, { artefactId, version: a.version, decision: "approved", comment: "", ...(await reviewed(artefactId)) }),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    const missing = (await db().artefactApproval.count({ where: { artefactId, kind: "legal" } })) ? sirt : legal;
    const r = await decideArtefact(missing, { artefactId, version: a.version, decision: "approved", comment: "Fine to release.", ...(await reviewed(artefactId)) });
    expect(r).toEqual({ status: "approved", caseStatus: "approved" });
    expect((await db().outboxMessage.findMany({ where: { caseId, kind: "artefact.approved" } })).map((m) => m.toAddress)).toContain(csm.email);
  });

  it("a new redaction voids the approvals", async () => {
    let a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    await redactAgain(sirt, { artefactId, version: a.version, dropOutsideWindow: false, dropOutsideScope: true, disclosePersonalData: false });
    expect(await db().artefactApproval.count({ where: { artefactId, voidedAt: null } })).toBe(0);
    // Issue 14: the earlier redacted file (and its raw line map) is kept for retention to delete.
    const superseded = (await db().artefact.findUniqueOrThrow({ where: { id: artefactId } })).supersededBlobKeys;
    expect(superseded).toEqual([a.redactedBlobKey, a.rawLineMapKey].filter(Boolean));
    expect((await db().case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("artefacts_in_review");
    await redactQueued();
    a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    expect(a).toMatchObject({ status: "in_review", revision: 2, redactedLines: 5 });
    for (const who of [legal, sirt]) {
      a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
      await decideArtefact(who, { artefactId, version: a.version, decision: "approved", comment: "", ...(await reviewed(artefactId)) });
    }
    expect((await db().artefact.findUniqueOrThrow({ where: { id: artefactId } })).status).toBe("approved");
  });

  it("requires a comment to reject, and only SIRT and Legal decide", async () => {
    const a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    await expect(decideArtefact(csm, { artefactId, version: a.version, decision: "approved", comment: "", ...(await reviewed(artefactId)) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decideArtefact(support, { artefactId, version: a.version, decision: "approved", comment: "", ...(await reviewed(artefactId)) })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("is shared by the CSM with a signed manifest that verifies against the file, and fails after one byte changes", async () => {
    const a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    await expect(shareArtefact(sirt, { artefactId, version: a.version, recipient: "sec@acme.example", channel: "email" }, key)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { shareId } = await shareArtefact(csm, { artefactId, version: a.version, recipient: "sec@acme.example", channel: "secure_file_share" }, key);
    expect((await db().case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("shared");
    const share = await db().artefactShare.findUniqueOrThrow({ where: { id: shareId } });
    const signed = parseSignedManifest(share.document);
    expect(verifyManifestSignature(signed, key.publicKeyPem)).toEqual({ ok: true });
    expect(signed.manifest.artefacts[0]).toMatchObject({ sha256: a.redactedSha256, filename: "extract.redacted.ndjson" });
    expect(signed.manifest.artefacts[0]!.approvals.map((x) => x.kind)).toEqual(["security", "legal"]);
    // Each approval names the residue its approver reviewed.
    expect(signed.manifest.artefacts[0]!.approvals.map((x) => x.residueSha256)).toEqual([a.residueSha256, a.residueSha256]);
    const out = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-release-"));
    const file = await openArtefactFile(csm, artefactId, "redacted", store);
    const bytes = Buffer.concat(await collect(file.stream));
    await fs.writeFile(path.join(out, "manifest.json"), share.document);
    await fs.writeFile(path.join(out, file.filename), bytes);
    expect((await verifyRelease({ manifestPath: path.join(out, "manifest.json"), publicKeyPem: key.publicKeyPem })).ok).toBe(true);
    bytes[10] ^= 1;
    await fs.writeFile(path.join(out, file.filename), bytes);
    expect((await verifyRelease({ manifestPath: path.join(out, "manifest.json"), publicKeyPem: key.publicKeyPem })).ok).toBe(false);
    await fs.rm(out, { recursive: true, force: true });
    const views = await listCaseArtefacts(csm, caseId);
    expect(views[0]).toMatchObject({ status: "shared", shares: [expect.objectContaining({ recipient: "sec@acme.example" })] });
  });
});

describe("two artefacts of one case", () => {
  it("approved at the same moment, the case still ends approved (the decisions settle it one after the other)", async () => {
    const c = await newCase("sirt");
    const first = await uploadArtefact(sirt, input(c.id, "a.ndjson"), chunks(EXTRACT), deps());
    const second = await uploadArtefact(sirt, input(c.id, "b.ndjson"), chunks(Buffer.concat([EXTRACT, Buffer.from("one more line\n")])), deps());
    expect(await db().activityLog.count({ where: { caseId: c.id, action: "case.artefactsInReview" } })).toBe(1);
    await redactQueued();
    const version = async (id: string) => (await db().artefact.findUniqueOrThrow({ where: { id } })).version;
    await decideArtefact(legal, { artefactId: first.id, version: await version(first.id), decision: "approved", comment: "", ...(await reviewed(first.id)) });
    await decideArtefact(legal, { artefactId: second.id, version: await version(second.id), decision: "approved", comment: "", ...(await reviewed(second.id)) });
    const [v1, v2] = [await version(first.id), await version(second.id)];
    await Promise.all([
      decideArtefact(sirt, { artefactId: first.id, version: v1, decision: "approved", comment: "", ...(await reviewed(first.id)) }),
      decideArtefact(sirt2, { artefactId: second.id, version: v2, decision: "approved", comment: "", ...(await reviewed(second.id)) }),
    ]);
    expect((await db().case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("approved");
  });
});

describe("withdrawing, closed cases, stuck redactions and refusals after storing", () => {
  const version = async (id: string) => (await db().artefact.findUniqueOrThrow({ where: { id } })).version;
  const caseStatus = async (id: string) => (await db().case.findUniqueOrThrow({ where: { id } })).status;

  it("a rejected extract withdrawn by the team stops holding the case in review", async () => {
    const c = await newCase("sirt");
    const bad = await uploadArtefact(sirt, input(c.id, "wrong.ndjson"), chunks(EXTRACT), deps());
    const good = await uploadArtefact(sirt, input(c.id, "right.ndjson"), chunks(Buffer.concat([EXTRACT, Buffer.from("more\n")])), deps());
    await redactQueued();
    await decideArtefact(legal, { artefactId: bad.id, version: await version(bad.id), decision: "rejected", comment: "Wrong project." });
    for (const who of [legal, sirt]) await decideArtefact(who, { artefactId: good.id, version: await version(good.id), decision: "approved", comment: "", ...(await reviewed(good.id)) });
    expect(await caseStatus(c.id)).toBe("artefacts_in_review");
    await expect(withdrawArtefact(csm, { artefactId: bad.id, version: await version(bad.id), reason: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const r = await withdrawArtefact(sirt, { artefactId: bad.id, version: await version(bad.id), reason: "Replaced by right.ndjson" });
    expect(r.caseStatus).toBe("approved");
    expect(await db().artefactApproval.count({ where: { artefactId: bad.id, voidedAt: null } })).toBe(0);
    expect((await db().artefact.findUniqueOrThrow({ where: { id: bad.id } })).status).toBe("withdrawn");
    expect(await db().activityLog.count({ where: { entityId: bad.id, action: "artefact.withdraw" } })).toBe(1);
  });

  it("withdrawing the only artefact sends the case back to the log-dive", async () => {
    const c = await newCase("sirt");
    const only = await uploadArtefact(sirt, input(c.id), chunks(EXTRACT), deps());
    await redactQueued();
    await withdrawArtefact(sirt, { artefactId: only.id, version: await version(only.id), reason: "Wrong extract" });
    expect(await caseStatus(c.id)).toBe("in_progress");
  });

  it("a new redaction of a shared case's artefact brings the case back to review; nothing changes on a closed case", async () => {
    const c = await newCase("sirt");
    const a = await uploadArtefact(sirt, input(c.id), chunks(EXTRACT), deps());
    await redactQueued();
    await db().case.update({ where: { id: c.id }, data: { status: "shared" } });
    await redactAgain(sirt, { artefactId: a.id, version: await version(a.id), dropOutsideWindow: true, dropOutsideScope: false, disclosePersonalData: false });
    expect(await caseStatus(c.id)).toBe("artefacts_in_review");
    await redactQueued();
    await db().case.update({ where: { id: c.id }, data: { status: "closed" } });
    await expect(decideArtefact(legal, { artefactId: a.id, version: await version(a.id), decision: "approved", comment: "", ...(await reviewed(a.id)) })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(withdrawArtefact(sirt, { artefactId: a.id, version: await version(a.id), reason: "x" })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("a redaction with no progress for 10 minutes can be started again; a running one cannot", async () => {
    const c = await newCase("sirt");
    const a = await uploadArtefact(sirt, input(c.id), chunks(EXTRACT), deps());
    const again = () => version(a.id).then((v) => redactAgain(sirt, { artefactId: a.id, version: v, dropOutsideWindow: true, dropOutsideScope: true, disclosePersonalData: false }));
    await expect(again()).rejects.toMatchObject({ code: "INVALID_STATE" });
    await db().$executeRaw`UPDATE "Artefact" SET "updatedAt" = now() - interval '11 minutes' WHERE id = ${a.id}`;
    expect((await listCaseArtefacts(sirt, c.id))[0]).toMatchObject({ stuck: true, can: expect.objectContaining({ redactAgain: true }) });
    await expect(again()).resolves.toEqual({ revision: 2 });
    await redactQueued();
    expect((await db().artefact.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("in_review");
  });

  it("a file refused after it was stored (the case closed meanwhile) leaves no blob behind", async () => {
    const c = await newCase("sirt");
    const before = await committedBlobs();
    const unique = Buffer.from(`{"time":"2026-11-10T10:00:00Z","message":"closing race ${Date.now()}"}\n`);
    async function* closesMidway(): AsyncGenerator<Uint8Array> {
      yield unique;
      await db().case.update({ where: { id: c.id }, data: { status: "closed" } });
    }
    await expect(uploadArtefact(sirt, input(c.id), closesMidway(), deps())).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await committedBlobs()).toBe(before);
    expect(await db().artefact.count({ where: { caseId: c.id } })).toBe(0);
  });

  it("the manifest names the file exactly as it is downloaded, whatever the upload was called", async () => {
    const c = await newCase("sirt");
    const a = await uploadArtefact(sirt, input(c.id, "dumps/export 2026-11-10T10:00@prod.ndjson"), chunks(EXTRACT), deps());
    await redactQueued();
    for (const who of [legal, sirt]) await decideArtefact(who, { artefactId: a.id, version: await version(a.id), decision: "approved", comment: "internal note", ...(await reviewed(a.id)) });
    const { shareId } = await shareArtefact(csm, { artefactId: a.id, version: await version(a.id), recipient: "sec@acme.example", channel: "email" }, key);
    const signed = parseSignedManifest((await db().artefactShare.findUniqueOrThrow({ where: { id: shareId } })).document);
    const file = await openArtefactFile(csm, a.id, "redacted", store);
    await collect(file.stream);
    expect(signed.manifest.artefacts[0]!.filename).toBe(file.filename);
    expect(file.filename).toBe("dumps_export 2026-11-10T10_00_prod.redacted.ndjson"); // the upload's own type kept
    // Review comments and staff emails stay in the portal.
    expect(JSON.stringify(signed.manifest.artefacts[0]!.approvals)).not.toMatch(/internal note|@/);
  });
});


describe("the residue review", () => {
  // What the redaction leaves: a host nobody knows, an address that ends a sentence, the account's
  // own project and user, another account's path in a request path, a token-like string.
  const RESIDUE_LINES = [
    `{"time":"2026-11-10T10:00:00Z","meta.user":"alice","meta.project":"acme/web","message":"webhook to https://hooks.partner.example/notify failed"}`,
    `2026-11-10T10:01:00Z INFO login for alice from 203.0.113.5.`,
    `{"time":"2026-11-10T10:02:00Z","method":"GET","path":"/api/v4/projects/acme%2Fweb/jobs","host":"gitlab.example.com"}`,
    `2026-11-10T10:03:00Z WARN key hint ghx7Kq2LmP9sT4vW8yZ1bN3c seen on db-3.internal`,
  ];
  const RESIDUE_EXTRACT = Buffer.from(`${RESIDUE_LINES.join("\n")}\n`);
  let caseId: string;
  let artefactId: string;
  const version = async (id: string) => (await db().artefact.findUniqueOrThrow({ where: { id } })).version;
  const decide = async (who: SessionUser, decision: "approved" | "rejected", residue?: string, comment = "") =>
    decideArtefact(who, { artefactId, version: await version(artefactId), decision, comment, residueSha256: residue, residueReviewed: decision === "approved" });

  it("is taken by the redaction job with the redacted file, hashed, and counted in the activity log", async () => {
    caseId = (await newCase("sirt")).id;
    artefactId = (await uploadArtefact(sirt, input(caseId, "residue.ndjson"), chunks(RESIDUE_EXTRACT), deps())).id;
    await redactQueued();
    const a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    expect(a.status).toBe("in_review");
    const residue = a.residue as unknown as ResidueInventory;
    // Stored as JSON and read back, it still hashes to the hash stored beside it (keys sorted).
    expect(a.residueSha256).toBe(residueSha256(residue));
    const of = (category: string) => residue.categories.find((c) => c.category === category)!.items.map((i) => [i.value, i.reason]);
    // gitlab.example.com is "a known host" once the job reads the product hosts from the settings.
    expect(of("host")).toEqual(expect.arrayContaining([["hooks.partner.example", "unknown"], ["gitlab.example.com", expect.stringMatching(/^(unknown|known-host)$/)]]));
    const unknownHosts = residue.categories.find((c) => c.category === "host")!.unknown;
    // The address that ends a sentence is redacted since the revised rules (contract section 2).
    expect(of("ip")).toEqual([]);
    expect(of("path")).toEqual([["acme/web", "owned"]]);
    expect(of("name")).toEqual([["alice", "owned"]]);
    expect(of("random")).toEqual([["ghx7Kq2LmP9sT4vW8yZ1bN3c", "unknown"]]);
    expect(residue.categories.find((c) => c.category === "host")!.items.find((i) => i.value === "hooks.partner.example")!.sample).toMatchObject({ line: 1 });
    const [logged] = await db().activityLog.findMany({ where: { entityId: artefactId, action: "artefact.redacted" }, select: { after: true } });
    expect(unknownHosts).toBeGreaterThanOrEqual(1);
    expect(logged!.after).toMatchObject({ unknownHosts, residueSha256: a.residueSha256 });
  });

  it("is shown to those who review the redacted form, not to the CSM before both approvals", async () => {
    const view = await artefactResidue(legal, artefactId);
    const a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    expect(view).toMatchObject({ residueSha256: a.residueSha256, revision: 1 });
    expect(view.residue!.categories).toHaveLength(6);
    await expect(artefactResidue(sirt, artefactId)).resolves.toMatchObject({ residueSha256: a.residueSha256 });
    await expect(artefactResidue(csm, artefactId)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(artefactResidue(support, artefactId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(artefactResidue(admin, artefactId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listCaseArtefacts(legal, caseId))[0]!.residueSha256).toBe(a.residueSha256);
  });

  it("the form's schema wants the box ticked to approve, not to reject", () => {
    const base = { artefactId, version: "3", comment: "" };
    expect(ZDecideArtefact.safeParse({ ...base, decision: "approved", residueSha256: "a".repeat(64) }).error?.issues[0]).toMatchObject({ path: ["residueReviewed"] });
    expect(ZDecideArtefact.safeParse({ ...base, decision: "approved", residueSha256: "A".repeat(64), residueReviewed: "1" }).data).toMatchObject({ residueSha256: "a".repeat(64), residueReviewed: true });
    expect(ZDecideArtefact.safeParse({ ...base, decision: "approved", residueSha256: "not a hash", residueReviewed: "1" }).success).toBe(false);
    expect(ZDecideArtefact.safeParse({ ...base, decision: "rejected", comment: "Unknown host left in line 1.", residueSha256: "" }).data).toMatchObject({ residueSha256: undefined });
  });

  it("refuses an approval that names no residue, or a residue that is not the current one; nothing is recorded", async () => {
    const before = await version(artefactId);
    await expect(decide(legal, "approved")).rejects.toMatchObject({ code: "VALIDATION", message: RESIDUE_NOT_REVIEWED });
    await expect(decide(legal, "approved", "0".repeat(64))).rejects.toMatchObject({ code: "CONFLICT", message: RESIDUE_CHANGED });
    expect(await db().artefactApproval.count({ where: { artefactId } })).toBe(0);
    expect(await version(artefactId)).toBe(before);
  });

  it("takes a rejection without one, and an approval with the current one, which it stores and logs", async () => {
    const { residueSha256: current } = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    await decide(sirt, "rejected", undefined, "hooks.partner.example is someone else's system.");
    const rejected = await db().artefactApproval.findFirstOrThrow({ where: { artefactId, kind: "security" } });
    expect(rejected).toMatchObject({ decision: "rejected", residueSha256: null });
    await decide(legal, "approved", current!);
    const approved = await db().artefactApproval.findFirstOrThrow({ where: { artefactId, kind: "legal" } });
    expect(approved).toMatchObject({ decision: "approved", residueSha256: current });
    const [logged] = await db().activityLog.findMany({ where: { entityId: artefactId, action: "artefact.approve" }, select: { after: true } });
    expect(logged!.after).toMatchObject({ kind: "legal", residueSha256: current });
    const [view] = await listCaseArtefacts(legal, caseId);
    expect(view!.live.legal).toMatchObject({ decision: "approved", residueSha256: current });
  });

  it("after a new redaction, the old residue's hash no longer approves", async () => {
    const { residueSha256: old } = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    await redactAgain(sirt, { artefactId, version: await version(artefactId), dropOutsideWindow: true, dropOutsideScope: true, disclosePersonalData: false });
    expect(await db().artefact.findUniqueOrThrow({ where: { id: artefactId }, select: { residue: true, residueSha256: true } })).toEqual({ residue: null, residueSha256: null });
    await expect(artefactResidue(legal, artefactId)).resolves.toMatchObject({ residue: null, residueSha256: null });
    await expect(decide(legal, "approved", old!)).rejects.toMatchObject({ code: "INVALID_STATE" }); // still redacting
    // Redacted again with other drop options against another scope: the residue (line numbers) differs.
    await db().artefact.update({ where: { id: artefactId }, data: { redactionOptions: { dropOutsideWindow: true, dropOutsideScope: true, disclosePersonalData: false, caseScope: { from: FROM.toISOString(), to: "2026-11-10T10:01:30Z", resources: ["acme/web"] } } } });
    await redactQueued();
    const { residueSha256: now } = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    expect(now).toMatch(/^[0-9a-f]{64}$/);
    expect(now).not.toBe(old);
    await expect(decide(legal, "approved", old!)).rejects.toMatchObject({ code: "CONFLICT", message: RESIDUE_CHANGED });
    await decide(legal, "approved", now!);
  });

  it("an artefact redacted before the residue review cannot be approved until it is redacted again; it can be rejected", async () => {
    const c = await newCase("sirt");
    const a = await uploadArtefact(sirt, input(c.id, "old.ndjson"), chunks(Buffer.concat([RESIDUE_EXTRACT, Buffer.from("older\n")])), deps());
    await redactQueued();
    await db().artefact.update({ where: { id: a.id }, data: { residue: Prisma.DbNull, residueSha256: null } });
    const v = await version(a.id);
    await expect(decideArtefact(legal, { artefactId: a.id, version: v, decision: "approved", comment: "", residueSha256: "0".repeat(64), residueReviewed: true })).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: RESIDUE_MISSING,
    });
    expect(RESIDUE_MISSING).toMatch(/redacts it again/);
    await expect(decideArtefact(legal, { artefactId: a.id, version: v, decision: "rejected", comment: "Redact it again, please." })).resolves.toMatchObject({ status: "rejected" });
  });

  it("an artefact approved before the residue review cannot be shared until it is redacted again and approved on its residue", async () => {
    const c = await newCase("sirt");
    const a = await uploadArtefact(sirt, input(c.id, "approved-before.ndjson"), chunks(Buffer.concat([RESIDUE_EXTRACT, Buffer.from("approved before\n")])), deps());
    await redactQueued();
    for (const who of [legal, sirt]) {
      await decideArtefact(who, { artefactId: a.id, version: await version(a.id), decision: "approved", comment: "", ...(await reviewed(a.id)) });
    }
    // As a row approved before this release looks: no inventory, approvals without its hash.
    await db().artefact.update({ where: { id: a.id }, data: { residue: Prisma.DbNull, residueSha256: null } });
    await db().artefactApproval.updateMany({ where: { artefactId: a.id }, data: { residueSha256: null } });
    const row = await db().artefact.findUniqueOrThrow({ where: { id: a.id } });
    expect(row.status).toBe("approved");
    await expect(shareArtefact(csm, { artefactId: a.id, version: row.version, recipient: "sec@acme.example", channel: "email" }, key)).rejects.toMatchObject({ code: "INVALID_STATE", message: SHARE_NEEDS_RESIDUE });
    // An approval whose hash is not the current residue's does not count either.
    const hash = "f".repeat(64);
    await db().artefact.update({ where: { id: a.id }, data: { residueSha256: hash } });
    await db().artefactApproval.updateMany({ where: { artefactId: a.id, kind: "legal" }, data: { residueSha256: hash } });
    await expect(shareArtefact(csm, { artefactId: a.id, version: row.version, recipient: "sec@acme.example", channel: "email" }, key)).rejects.toMatchObject({ message: SHARE_NEEDS_RESIDUE });
    expect(await db().artefactShare.count({ where: { artefactId: a.id } })).toBe(0);
  });
});

describe("one finder: the scope check reads URLs and request paths with the settings' host lists", () => {
  // Each line is inside the window and names another account only in a URL or request path form.
  const URL_LINES = [
    `{"time":"2026-11-10T10:00:00Z","meta.project":"acme/web","path":"/api/v4/projects/initech%2Fpayroll/jobs"}`,
    `2026-11-10T10:01:00Z INFO see https://gitlab.example.com/initech/payroll/-/pipelines for alice`,
    `{"time":"2026-11-10T10:02:00Z","meta.project":"acme/web","message":"GET /globex/api HTTP/1.1"}`,
    `{"time":"2026-11-10T10:03:00Z","meta.project":"acme/web","message":"pipeline of acme/web passed on linux/amd64"}`,
  ];

  it("counts other accounts named in URLs, drops those lines in the job, and keeps the raw view aligned", async () => {
    const { version } = await getCurrentSettings(db());
    await db().settingsVersion.create({ data: { version: version + 1, internalHosts: [".internal"], productHosts: ["gitlab.example.com"], policy: {}, note: "test: product host" } });
    const caseId = (await newCase("sirt")).id;
    const a = await uploadArtefact(sirt, input(caseId, "urls.ndjson"), chunks(Buffer.from(`${URL_LINES.join("\n")}\n`)), deps());
    const row = await db().artefact.findUniqueOrThrow({ where: { id: a.id } });
    const scope = row.scopeCheck as { outsideScope: number; outsideResources: { path: string }[] };
    expect(scope.outsideScope).toBe(3);
    expect(scope.outsideResources.map((r) => r.path).sort()).toEqual(["globex/api", "initech/payroll"]);

    await redactQueued();
    const done = await db().artefact.findUniqueOrThrow({ where: { id: a.id } });
    expect(done.settingsVersion).toBe(version + 1);
    expect(done.redactedLines).toBe(1);
    const page = await reviewArtefact(sirt, a.id, { page: 1, query: "", raw: true }, store, DEFAULT_LIMITS);
    expect(page.lines).toHaveLength(1);
    expect(page.lines[0].raw?.n).toBe(4);
    expect(page.lines[0].text).toContain("pipeline of acme/web passed on [project-1]");
  });
});

describe("known roots: a prose path drops a line only under a namespace Logdesk knows", () => {
  // The customer's own in-scope lines, each with a prose path no one's namespace starts with, and
  // lines naming other customers (in the registry) in prose and in entity_path.
  const PROSE_LINES = [
    `{"time":"2026-11-10T10:00:00Z","meta.project":"acme/web","ref":"refs/heads/main","meta.user":"alice"}`,
    `{"time":"2026-11-10T10:01:00Z","meta.project":"acme/web","message":"Pipeline for feature/login succeeded","tz":"Europe/Berlin"}`,
    `2026-11-10T10:02:00Z INFO acme/web: read/write access granted over TLSv1.2/TLSv1.3, wrote 4096 bytes/s from app/services/x.rb`,
    `{"time":"2026-11-10T10:03:00Z","meta.project":"acme/web","message":"mirrored from globex-corp/api"}`,
    `{"time":"2026-11-10T10:04:00Z","entity_path":"initech-group","action":"group_created"}`,
  ];

  beforeAll(async () => {
    for (const [slug, resources] of [
      ["globex-corp", [{ kind: "project" as const, path: "Globex-Corp/API", pathLower: "globex-corp/api" }, { kind: "user" as const, path: "refs", pathLower: "refs" }]],
      ["initech-group", [{ kind: "group" as const, path: "initech-group", pathLower: "initech-group" }]],
    ] as const) {
      await db().account.create({ data: { slug: `${slug}-${Date.now()}`, name: slug, plan: "premium", deployment: "saas", paying: true, resources: { create: [...resources] } }, select: { id: true } });
    }
  });

  it("loads the distinct roots of group and project paths, every customer's, users left out", async () => {
    const { loadKnownRoots } = await import("@/lib/accounts/queries");
    const roots = await loadKnownRoots(db());
    expect([...roots].sort()).toEqual(expect.arrayContaining(["acme", "globex-corp", "initech-group"]));
    expect(roots.has("refs")).toBe(false); // a user named refs is no namespace
    expect(roots.has("alice")).toBe(false);
  });

  it("keeps the customer's own lines at upload and in the job, and drops the other customers'", async () => {
    const caseId = (await newCase("sirt")).id;
    const a = await uploadArtefact(sirt, input(caseId, "prose.ndjson"), chunks(Buffer.from(`${PROSE_LINES.join("\n")}\n`)), deps());
    const scope = (await db().artefact.findUniqueOrThrow({ where: { id: a.id } })).scopeCheck as { outsideScope: number; outsideResources: { path: string }[] };
    expect(scope.outsideScope).toBe(2);
    expect(scope.outsideResources.map((r) => r.path).sort()).toEqual(["globex-corp/api", "initech-group"]);
    await redactQueued();
    const done = await db().artefact.findUniqueOrThrow({ where: { id: a.id } });
    expect(done).toMatchObject({ redactedLines: 3, droppedLines: 2 });
    const text = Buffer.concat(await collect(await store.read(done.redactedBlobKey!))).toString("utf8");
    // The redaction still replaces the prose paths, as the contract says.
    expect(text).not.toContain("refs/heads/main");
    expect(text).toContain('"meta.project":"acme/web"');
  });
});

describe("the raw line beside each redacted line is the one the job kept", () => {
  // 260 raw lines: every 5th before the window (dropped); every 7th names a path under a root no
  // one has yet (kept: a prose path counts only under a known root); every 11th a request path
  // after a method (a product path only once the product host is set).
  const N = 260;
  const rawLine = (n: number) => {
    const time = n % 5 === 0 ? "2026-10-01T10:00:00Z" : "2026-11-10T10:00:00Z";
    const message = n % 7 === 0 ? "moved zzroot/x" : n % 11 === 0 ? "GET /zzother/thing HTTP/1.1" : "ok";
    return `{"time":"${time}","meta.project":"acme/web","seq":${n},"message":"${message}"}`;
  };
  const kept = Array.from({ length: N }, (_, i) => i + 1).filter((n) => n % 5 !== 0);
  const seqOf = (text: string) => Number(/"seq":(\d+)/.exec(text)?.[1]);
  let artefactId: string;

  const rawNumbers = async (page: number, query = "") => {
    const view = await reviewArtefact(legal, artefactId, { page, query, raw: true }, store, DEFAULT_LIMITS);
    // Each raw line is the one its redacted line came from: the same seq.
    for (const l of view.lines) expect(seqOf(l.raw!.text)).toBe(seqOf(l.text));
    return view.lines.map((l) => [l.n, l.raw!.n]);
  };

  beforeAll(async () => {
    const { version } = await getCurrentSettings(db());
    await db().settingsVersion.create({ data: { version: version + 1, internalHosts: [".internal"], productHosts: [], policy: {}, note: "test: no product host" } });
    const caseId = (await newCase("sirt")).id;
    artefactId = (await uploadArtefact(sirt, input(caseId, "aligned.ndjson"), chunks(Buffer.from(`${Array.from({ length: N }, (_, i) => rawLine(i + 1)).join("\n")}\n`), 4096), deps())).id;
    await redactQueued();
  });

  it("records which raw lines the job kept, and shows them on page 1 and page 2", async () => {
    const a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    expect(a).toMatchObject({ redactedLines: kept.length, droppedLines: N - kept.length });
    expect(a.rawLineMapKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await rawNumbers(1)).toEqual(kept.slice(0, 100).map((n, k) => [k + 1, n]));
    expect(await rawNumbers(2)).toEqual(kept.slice(100, 200).map((n, k) => [k + 101, n]));
    expect(await rawNumbers(3)).toEqual(kept.slice(200).map((n, k) => [k + 201, n]));
  });

  it("stays aligned after the registry and the settings change", async () => {
    const before = [await rawNumbers(1), await rawNumbers(2)];
    const hits = await rawNumbers(1, "seq\":14,");
    expect(hits).toEqual([[kept.indexOf(14) + 1, 14]]);
    // zzroot becomes a known namespace, and gitlab.example.com a product host: judged today, the
    // lines naming zzroot/x and /zzother/thing would be dropped.
    await db().account.create({ data: { slug: `zz-${Date.now()}`, name: "ZZ", plan: "premium", deployment: "saas", paying: true, resources: { create: [{ kind: "group", path: "zzroot", pathLower: "zzroot" }] } } });
    const { version } = await getCurrentSettings(db());
    await db().settingsVersion.create({ data: { version: version + 1, internalHosts: [".internal"], productHosts: ["gitlab.example.com"], policy: {}, note: "test: product host" } });
    expect([await rawNumbers(1), await rawNumbers(2)]).toEqual(before);
    expect(await rawNumbers(1, "seq\":14,")).toEqual(hits);
  });

  it("an artefact redacted before the map, with drops, says to redact again instead of showing raw lines", async () => {
    await db().artefact.update({ where: { id: artefactId }, data: { rawLineMapKey: null } });
    const viewsBefore = await db().activityLog.count({ where: { entityId: artefactId, action: "artefact.viewRaw" } });
    const view = await reviewArtefact(legal, artefactId, { page: 2, query: "", raw: true }, store, DEFAULT_LIMITS);
    expect(view).toMatchObject({ showsRaw: false, rawNote: RAW_LINES_NEED_REDACTION });
    expect(view.rawNote).toMatch(/redact again to see the raw line beside each/i);
    expect(view.lines).toHaveLength(100);
    expect(view.lines.every((l) => l.raw === undefined)).toBe(true);
    expect(await db().activityLog.count({ where: { entityId: artefactId, action: "artefact.viewRaw" } })).toBe(viewsBefore);
    // Redacted again, the job records the map (with the settings and registry of now).
    const a = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    await redactAgain(sirt, { artefactId, version: a.version, dropOutsideWindow: true, dropOutsideScope: true, disclosePersonalData: false });
    expect((await db().artefact.findUniqueOrThrow({ where: { id: artefactId } })).rawLineMapKey).toBeNull();
    await redactQueued();
    const again = await db().artefact.findUniqueOrThrow({ where: { id: artefactId } });
    const keptNow = kept.filter((n) => n % 7 !== 0 && n % 11 !== 0);
    expect(again).toMatchObject({ redactedLines: keptNow.length, rawLineMapKey: expect.stringMatching(/^sha256:/) });
    expect(await rawNumbers(2)).toEqual(keptNow.slice(100, 200).map((n, k) => [k + 101, n]));
  });

  it("with no line dropped there is no map: redacted line k is raw line k", async () => {
    const caseId = (await newCase("sirt")).id;
    const body = `${Array.from({ length: 120 }, (_, i) => rawLine(i + 1)).join("\n")}\nthe last line\n`;
    const id = (await uploadArtefact(sirt, input(caseId, "all-kept.ndjson", { dropOutsideWindow: false, dropOutsideScope: false }), chunks(Buffer.from(body), 4096), deps())).id;
    await redactQueued();
    expect(await db().artefact.findUniqueOrThrow({ where: { id } })).toMatchObject({ droppedLines: 0, rawLineMapKey: null, redactedLines: 121 });
    const view = await reviewArtefact(legal, id, { page: 2, query: "", raw: true }, store, DEFAULT_LIMITS);
    expect(view.lines.map((l) => [l.n, l.raw?.n])).toEqual(Array.from({ length: 21 }, (_, k) => [k + 101, k + 101]));
    expect(view.lines.at(-1)!.raw!.text).toBe("the last line");
  });
});
