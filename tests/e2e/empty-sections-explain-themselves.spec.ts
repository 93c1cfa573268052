import { expect, test } from "./fixtures";

// Runs in its own project before every other spec (playwright.config.ts): the server is shared,
// and the other journeys fill these sections.
test("an empty section explains what will appear there and how", async ({ sirt: page }) => {
  await page.goto("/approvals");
  const empty = page.getByRole("status").filter({ hasText: "No artefacts waiting" });
  await expect(empty).toBeVisible();
  await expect(empty).toContainText("appears here for your security approval");
});
