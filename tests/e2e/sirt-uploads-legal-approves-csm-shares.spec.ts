import os from "node:os";
import path from "node:path";
import { test } from "./fixtures";
import { uploadReviewApproveShare } from "./artefact-journey";

const dir = () => path.join(process.env.E2E_DATA_DIR ?? os.tmpdir(), "..", `e2e-files-${process.env.E2E_PORT ?? "x"}`);

// Issue 5's journey with an NDJSON extract of a few MB; the upload is throttled so its progress can be watched.
test("SIRT uploads an extract, Legal and SIRT approve its redaction, the CSM shares it with a manifest the verify script accepts", async ({ support, browser }) => {
  test.setTimeout(180_000);
  await uploadReviewApproveShare(support, browser, { bytes: 4 * 1024 * 1024, dir: dir(), throttleUpload: 2 * 1024 * 1024, timeoutMs: 60_000 });
});

// The same with 100 MB: streamed upload, redaction job and downloads at size.
test("@large the same journey with a 100 MB extract", async ({ support, browser }) => {
  test.setTimeout(600_000);
  await uploadReviewApproveShare(support, browser, { bytes: 100 * 1024 * 1024, dir: dir(), timeoutMs: 300_000 });
});
