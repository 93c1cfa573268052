import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, expectAccessible, test } from "./fixtures";
import { specServerStdio } from "./spec-server-output";

// Issue 14 (retention): a case closed 120 days ago, written into a data folder of its own
// (retention-data.ts); the server started on it runs the retention job at start, which deletes the
// raw file under the default 90 days. The case page says so and the raw download answers 410.
const port = Number(
  execFileSync(process.execPath, ["-e", 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})']).toString(),
);
const baseURL = `http://localhost:${port}`;
const dataDir = path.resolve("tmp", `e2e-retention-${port}`);
const tsx = ["--import", "tsx", "--import", "./scripts/register.mjs"];

let server: ChildProcess | undefined;
let ids: { caseId: string; artefactId: string; rawSha256: string };

test.describe.configure({ mode: "serial" });
test.use({ baseURL });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rmSync(dataDir, { recursive: true, force: true });
  ids = JSON.parse(execFileSync(process.execPath, [...tsx, "tests/e2e/retention-data.ts", dataDir]).toString().trim().split("\n").pop()!);
  server = spawn(process.execPath, [...tsx, "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1", LOGDESK_DATA_DIR: dataDir, NEXTAUTH_URL: baseURL, SMTP_URL: "", BLOB_DIR: "" },
    stdio: specServerStdio("retention", port),
  });
  for (let i = 0; ; i++) {
    const ok = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 240 || server.exitCode !== null) throw new Error("the retention server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server!.once("exit", r));
  server.kill("SIGTERM");
  await exited;
});

test("a case closed past the retention period loses its raw file: the case says when, keeps the hash, and the download answers 410", async ({ support: page }) => {
  const today = new Date().toISOString().slice(0, 10);
  await expect(async () => {
    await page.goto(`/cases/${ids.caseId}`);
    await expect(page.getByTestId("retention-deletions")).toContainText(`Raw file deleted on ${today} under the retention policy (SHA-256 kept).`, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  const card = page.getByTestId("artefact");
  await expect(card).toContainText(ids.rawSha256);
  await expect(card.getByRole("link", { name: "Download raw (internal)" })).toHaveCount(0);
  await expect(card.getByRole("link", { name: "Download redacted" })).toBeVisible();
  await expect(page.getByTestId("reopen-retention-note")).toContainText("reopening does not bring them back");
  await expectAccessible(page, { where: "/cases/[id] (closed, raw file deleted by retention)" });
  await page.screenshot({ path: "/work/shots/i14-retention-case-page.png", fullPage: true }).catch(() => {});

  const raw = await page.request.get(`/api/artefacts/${ids.artefactId}/download?form=raw`);
  expect(raw.status()).toBe(410);
  expect(await raw.text()).toContain(`deleted on ${today} under the retention policy`);
  const redacted = await page.request.get(`/api/artefacts/${ids.artefactId}/download`);
  expect(redacted.status()).toBe(200);
});
