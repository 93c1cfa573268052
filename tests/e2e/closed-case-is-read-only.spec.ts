import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, expectAccessible, signIn, staff, test } from "./fixtures";
import { shot } from "./settings";
import { specServerStdio } from "./spec-server-output";

// Nothing in the portal closes a case yet, so the closed cases are written into a data folder of
// their own (closed-cases-data.ts) and this file starts its own server on it, beside the shared one.
const port = Number(
  execFileSync(process.execPath, ["-e", 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})']).toString(),
);
const baseURL = `http://localhost:${port}`;
const dataDir = path.resolve("tmp", `e2e-closed-${port}`);
const tsx = ["--import", "tsx", "--import", "./scripts/register.mjs"];

let server: ChildProcess | undefined;
let ids: { worked: string; refused: string };

test.describe.configure({ mode: "serial" });
test.use({ baseURL });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rmSync(dataDir, { recursive: true, force: true });
  ids = JSON.parse(execFileSync(process.execPath, [...tsx, "tests/e2e/closed-cases-data.ts", dataDir]).toString().trim().split("\n").pop()!);
  server = spawn(process.execPath, [...tsx, "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1", LOGDESK_DATA_DIR: dataDir, NEXTAUTH_URL: baseURL, SMTP_URL: "" },
    stdio: specServerStdio("closed-case", port),
  });
  for (let i = 0; ; i++) {
    const ok = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 240 || server.exitCode !== null) throw new Error("the closed-case server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server!.once("exit", r));
  server.kill("SIGTERM");
  await exited;
});

test("a closed case keeps its history readable and offers no form, to Support or Legal", async ({ support: page, browser }) => {
  await page.goto(`/cases/${ids.worked}`);
  const summary = page.getByRole("region", { name: "Case summary" });
  await expect(summary).toContainText("closed");
  await expect(page.getByTestId("closed-note")).toContainText("read-only");
  // The history is all there.
  await expect(page.getByTestId("timeline-entry")).toHaveCount(2);
  await expect(page.getByTestId("timeline")).toContainText("We reviewed the application logs");
  await expect(page.getByTestId("incident-notice")).toContainText("The case closed before a notice was recorded as sent");
  await expect(page.getByTestId("policy")).toContainText("Policy version 1: logs up to 1 month back");
  // And nothing can change: no form, no relay, no checkbox, no scope change.
  await expect(page.locator("main form")).toHaveCount(0);
  await expect(page.getByTestId("add-entry")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Relay to customer" })).toHaveCount(0);
  await expect(page.getByTestId("incident-notice").getByRole("button")).toHaveCount(0);
  // The checklist stays as it was ticked, its boxes disabled; no other field is left.
  await expect(page.getByRole("region", { name: /Verification/ }).getByRole("checkbox", { checked: true })).toHaveCount(6);
  await expect(page.getByTestId("verification-gate")).toHaveText("The checklist as it stood when the case closed.");
  await expect(page.locator("main :is(input, textarea, select):enabled")).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Change scope|Narrow the scope/ })).toHaveCount(0);
  // Issue 13: Support, the team it was routed to, may reopen it (a button first, the form on request).
  await expect(page.getByRole("button", { name: "Reopen case…" })).toBeVisible();
  await expectAccessible(page, { where: "/cases/[id] (closed, Support)" });
  await shot(page, "cases-closed");

  // The refused case, closed with an exception request and a referral still open: Legal decides nothing on it.
  const ctx = await browser.newContext({ baseURL });
  const legal = await ctx.newPage();
  await signIn(legal, staff("legal").email, staff("legal").password);
  await legal.goto(`/cases/${ids.refused}`);
  await expect(legal.getByTestId("exceptions")).toContainText("Long-standing customer about to upgrade.");
  await expect(legal.getByTestId("referrals")).toContainText("globex/app");
  await expect(legal.locator("main form")).toHaveCount(0);
  await expect(legal.getByRole("button", { name: "Reopen case…" })).toHaveCount(0);
  await expect(legal.locator("main :is(input, textarea, select):enabled")).toHaveCount(0);
  await expectAccessible(legal, { where: "/cases/[id] (closed, Legal)" });
  await shot(legal, "cases-closed-legal");
  await ctx.close();

  // Support on the same refused case: no exception request, no new-request link yet either.
  await page.goto(`/cases/${ids.refused}`);
  await expect(page.getByTestId("exceptions")).toBeVisible();
  await expect(page.locator("main form")).toHaveCount(0);
});
