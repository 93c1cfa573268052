import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { startS3, type TestS3 } from "../support/s3";
import { acmeExtract } from "./artefact-journey";
import { expect, expectAccessible, signIn, staff, test } from "./fixtures";
import { fileRequest, tickChecklist } from "./journeys";
import { snap } from "./screenshots";
import { specServerStdio } from "./spec-server-output";
import type { Role } from "../../lib/auth/permissions";

// Issue 15, object storage: a production server whose blobs are in an S3-compatible bucket (a real
// s3rver started here, BLOB_STORE_URL): SIRT uploads an extract, the worker redacts it reading and
// writing the bucket, the raw file downloads from it; then the S3 server stops: the next upload is
// refused with a sentence (nothing kept, no artefact), and /api/health reports the store down.
const freePort = () =>
  Number(execFileSync(process.execPath, ["-e", 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})']).toString());
const port = freePort();
const baseURL = `http://localhost:${port}`;
const work = path.resolve("tmp", `e2e-s3-${port}`);

let s3: TestS3;
let server: ChildProcess;

test.beforeAll(async () => {
  test.setTimeout(360_000); // a production start on a loaded 2-core machine
  s3 = await startS3();
  server = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOGDESK_DATA_DIR: path.join(work, "data"),
      NEXTAUTH_URL: baseURL,
      SMTP_URL: "",
      BLOB_DIR: "",
      ...s3.env("portal"),
    },
    stdio: specServerStdio("object-storage", port),
  });
  for (let i = 0; ; i++) {
    if (await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false)) break;
    if (i > 600 || server.exitCode !== null) throw new Error("the server with BLOB_STORE_URL did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    const forced = setTimeout(() => server.kill("SIGKILL"), 60_000);
    await exited;
    clearTimeout(forced);
  }
  await s3?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function as(browser: Browser, role: Role): Promise<Page> {
  const ctx = await browser.newContext({ baseURL, acceptDownloads: true });
  const page = await ctx.newPage();
  await signIn(page, staff(role).email, staff(role).password);
  return page;
}

test("an artefact goes through the S3 bucket; with the bucket's server stopped an upload is refused with a sentence and health says so", async ({ browser }) => {
  test.setTimeout(240_000);
  expect(await (await fetch(`${baseURL}/api/health`)).json()).toMatchObject({ ok: true, blobStore: { ok: true, kind: "s3" } });

  const support = await as(browser, "support");
  const { url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  await tickChecklist(support);
  const now = Date.now();
  const file = path.join(work, "extract.ndjson");
  await acmeExtract(file, 2 * 1024 * 1024, { from: new Date(now - 9 * 86_400_000), to: new Date(now - 3_600_000) });

  const sirt = await as(browser, "sirt");
  await sirt.goto(url);
  const upload = sirt.getByTestId("upload-artefact");
  await upload.getByLabel("Log extract").setInputFiles(file);
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(upload.getByTestId("upload-message")).toContainText("Its redaction is running", { timeout: 60_000 });
  const card = sirt.getByTestId("artefact").first();
  // The worker read the raw file from the bucket and wrote the redacted one to it.
  await expect(card.getByTestId("redaction-summary")).toBeVisible({ timeout: 90_000 });
  await expect(card).toContainText("In review");
  const keys = (await s3.keys()).filter((k) => k.startsWith("portal/"));
  expect(keys.filter((k) => k.startsWith("portal/sha256/")).length).toBeGreaterThanOrEqual(2);
  expect(keys.filter((k) => k.startsWith("portal/tmp/"))).toEqual([]);
  // The raw file downloads from the bucket, byte for byte.
  const [download] = await Promise.all([sirt.waitForEvent("download"), card.getByRole("link", { name: "Download raw (internal)" }).click()]);
  const saved = path.join(work, "downloaded.ndjson");
  await download.saveAs(saved);
  expect(readFileSync(saved).equals(readFileSync(file))).toBe(true);

  // The bucket's server stops: the next upload is refused with a sentence, nothing is kept.
  await s3.stop({ keep: true });
  await sirt.reload();
  await sirt.getByText("Upload an artefact").click(); // folded once the case has an artefact
  const again = sirt.getByTestId("upload-artefact");
  await again.getByLabel("Log extract").setInputFiles({ name: "second.ndjson", mimeType: "application/octet-stream", buffer: Buffer.from(`{"time":"${new Date(now - 86_400_000).toISOString()}","meta.user":"alice","meta.project":"acme/infra/api","message":"push"}\n`) });
  await again.getByRole("button", { name: "Upload" }).click();
  await expect(again.getByRole("alert")).toContainText("The file could not be stored, and nothing of it was kept: the file store did not answer. Try again in a few minutes", { timeout: 60_000 });
  await expect(sirt.getByTestId("artefact")).toHaveCount(1);
  await again.scrollIntoViewIfNeeded();
  await expectAccessible(sirt, { where: "/cases/[id] (sirt, upload refused: the object store is down)" });
  await snap(sirt, "object-storage-upload-refused");

  // Health reports it within its cache time (10 s), and still answers 200 (the database is fine).
  await expect
    .poll(async () => ((await (await fetch(`${baseURL}/api/health`)).json()) as { blobStore?: { ok: boolean } }).blobStore?.ok, { timeout: 30_000, intervals: [1_000] })
    .toBe(false);
  const health = await fetch(`${baseURL}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ blobStore: { ok: false, kind: "s3", error: "The file store cannot be reached." } });
});
