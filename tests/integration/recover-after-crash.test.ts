// Issue 14, crash test: a start after a kill clears what the killed process left before it serves:
// the temp files of its cut-off uploads (they stayed a day) and its jobs still marked running (they
// waited for their lease, or for ever on their last attempt).
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Database } from "@/lib/db/open";
import { claimJob, enqueueJob } from "@/lib/jobs";
import { recoverAfterCrash } from "@/lib/server/boot";
import { useTestDatabase } from "../support/db";

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
