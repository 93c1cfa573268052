import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { fileRequest } from "./journeys";
import { snap } from "./screenshots";

/**
 * Follows the board's Next links until `row` shows. Other specs file cases on Acme too, and a case
 * filed last is due last, so once the board holds more than a page (25) it is on a later page (a
 * retried spec's extra case once made it 27: CI, 2026-12-07).
 */
async function pageTo(page: Page, row: Locator) {
  for (let n = 2; n < 12 && !(await row.isVisible()); n++) {
    const next = page.getByRole("link", { name: "Next", exact: true });
    if (!(await next.isVisible())) break;
    await next.click();
    await expect(page).toHaveURL(new RegExp(`[?&]page=${n}(&|$)`));
  }
}

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
  await pageTo(page, row);
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
  await pageTo(page, page.getByRole("link", { name: reference }));
  await expect(page.getByRole("link", { name: reference })).toBeVisible();

  await page.getByRole("link", { name: reference }).click();
  await expect(page).toHaveURL(url);
});

test("Updates due is not there for SIRT", async ({ sirt: page }) => {
  await expect(page.getByRole("link", { name: "Updates due" })).toHaveCount(0);
  const res = await page.goto("/updates");
  expect(res?.status()).toBe(404);
});
