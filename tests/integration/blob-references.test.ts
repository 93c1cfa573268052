// Content-addressed blobs shared between rows (lib/blobstore/references.ts): a blob is removed only
// when no row needs it, and a writer naming the same bytes cannot lose them to a remover in between.
// Runs on PGlite and, in the PostgreSQL stage, where transactions really run side by side.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localBlobStore, type BlobStore } from "@/lib/blobstore";
import { BlobVanished, holdBlobsForRow, liveBlobReferences, removeBlobIfUnreferenced } from "@/lib/blobstore/references";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser, nextReference } from "../support/factories";

useTestDatabase();

let dir: string;
let store: BlobStore;
let userId: string;
let accountId: string;

async function putBlob(text: string) {
  const w = await store.begin();
  await w.write(Buffer.from(text));
  return w.commit();
}

async function artefactNaming(fields: { rawBlobKey?: string; redactedBlobKey?: string; supersededBlobKeys?: string[]; rawDeletedAt?: Date }) {
  const c = await createCase({ accountId, authorId: userId, team: "sirt", status: "in_progress", reference: nextReference(), requestedAt: new Date() });
  return db().artefact.create({
    data: { caseId: c.id, uploadedById: userId, filename: "x.ndjson", contentType: "application/x-ndjson", status: "in_review", rawSha256: "0".repeat(64), ...fields },
    select: { id: true },
  });
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-blob-refs-"));
  store = localBlobStore(dir);
  userId = (await createUser("sirt")).id;
  accountId = (await createAccount()).id;
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("blob references", () => {
  it("finds raw, redacted and superseded references, and not those recorded as deleted", async () => {
    const [r, x, s, gone] = await Promise.all(["raw 1", "redacted 1", "superseded 1", "deleted raw 1"].map(putBlob));
    const a = await artefactNaming({ rawBlobKey: r!.key, redactedBlobKey: x!.key, supersededBlobKeys: [s!.key] });
    await artefactNaming({ rawBlobKey: gone!.key, rawDeletedAt: new Date() });
    const refs = await liveBlobReferences(db(), [r!.key, x!.key, s!.key, gone!.key]);
    expect(refs.get(r!.key)).toEqual([{ artefactId: a.id, kind: "raw" }]);
    expect(refs.get(x!.key)).toEqual([{ artefactId: a.id, kind: "redacted" }]);
    expect(refs.get(s!.key)).toEqual([{ artefactId: a.id, kind: "superseded" }]);
    expect(refs.has(gone!.key)).toBe(false);
  });

  it("removes a blob nothing names and keeps one a row still names (as any kind of file)", async () => {
    const [free, named] = await Promise.all(["free 2", "named 2"].map(putBlob));
    await artefactNaming({ redactedBlobKey: named!.key });
    expect(await removeBlobIfUnreferenced(db(), store, free!.key)).toBe(true);
    expect(await store.stat(free!.key)).toBeNull();
    expect(await removeBlobIfUnreferenced(db(), store, named!.key)).toBe(false);
    expect(await store.stat(named!.key)).not.toBeNull();
  });

  it("a writer whose bytes vanished before its row named them is told so, and writes no row", async () => {
    const b = await putBlob("vanishing 3");
    await store.remove(b.key);
    const c = await createCase({ accountId, authorId: userId, team: "sirt", status: "in_progress", reference: nextReference(), requestedAt: new Date() });
    await expect(
      db().$transaction(async (tx) => {
        await tx.artefact.create({ data: { caseId: c.id, uploadedById: userId, filename: "y", contentType: "text/plain", status: "processing", rawSha256: b.sha256, rawBlobKey: b.key } });
        await holdBlobsForRow(tx, store, [b.key]);
      }),
    ).rejects.toBeInstanceOf(BlobVanished);
    expect(await db().artefact.count({ where: { caseId: c.id } })).toBe(0);
  });

  it("a remover that comes while a writer holds the same bytes waits, then sees the writer's row and keeps the file", async () => {
    const b = await putBlob("shared bytes 4");
    const c = await createCase({ accountId, authorId: userId, team: "sirt", status: "in_progress", reference: nextReference(), requestedAt: new Date() });
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    const writer = db().$transaction(
      async (tx) => {
        await holdBlobsForRow(tx, store, [b.key]);
        held();
        // The remover starts now; on PostgreSQL it runs on another connection and must wait for this lock.
        await new Promise((r) => setTimeout(r, 300));
        await tx.artefact.create({ data: { caseId: c.id, uploadedById: userId, filename: "z", contentType: "text/plain", status: "processing", rawSha256: b.sha256, rawBlobKey: b.key } });
      },
      { timeout: 10_000 },
    );
    await holding;
    const removed = removeBlobIfUnreferenced(db(), store, b.key);
    await writer;
    expect(await removed).toBe(false);
    expect(await store.stat(b.key), "the row's file is there").not.toBeNull();
  });
});
