import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { listServerActions, postAction } from "./server-actions";
import { specServerStdio } from "./spec-server-output";

// Issue 14 (backup and restore, decision 0015): a production server on its own data folder with the
// demo history, a client filing cases all the while; `npm run backup` asks the running server for a
// snapshot; `npm run restore` puts it into an empty folder; a server starts on it and every case,
// artefact, activity entry and blob of the backup is there (tests/e2e/backup-check.ts compares both
// folders), and `npm run audit:verify` passes on it.
const freePort = () =>
  Number(execFileSync(process.execPath, ["-e", 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})']).toString());
const port = freePort();
const restoredPort = freePort();
const baseURL = `http://localhost:${port}`;
const restoredURL = `http://localhost:${restoredPort}`;
const work = path.resolve("tmp", `e2e-backup-${port}`);
const live = path.join(work, "live");
const backupDir = path.join(work, "backup");
const restored = path.join(work, "restored");
const tsx = ["--import", "tsx", "--import", "./scripts/register.mjs"];
const DAY = 86_400_000;

const servers: ChildProcess[] = [];

function startServer(dataDir: string, p: number): ChildProcess {
  const s = spawn(process.execPath, [...tsx, "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(p), HOST: "127.0.0.1", LOGDESK_DATA_DIR: dataDir, NEXTAUTH_URL: `http://localhost:${p}`, SMTP_URL: "", BLOB_DIR: "", LOGDESK_DEMO_HISTORY: "on" },
    stdio: specServerStdio("backup-restore", p),
  });
  servers.push(s);
  return s;
}

async function waitForHealth(url: string, s: ChildProcess) {
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return;
    if (i > 400 || s.exitCode !== null) throw new Error(`the server for ${url} did not start`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stopServer(s: ChildProcess) {
  if (s.exitCode !== null) return;
  const exited = new Promise((r) => s.once("exit", r));
  s.kill("SIGTERM");
  await exited;
}

function npmScript(script: string, args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [...tsx, script, ...args], { env: { ...process.env, LOGDESK_DATA_DIR: dataDir, DATABASE_URL: "", BLOB_DIR: "" }, timeout: 180_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr, ms: Date.now() - started }),
    );
  });
}

/** Files cases (draft, then submit) until stopped; returns the ids whose draft was acknowledged, with when. */
function caseWriter(request: APIRequestContext, accountId: string) {
  const save = listServerActions().find((a) => a.name === "saveDraftAction")!;
  const submit = listServerActions().find((a) => a.name === "submitCaseAction")!;
  const acknowledged: { id: string; at: number }[] = [];
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const draft = {
        accountId,
        requesterName: "Dana Customer",
        requesterEmail: "dana@customer.example",
        summary: `Filed while a backup runs (${i}): suspicious sign-ins on our API project.`,
        resources: [{ kind: "project", path: "acme/infra/api" }],
        eventTypes: ["user_login"],
        logSources: ["application"],
        windowFrom: new Date(Date.now() - 3 * DAY).toISOString(),
        windowTo: new Date(Date.now() - 60_000).toISOString(),
        personalData: false,
      };
      const saved = await postAction(request, baseURL, save, [{ draft }]);
      const data = saved.result?.ok ? (saved.result.data as { id: string; version: number }) : null;
      if (!data) throw new Error(`saveDraftAction failed: ${saved.status} ${saved.body.slice(0, 200)}`);
      acknowledged.push({ id: data.id, at: Date.now() });
      const submitted = await postAction(request, baseURL, submit, [{ id: data.id, version: data.version }]);
      if (!submitted.result?.ok) throw new Error(`submitCaseAction failed: ${submitted.status} ${submitted.body.slice(0, 200)}`);
    }
  })();
  return {
    acknowledged,
    async stop() {
      running = false;
      await loop;
    },
  };
}

test.describe.configure({ mode: "serial" });
test.use({ baseURL });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const s = startServer(live, port);
  await waitForHealth(baseURL, s);
});

test.afterAll(async () => {
  for (const s of servers) await stopServer(s);
  rmSync(work, { recursive: true, force: true });
});

test("a backup of a running portal taken while cases are filed restores to a portal that starts, holds every case, artefact, log entry and blob, and verifies", async ({ support: page }) => {
  test.setTimeout(300_000);
  await page.goto("/cases/new");
  const select = page.getByLabel("Customer account");
  await select.selectOption({ label: "Acme Corporation (acme) · premium" });
  const accountId = await select.inputValue();

  const writer = caseWriter(page.request, accountId);
  await expect.poll(() => writer.acknowledged.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  const backupStarted = Date.now();
  const before = writer.acknowledged.filter((a) => a.at < backupStarted).map((a) => a.id);
  const b = await npmScript("scripts/backup.ts", [backupDir], live);
  expect(b.code, b.stderr).toBe(0);
  expect(b.stderr).toContain("asking the running portal");
  // The portal kept serving meanwhile, and the writer kept writing after it.
  const during = writer.acknowledged.length;
  await expect.poll(() => writer.acknowledged.length, { timeout: 30_000 }).toBeGreaterThan(during + 2);
  await writer.stop();
  console.log(`backup: ${b.stdout.trim()} [${b.ms} ms wall, with the script's start]`);

  // A second backup into the same folder is refused, and leaves the first one whole.
  const again = await npmScript("scripts/backup.ts", [backupDir], live);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/backup refused: the backup folder .* is not empty/);

  // Restore into a folder that does not exist yet, then start a portal on it.
  const r = await npmScript("scripts/restore.ts", [backupDir], restored);
  expect(r.code, r.stderr).toBe(0);
  console.log(`restore: ${r.stdout.trim()} [${r.ms} ms wall, with the script's start]`);
  // A restore over a running portal's folder is refused.
  const over = await npmScript("scripts/restore.ts", [backupDir], live);
  expect(over.code).toBe(1);
  expect(over.stderr).toMatch(/restore refused: a portal \(pid \d+\) is using the data folder/);

  const second = startServer(restored, restoredPort);
  await waitForHealth(restoredURL, second);
  // The restored portal serves the cases acknowledged before the backup (the session secret came with it).
  for (const id of before.slice(0, 3)) {
    const res = await page.request.get(`${restoredURL}/cases/${id}`);
    expect(res.status(), id).toBe(200);
  }
  await page.goto(`${restoredURL}/cases`);
  await expect(page.getByTestId("case-row").first()).toBeVisible();
  await expectAccessible(page, { where: "/cases (restored from a backup)" });
  await page.screenshot({ path: "/work/shots/i14-backup-restored-cases.png", fullPage: false }).catch(() => {});

  for (const s of servers) await stopServer(s);
  const ids = path.join(work, "acknowledged.json");
  writeFileSync(ids, JSON.stringify(before));
  const check = execFileSync(process.execPath, [...tsx, "tests/e2e/backup-check.ts", live, restored, backupDir, ids]).toString().trim().split("\n").pop()!;
  const found = JSON.parse(check) as { cases: number; liveCases: number; acknowledged: number; artefacts: number; activity: number; liveActivity: number; blobs: number; problems: string[] };
  console.log(`backup-check: ${check}`);
  expect(found.problems).toEqual([]);
  expect(found.acknowledged).toBeGreaterThanOrEqual(3);
  expect(found.artefacts).toBeGreaterThan(0);
  expect(found.blobs).toBeGreaterThan(0);
  // Cases were filed after the snapshot too: the live portal has more than the backup.
  expect(found.liveCases).toBeGreaterThan(found.cases);

  const verify = await npmScript("scripts/audit-verify.ts", [], restored);
  expect(verify.code, verify.stderr).toBe(0);
  expect(verify.stdout).toMatch(/activity log chain holds: \d+ entries/);
});
