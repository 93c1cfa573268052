import os from "node:os";
import path from "node:path";
import { expect, signIn, staff, test } from "./fixtures";
import { fileRequest, tickChecklist } from "./journeys";
import { uploadReviewApproveShare } from "./artefact-journey";

const dir = () => path.join(process.env.E2E_DATA_DIR ?? os.tmpdir(), "..", `e2e-files-${process.env.E2E_PORT ?? "x"}`);

// Issue 5's journey with an NDJSON extract of a few MB; the upload is throttled so its progress can be watched.
test("SIRT uploads an extract, Legal and SIRT approve its redaction, the CSM shares it with a manifest the verify script accepts", async ({ support, browser }) => {
  test.setTimeout(180_000);
  await uploadReviewApproveShare(support, browser, { bytes: 4 * 1024 * 1024, dir: dir(), throttleUpload: 2 * 1024 * 1024, timeoutMs: 60_000 });
});

// The same with 100 MB: streamed upload, redaction job and downloads at size (axe checked the same pages above).
test("@large the same journey with a 100 MB extract", async ({ support, browser }) => {
  test.setTimeout(600_000);
  await uploadReviewApproveShare(support, browser, { bytes: 100 * 1024 * 1024, dir: dir(), timeoutMs: 300_000, a11y: false });
});

// Bad input in the browser: a clear message each, nothing stored.
test("an empty file, a binary file and the same file twice are refused with a clear message", async ({ support, browser }) => {
  const { url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  await tickChecklist(support);
  const ctx = await browser.newContext();
  const sirt = await ctx.newPage();
  await signIn(sirt, staff("sirt").email, staff("sirt").password);
  await sirt.goto(url);
  const upload = sirt.getByTestId("upload-artefact");
  const send = async (name: string, buffer: Buffer) => {
    await upload.getByLabel("Log extract").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
    await upload.getByRole("button", { name: "Upload" }).click();
  };
  await send("empty.log", Buffer.alloc(0));
  await expect(upload.getByRole("alert")).toContainText(/empty/i);
  await send("archive.zip", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0]));
  await expect(upload.getByRole("alert")).toContainText(/binary/i);
  await expect(sirt.getByTestId("artefact")).toHaveCount(0);
  const line = `{"time":"${new Date(Date.now() - 86_400_000).toISOString()}","meta.user":"alice","meta.project":"acme/infra/api","message":"push"}\n`;
  await send("one.ndjson", Buffer.from(line));
  await expect(upload.getByTestId("upload-message")).toContainText("Its redaction is running");
  await expect(sirt.getByTestId("artefact")).toHaveCount(1);
  await sirt.getByText("Upload an artefact").click();
  await send("again.ndjson", Buffer.from(line));
  await expect(upload.getByRole("alert")).toContainText("already uploaded to this case as “one.ndjson”");
  await expect(sirt.getByTestId("artefact")).toHaveCount(1);
  await ctx.close();
});

// The upload route itself: signed-in staff only, from the portal only, and never the raw file to those who may not read it.
test("the upload and download routes refuse requests they must not serve", async ({ sirt, playwright, baseURL }) => {
  const anon = await playwright.request.newContext({ baseURL });
  const someCase = "00000000-0000-4000-8000-000000000000";
  const body = Buffer.from('{"time":"2026-11-20T10:00:00Z"}\n');
  const unauth = await anon.post(`/api/cases/${someCase}/artefacts?filename=x.ndjson`, { data: body, headers: { "x-logdesk-upload": "1", "content-type": "application/octet-stream" } });
  expect(unauth.status()).toBe(401);
  const noHeader = await sirt.request.post(`/api/cases/${someCase}/artefacts?filename=x.ndjson`, { data: body, headers: { "content-type": "application/octet-stream" } });
  expect(noHeader.status()).toBe(403);
  const unknownCase = await sirt.request.post(`/api/cases/${someCase}/artefacts?filename=x.ndjson`, { data: body, headers: { "x-logdesk-upload": "1", "content-type": "application/octet-stream" } });
  expect(unknownCase.status()).toBe(404);
  expect((await unknownCase.json()).error.message).toMatch(/not found/i);
  expect((await anon.get(`/api/artefacts/${someCase}/download?form=raw`)).status()).toBe(401);
  const key = await anon.get("/api/release-key");
  expect(key.status()).toBe(200);
  expect(await key.text()).toContain("BEGIN PUBLIC KEY");
  await anon.dispose();
});
