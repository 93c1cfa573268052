import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "@/lib/artefacts/lines";
import { openArtefactFile } from "@/lib/artefacts/open-artefact-file";
import { reviewArtefact } from "@/lib/artefacts/review-artefact";
import type { SessionUser } from "@/lib/auth/session";
import { localBlobStore, type BlobStore } from "@/lib/blobstore";
import { db } from "@/lib/db";
import { deleteDueFiles } from "@/lib/retention/delete-due-files";
import { previewRetention } from "@/lib/retention/preview-retention";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser, nextReference } from "../support/factories";

useTestDatabase();

const NOW = new Date("2026-12-05T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

let dir: string;
let store: BlobStore;
let sirt: SessionUser;
let accountId: string;
let authorId: string;

async function putBlob(text: string) {
  const w = await store.begin();
  await w.write(Buffer.from(text));
  return w.commit();
}

/** A SIRT case (closed `closedDaysAgo` days ago, or open) with one artefact of `raw` and `redacted` text. */
async function caseWithArtefact(closedDaysAgo: number | null, raw: string, redacted: string, over: { status?: "shared" | "withdrawn"; superseded?: string } = {}) {
  const c = await createCase({
    accountId,
    authorId,
    team: "sirt",
    reference: nextReference(),
    requestedAt: daysAgo(300),
    ...(closedDaysAgo === null
      ? { status: "in_progress" }
      : { status: "closed", resolution: "done", closedAt: daysAgo(closedDaysAgo), closeReason: "Done.", statusBeforeClose: "shared" }),
  });
  const r = await putBlob(raw);
  const x = await putBlob(redacted);
  const s = over.superseded ? await putBlob(over.superseded) : null;
  const a = await db().artefact.create({
    data: {
      caseId: c.id,
      uploadedById: sirt.id,
      filename: "extract.ndjson",
      contentType: "application/x-ndjson",
      status: over.status ?? "shared",
      rawBlobKey: r.key,
      rawSha256: r.sha256,
      rawSize: BigInt(r.size),
      redactedBlobKey: x.key,
      redactedSha256: x.sha256,
      redactedSize: BigInt(x.size),
      supersededBlobKeys: s ? [s.key] : [],
    },
    select: { id: true },
  });
  return { caseId: c.id, artefactId: a.id, raw: r, redacted: x, superseded: s };
}

const exists = async (key: string) => (await store.stat(key)) !== null;
const entries = (artefactId: string) => db().activityLog.findMany({ where: { entityId: artefactId, action: "artefact.retentionDelete" }, orderBy: { id: "asc" } });

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-retention-"));
  store = localBlobStore(dir);
  sirt = (await createUser("sirt")) as SessionUser;
  authorId = (await createUser("csm")).id;
  accountId = (await createAccount()).id;
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("retention of a closed case's files", () => {
  it("deletes the raw file of a case closed past the period: blob gone, hash kept, on the record, a 410 on download; a second run changes nothing", async () => {
    const t = await caseWithArtefact(120, "raw one\n", "redacted one\n");
    const first = await deleteDueFiles(db(), store, { now: NOW, days: 90 });
    expect(first.deleted).toBeGreaterThanOrEqual(1);
    expect(await exists(t.raw.key)).toBe(false);
    expect(await exists(t.redacted.key)).toBe(true); // the released file is the customer's evidence
    const row = await db().artefact.findUniqueOrThrow({ where: { id: t.artefactId } });
    expect(row).toMatchObject({ rawDeletedAt: NOW, rawSha256: t.raw.sha256, redactedDeletedAt: null, blobRemovalsPending: [] });
    const log = await entries(t.artefactId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ caseId: t.caseId, actorId: null });
    expect(log[0].after).toMatchObject({ file: "raw", sha256: t.raw.sha256, keptShared: [] });

    await expect(openArtefactFile(sirt, t.artefactId, "raw", store)).rejects.toMatchObject({ code: "GONE", message: expect.stringContaining("deleted on 2026-12-05 under the retention policy") });

    const again = await deleteDueFiles(db(), store, { now: NOW, days: 90 });
    expect(again).toMatchObject({ deleted: 0, removedBlobs: 0 });
    expect(await entries(t.artefactId)).toHaveLength(1);
  });

  it("keeps the files of an open case and of a case closed within the period", async () => {
    const open = await caseWithArtefact(null, "raw open\n", "redacted open\n");
    const recent = await caseWithArtefact(30, "raw recent\n", "redacted recent\n");
    await deleteDueFiles(db(), store, { now: NOW, days: 90 });
    for (const t of [open, recent]) {
      expect(await exists(t.raw.key)).toBe(true);
      expect(await db().artefact.findUniqueOrThrow({ where: { id: t.artefactId } })).toMatchObject({ rawDeletedAt: null });
      expect(await entries(t.artefactId)).toHaveLength(0);
    }
    // A shorter period set by Admin reaches the recently closed case.
    await deleteDueFiles(db(), store, { now: NOW, days: 30 });
    expect(await exists(recent.raw.key)).toBe(false);
    expect(await exists(open.raw.key)).toBe(true);
  });

  it("keeps a blob another artefact still needs (the same file on an open case)", async () => {
    const shared = "the same raw bytes on two cases\n";
    const closed = await caseWithArtefact(200, shared, "redacted closed\n");
    const open = await caseWithArtefact(null, shared, "redacted open 2\n");
    expect(closed.raw.key).toBe(open.raw.key);
    await deleteDueFiles(db(), store, { now: NOW, days: 90 });
    expect(await db().artefact.findUniqueOrThrow({ where: { id: closed.artefactId } })).toMatchObject({ rawDeletedAt: NOW });
    expect(await exists(closed.raw.key)).toBe(true);
    expect((await entries(closed.artefactId))[0].after).toMatchObject({ keptShared: [closed.raw.key] });
  });

  it("deletes superseded redacted files (earlier revisions, a withdrawn artefact's) and keeps a shared current one", async () => {
    const t = await caseWithArtefact(200, "raw s\n", "redacted s current\n", { superseded: "redacted s revision 1\n" });
    const w = await caseWithArtefact(200, "raw w\n", "redacted w\n", { status: "withdrawn" });
    await deleteDueFiles(db(), store, { now: NOW, days: 90 });
    expect(await exists(t.superseded!.key)).toBe(false);
    expect(await exists(t.redacted.key)).toBe(true);
    expect(await exists(w.redacted.key)).toBe(false);
    expect(await db().artefact.findUniqueOrThrow({ where: { id: w.artefactId } })).toMatchObject({ redactedDeletedAt: NOW, redactedSha256: w.redacted.sha256 });
    expect((await entries(t.artefactId)).map((e) => (e.after as { file: string }).file).sort()).toEqual(["raw", "superseded"]);
    // The review page of the withdrawn artefact reads no lines of the deleted file (it threw BlobNotFound: a 500).
    await db().artefact.update({ where: { id: w.artefactId }, data: { redactedLines: 1 } });
    await expect(reviewArtefact(sirt, w.artefactId, { page: 1, query: "", raw: false }, store, DEFAULT_LIMITS)).resolves.toMatchObject({ lines: [], total: 0 });
  });

  it("finishes a removal a crash left pending (row written, blob still there)", async () => {
    const t = await caseWithArtefact(200, "raw crash\n", "redacted crash\n");
    await db().artefact.update({ where: { id: t.artefactId }, data: { rawDeletedAt: daysAgo(1), blobRemovalsPending: [t.raw.key] } });
    expect(await exists(t.raw.key)).toBe(true);
    const run = await deleteDueFiles(db(), store, { now: NOW, days: 90 });
    expect(run.removedBlobs).toBeGreaterThanOrEqual(1);
    expect(await exists(t.raw.key)).toBe(false);
    expect(await db().artefact.findUniqueOrThrow({ where: { id: t.artefactId } })).toMatchObject({ blobRemovalsPending: [] });
  });

  it("a blob that cannot be removed stays pending and the others go on; the next run removes it", async () => {
    const a = await caseWithArtefact(200, "raw stuck\n", "redacted stuck\n");
    const b = await caseWithArtefact(200, "raw fine\n", "redacted fine\n");
    const failing: BlobStore = { ...store, remove: async (key) => (key === a.raw.key ? Promise.reject(Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" })) : store.remove(key)) };
    await deleteDueFiles(db(), failing, { now: NOW, days: 90 });
    expect(await exists(b.raw.key)).toBe(false);
    expect(await exists(a.raw.key)).toBe(true);
    expect(await db().artefact.findUniqueOrThrow({ where: { id: a.artefactId } })).toMatchObject({ rawDeletedAt: NOW, blobRemovalsPending: [a.raw.key] });
    await deleteDueFiles(db(), store, { now: NOW, days: 90 });
    expect(await exists(a.raw.key)).toBe(false);
    expect(await db().artefact.findUniqueOrThrow({ where: { id: a.artefactId } })).toMatchObject({ blobRemovalsPending: [] });
  });

  it("a run out of time says there is more, and the next one finishes", async () => {
    const t = await caseWithArtefact(200, "raw budget\n", "redacted budget\n");
    const first = await deleteDueFiles(db(), store, { now: NOW, days: 90, budgetMs: 0 });
    expect(first).toMatchObject({ deleted: 0, more: true });
    expect(await exists(t.raw.key)).toBe(true);
    const second = await deleteDueFiles(db(), store, { now: NOW, days: 90 });
    expect(second.more).toBe(false);
    expect(await exists(t.raw.key)).toBe(false);
  });

  it("two closed artefacts holding the same raw bytes: the blob goes once both are deleted", async () => {
    const a = await caseWithArtefact(200, "raw same bytes\n", "redacted same a\n");
    const b = await caseWithArtefact(200, "raw same bytes\n", "redacted same b\n");
    expect(a.raw.key).toBe(b.raw.key);
    await deleteDueFiles(db(), store, { now: NOW, days: 90 });
    expect(await exists(a.raw.key)).toBe(false);
    for (const id of [a.artefactId, b.artefactId]) expect(await db().artefact.findUniqueOrThrow({ where: { id } })).toMatchObject({ rawDeletedAt: NOW, blobRemovalsPending: [] });
  });

  it("the preview counts what a shorter period would delete, beside what the period in force deletes", async () => {
    const admin = (await createUser("admin")) as SessionUser;
    const before10 = await previewRetention(admin, { days: 10 }, NOW);
    const before90 = await previewRetention(admin, { days: 90 }, NOW);
    await caseWithArtefact(200, "raw preview old\n", "redacted preview old\n", { superseded: "redacted preview old r1\n" });
    await caseWithArtefact(30, "raw preview recent\n", "redacted preview recent\n");
    await caseWithArtefact(null, "raw preview open\n", "redacted preview open\n");
    const after10 = await previewRetention(admin, { days: 10 }, NOW);
    const after90 = await previewRetention(admin, { days: 90 }, NOW);
    // 10 days: both closed cases' raw files and the old one's superseded file; never the open case's.
    expect([after10.files - before10.files, after10.cases - before10.cases]).toEqual([3, 2]);
    expect([after90.files - before90.files, after90.cases - before90.cases]).toEqual([2, 1]);
    expect(after10).toMatchObject({ days: 10, currentDays: 90, filesNow: after90.files });
    await expect(previewRetention(admin, { days: 0 }, NOW)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(previewRetention(sirt, { days: 10 }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
