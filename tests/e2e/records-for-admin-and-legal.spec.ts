import { readFile } from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, signIn, staff, test } from "./fixtures";

// Issue 12: Admin and Legal search, filter and export (CSV) the activity log and the security
// events; other roles get the 404 page and a 403 from the exports, and those refusals are recorded.

const SHOTS = "/work/shots";
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/audit-views-${name}.png`, fullPage: true }).catch(() => {});

/** A second browser signed in as another role (its own cookies). */
async function as(browser: Browser, role: "sirt" | "support"): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, staff(role).email, staff(role).password);
  return page;
}

/** The CSV behind a link, downloaded as the browser does, split into rows (no quoted newlines in these). */
async function download(page: Page, linkName: string): Promise<string[]> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: linkName }).click()]);
  const text = await readFile((await file.path())!, "utf8");
  return text.split("\r\n").filter(Boolean);
}

test("Legal filters the activity log, exports the rows shown, and downloads the signed checkpoints", async ({ legal: page }) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Records" }).click();
  await expect(page).toHaveURL(/\/activity$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Records");
  await expect(page.getByTestId("activity-table")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "activity");

  // The form is a plain GET form: the filters land in the URL.
  await page.getByLabel("Action").fill("user.");
  await page.getByLabel("Action").press("Enter");
  await expect(page).toHaveURL(/action=user\./);
  const actions = page.getByTestId("activity-table").locator("tbody tr td:nth-child(3)");
  await expect(actions.first()).toBeVisible();
  for (const a of await actions.allTextContents()) expect(a).toMatch(/^user\./);
  const shown = await actions.count();

  const rows = await download(page, "Export CSV");
  expect(rows[0]).toBe("id,at,actor,actor_email,actor_role,action,entity_type,entity_id,case,before,after,meta,hash");
  // Every filtered row, not only the page shown (50 a page), and other specs sign in meanwhile on
  // this shared server: at least the rows shown, and only rows that match the filter.
  expect(rows.length - 1).toBeGreaterThanOrEqual(shown);
  for (const r of rows.slice(1)) expect(r.split(",")[5]).toMatch(/^user\./);
  // The export is itself in the log.
  await page.goto("/activity?action=records.");
  await expect(page.getByTestId("activity-table")).toContainText("records.exportActivity");

  // Nothing matches: the empty state says what to do.
  await page.goto("/activity?actor=nobody-at-all");
  await expect(page.getByRole("heading", { name: "No entries match" })).toBeVisible();
  // A filter that is not valid says why beside it.
  await page.goto("/activity?from=2026-02-31");
  await expect(page.getByText("Enter a real date.")).toBeVisible();
  await expectAccessible(page, { where: "/activity (bad filter)" });

  // The worker signs the head at start: the checkpoints download with the public key.
  await page.goto("/activity");
  await expect(page.getByTestId("latest-checkpoint")).toContainText(/Latest signed checkpoint: \d+ entries/);
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download checkpoints" }).click()]);
  const doc = JSON.parse(await readFile((await file.path())!, "utf8"));
  expect(doc).toMatchObject({ kind: "logdesk.activity-checkpoints", publicKey: expect.stringContaining("BEGIN PUBLIC KEY") });
  expect(doc.checkpoints.length).toBeGreaterThan(0);
});

test("Admin finds another role's refusals and a failed sign-in in the security events, and exports them", async ({ admin: page, browser }) => {
  // SIRT tries the records (page and export) and is refused; someone mistypes a password.
  const sirt = await as(browser, "sirt");
  await sirt.goto("/security-events");
  await expect(sirt.getByRole("heading", { name: "Not found" })).toBeVisible();
  await shot(sirt, "sirt-refused");
  const refused = await sirt.request.get("/api/activity/export");
  expect(refused.status()).toBe(403);
  const support = await as(browser, "support");
  expect((await support.request.get("/api/security-events/export")).status()).toBe(403);
  expect((await support.request.get("/api/activity/checkpoints")).status()).toBe(403);
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto("/signin");
  await stranger.getByLabel("Email").fill("mallory@records.example");
  await stranger.getByLabel("Password").fill("wrong-password");
  await stranger.getByRole("button", { name: "Sign in" }).click();
  await expect(stranger.getByText("Wrong email or password.")).toBeVisible();

  await page.goto("/activity");
  await page.getByRole("navigation", { name: "Records" }).getByRole("link", { name: "Security events" }).click();
  await expect(page).toHaveURL(/\/security-events$/);
  await page.getByLabel("Kind").selectOption("refused");
  await page.getByLabel("Actor").fill(staff("sirt").email);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/kind=refused/);
  const table = page.getByTestId("security-events-table");
  await expect(table).toContainText("page:securityEvents.read");
  await expect(table).toContainText("route:activity export");
  await expectAccessible(page);
  await shot(page, "security-events");

  const rows = await download(page, "Export CSV");
  expect(rows[0]).toBe("id,at,kind,actor,email,address,target,outcome,detail");
  expect(rows.length).toBeGreaterThanOrEqual(3);
  for (const r of rows.slice(1)) expect(r).toContain(`,refused,`);
  expect(rows.some((r) => r.includes("page:securityEvents.read") && r.includes(staff("sirt").email))).toBe(true);
  expect(rows.some((r) => r.includes("route:activity export") && r.includes(",FORBIDDEN,"))).toBe(true);

  await page.goto("/security-events?kind=signInFailed&actor=mallory%40records.example");
  await expect(table).toContainText("mallory@records.example");
  await expect(table).toContainText("CredentialsSignin");
  await shot(page, "security-events-failed-sign-in");
});
