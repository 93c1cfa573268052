import { expect, expectAccessible, test } from "./fixtures";
import { fileRequest } from "./journeys";
import { snap } from "./screenshots";

test("a CSM files a case for an account they manage and sees it on Updates due with its due time", async ({ csm: page }) => {
  const { reference, url } = await fileRequest(page, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  await expect(page.getByTestId("outcome")).toContainText("Eligible");
  const due = await page.getByTestId("timeline-next-update-due").getAttribute("datetime");
  expect(due).toBeTruthy();
  const dueText = new Date(due!).toISOString().slice(0, 16).replace("T", " ") + " UTC";

  await page.getByRole("link", { name: "Updates due" }).first().click();
  await expect(page).toHaveURL(/\/updates$/);
  await expect(page.getByRole("link", { name: "Mine" })).toHaveAttribute("aria-current", "page");
  // 12 business hours from acceptance are never within the next 4: the case is under "Later".
  const row = page.getByTestId("section-later").getByTestId("due-row").filter({ has: page.getByRole("link", { name: reference }) });
  await expect(row).toBeVisible();
  await expect(row.locator("time")).toHaveText(dueText);
  await expect(row.locator("time")).toHaveAttribute("datetime", new Date(due!).toISOString());
  await expect(row).toContainText(/due in \d/);
  await expect(row).toContainText("Acme Corporation");
  // A 10-day window is extended: the first relay must say it will take longer.
  await expect(row).toContainText("Extended: first relay must say it will take longer");
  await expectAccessible(page, { where: "/updates (csm, with a case)" });
  await page.screenshot({ path: "test-results/updates-due-board.png", fullPage: true });
  await snap(page, "daily2-timestamps-updates");

  await page.getByRole("link", { name: "Whole team" }).click();
  await expect(page).toHaveURL(/\/updates\?scope=team$/);
  await expect(page.getByRole("link", { name: "Whole team" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: reference })).toBeVisible();

  await page.getByRole("link", { name: reference }).click();
  await expect(page).toHaveURL(url);
});

test("Updates due is not there for SIRT", async ({ sirt: page }) => {
  await expect(page.getByRole("link", { name: "Updates due" })).toHaveCount(0);
  const res = await page.goto("/updates");
  expect(res?.status()).toBe(404);
});
