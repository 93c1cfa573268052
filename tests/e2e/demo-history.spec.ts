import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, expectAccessible, test } from "./fixtures";
import { snap } from "./screenshots";
import { specServerStdio } from "./spec-server-output";

// Issue 13's demo history as a new user meets it on a first `npm start`: this file starts its own
// server on an empty data folder with LOGDESK_DEMO_HISTORY=on (every other e2e server runs with it off).
const port = Number(
  execFileSync(process.execPath, ["-e", 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})']).toString(),
);
const baseURL = `http://localhost:${port}`;
const dataDir = path.resolve("tmp", `e2e-history-${port}`);

let server: ChildProcess | undefined;

test.describe.configure({ mode: "serial" });
test.use({ baseURL });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  rmSync(dataDir, { recursive: true, force: true });
  server = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1", LOGDESK_DATA_DIR: dataDir, NEXTAUTH_URL: baseURL, SMTP_URL: "", LOGDESK_DEMO_HISTORY: "on" },
    stdio: specServerStdio("demo-history", port),
  });
  for (let i = 0; ; i++) {
    const ok = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 400 || server.exitCode !== null) throw new Error("the demo-history server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

test("a first start shows cases in every state over the last 90 days", async ({ support: page }) => {
  await page.goto("/cases");
  await expect(page.getByTestId("case-row").first()).toBeVisible();
  expect(await page.getByTestId("case-row").count()).toBeGreaterThanOrEqual(20);
  await expectAccessible(page, { where: "/cases (demo history)" });
  await snap(page, "i13-history-cases");

  // The Updates due board has open cases on the clock.
  await page.goto("/updates");
  await expect(page.locator("main")).toContainText(/IR-\d{4}-\d{4}/);
  await expectAccessible(page, { where: "/updates (demo history)" });
  await snap(page, "i13-history-updates");
});

test("the account filter loads its choices when first used; a filtered page names its account before they load", async ({ support: page }) => {
  const loads: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/cases/filter-options")) loads.push(r.url());
  });
  await page.goto("/cases");
  const account = page.getByLabel("Account", { exact: true });
  // Not sent with the page (issue 15): "Any" alone until the select is used.
  await expect(account.locator("option")).toHaveCount(1);
  expect(loads).toEqual([]);
  await account.focus();
  await expect.poll(() => account.locator("option").count()).toBeGreaterThan(3);
  expect(loads).toHaveLength(1);
  const name = (await account.locator("option").nth(2).textContent())!;
  await account.selectOption({ label: name });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]account=/);
  const rows = page.getByTestId("case-row");
  await expect(rows.first()).toBeVisible();
  for (const cell of await rows.locator("td:nth-child(2)").allTextContents()) expect(cell).toBe(name);
  // The filtered page, fresh: the chosen account is named and selected before any choices load.
  loads.length = 0;
  await page.reload();
  await expect(account.locator("option")).toHaveCount(2);
  await expect(account.locator("option:checked")).toHaveText(name);
  expect(loads).toEqual([]);
  // Keyboard: Tab into the author select loads the choices once for both.
  await page.getByLabel("Age").focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Author")).toBeFocused();
  await expect.poll(() => page.getByLabel("Author").locator("option").count()).toBeGreaterThan(1);
  await expect.poll(() => account.locator("option").count()).toBeGreaterThan(3);
  await expect(account.locator("option:checked")).toHaveText(name);
  expect(loads).toHaveLength(1);
  await expectAccessible(page, { where: "/cases?account= (filter choices loaded)" });
});

test("a released case shows its findings, relays and shared artefact, made weeks ago", async ({ csm: page }) => {
  // A released case: its findings, relays and the shared artefact are there, made weeks ago.
  await page.goto(`/cases?q=${encodeURIComponent("impersonated hank")}`);
  await page.getByTestId("case-row").first().getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "Case summary" })).toContainText("shared");
  await expect(page.getByTestId("timeline-entry").first()).toBeVisible();
  await expect(page.getByTestId("timeline")).toContainText(/review of the logs|collected the relevant log lines|extract is in review|found the events/);
  await expectAccessible(page, { where: "/cases/[id] (demo history, shared)" });
  await snap(page, "i13-history-shared-case");
});

test("the activity log holds the history's acts, by the demo staff", async ({ admin: page }) => {
  await page.goto("/activity?action=entry.relay");
  await expect(page.locator("main")).toContainText("entry.relay");
  await expectAccessible(page, { where: "/activity (demo history)" });
  await snap(page, "i13-history-activity");
});

test("the reports page shows charts of the demo history, and the gap analytics rank its missing events", async ({ sirt: page }) => {
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nothing happened in this range" })).toHaveCount(0);
  for (const id of ["report-outcomes", "report-cases-per-week", "report-routes"]) {
    await expect(page.getByTestId(id).locator(".recharts-wrapper > svg").first()).toBeVisible();
  }
  // The figures behind a chart: closed cases of every kind, and updates on time and late.
  const outcomes = page.getByTestId("report-outcomes");
  await outcomes.getByText("Show the figures as a table").click();
  await expect(outcomes.getByRole("table")).toContainText(/Done|done/);
  const text = await page.locator("main").innerText();
  expect(text).toMatch(/on time/i);
  expect(text).toMatch(/late/i);
  await expectAccessible(page, { where: "/reports (demo history)" });
  await page.screenshot({ path: "/work/shots/i13-history-reports.png", fullPage: true });

  await page.goto("/reports/gaps");
  await expect(page.getByTestId("gap-totals")).toContainText(/[1-9]\d* missing events? named on [1-9]\d* gap records?/);
  const cases = page.getByRole("region", { name: "Each event type's cases and issues" });
  // Ranked: the event type two cases needed comes first.
  const top = cases.getByRole("listitem").filter({ hasText: "personal_access_token_used" }).first();
  await expect(top).toContainText("2 cases");
  await expect(top).toContainText("kept for filing by hand");
  await expect(cases.locator("code").first()).toHaveText("personal_access_token_used");
  await expect(page.locator(".recharts-wrapper > svg").first()).toBeVisible();
  await expectAccessible(page, { where: "/reports/gaps (demo history)" });
  await page.screenshot({ path: "/work/shots/i13-history-gaps.png", fullPage: true });
});
