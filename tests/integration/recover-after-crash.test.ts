// Issue 14, crash test: a start after a kill clears what the killed process left before it serves:
// the temp files of its cut-off uploads (they stayed a day) and its jobs still marked running (they
// waited for their lease, or for ever on their last attempt).
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Database } from "@/lib/db/open";
import { REDACT_JOB } from "@/lib/artefacts/job";
import { claimJob, DIED_WHILE_RUNNING, enqueueJob } from "@/lib/jobs";
import { recoverAfterCrash } from "@/lib/server/boot";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();
const dir = mkdtempSync(path.join(os.tmpdir(), "logdesk-recover-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("the embedded default (folder lock held) requeues every running job and removes every temp upload file", async () => {
  await db().job.deleteMany({});
  const job = await enqueueJob(db(), "test.mail", {});
  await claimJob(db(), "some-host:12345", ["test.mail"]);
  const blobDir = path.join(dir, "blobs");
  mkdirSync(path.join(blobDir, "tmp"), { recursive: true });
  // A fresh one (the age sweep would keep it a day), written by a process of another pid.
  writeFileSync(path.join(blobDir, "tmp", `${"a".repeat(32)}~12345~some-host.part`), "half an upload");

  await recoverAfterCrash({ prisma: db() } as unknown as Database, { embedded: true, blobDir, dataDir: dir });

  expect(await db().job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "queued", lockedBy: null });
  expect(readdirSync(path.join(blobDir, "tmp"))).toEqual([]);
});

// Found by the crash test on PostgreSQL: a redaction killed on each of its three attempts left its
// job 'running' for ever (then, with the release above, 'failed') and its artefact "processing"
// for ever, with nothing to do but wait. Now the artefact says the redaction failed (redact again).
it("a redaction job given up at start marks its artefact failed, on the record", async () => {
  await db().job.deleteMany({});
  const support = await createUser("support");
  const account = await createAccount();
  const c = await createCase({ accountId: account.id, authorId: support.id, status: "in_progress", team: "support" });
  const a = await db().artefact.create({ data: { caseId: c.id, uploadedById: support.id, filename: "x.log", contentType: "text/plain", status: "processing", rawBlobKey: `sha256:${"1".repeat(64)}`, rawSha256: "1".repeat(64) } });
  const job = await enqueueJob(db(), REDACT_JOB, { artefactId: a.id, revision: 1 }, { dedupeKey: `${REDACT_JOB}:${a.id}:1`, maxAttempts: 1 });
  await claimJob(db(), "some-host:12345", [REDACT_JOB]);

  await recoverAfterCrash({ prisma: db() } as unknown as Database, { embedded: true, blobDir: path.join(dir, "blobs2"), dataDir: dir });

  expect(await db().job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "failed", lastError: DIED_WHILE_RUNNING });
  expect(await db().artefact.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "failed", error: expect.stringMatching(/run it again/) });
  expect(await db().activityLog.count({ where: { entityId: a.id, action: "artefact.redactionFailed" } })).toBe(1);
  // A second start finds nothing more to do.
  await recoverAfterCrash({ prisma: db() } as unknown as Database, { embedded: true, blobDir: path.join(dir, "blobs2"), dataDir: dir });
  expect(await db().activityLog.count({ where: { entityId: a.id, action: "artefact.redactionFailed" } })).toBe(1);
});
