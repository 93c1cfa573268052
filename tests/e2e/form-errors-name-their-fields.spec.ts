import { expect, expectAccessible, test } from "./fixtures";
import { snap } from "./screenshots";

const DAY = 86_400_000;
const utcInput = (d: Date) => d.toISOString().slice(0, 16);

test("an empty intake form names each missing field, marks it invalid and focuses the first", async ({ support: page }) => {
  await page.goto("/cases/new");
  await page.getByRole("button", { name: "Submit for evaluation" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("Some fields of the template still need an answer.");
  for (const name of ["Customer account", "Requester name", "Requester email", "Incident summary", "Window from", "Window to"]) {
    await expect(summary.getByRole("link", { name: new RegExp(`^${name}:`) })).toBeVisible();
  }
  await expect(page.getByLabel("Customer account")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Incident summary")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#summary-error")).toContainText("Describe the incident");
  await expect(page.getByLabel("Customer account")).toBeFocused();
  await summary.getByRole("link", { name: /^Incident summary:/ }).click();
  await expect(page.getByLabel("Incident summary")).toBeFocused();
  await expectAccessible(page, { where: "/cases/new (every field missing)" });
  await snap(page, "daily-intake-empty-errors");
});

test("a 60,000-character summary is named in the summary and marked beside the field", async ({ support: page }) => {
  await page.goto("/cases/new");
  await page.getByLabel("Customer account").selectOption({ label: "Acme Corporation (acme) · premium" });
  await page.getByLabel("Requester name").fill("Dana Customer");
  await page.getByLabel("Requester email").fill("dana@customer.example");
  const end = new Date(Date.now() - 5 * 60_000);
  await page.getByLabel(/Window from/).fill(utcInput(new Date(end.getTime() - 3 * DAY)));
  await page.getByLabel(/Window to/).fill(utcInput(end));
  await page.getByLabel("Incident summary").fill("x".repeat(60_000));
  await page.getByRole("button", { name: "Submit for evaluation" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary.getByRole("link", { name: "Incident summary: Keep the summary under 20,000 characters." })).toBeVisible();
  await expect(page.getByLabel("Incident summary")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#summary-error")).toHaveText("Keep the summary under 20,000 characters.");
  await expect(page.getByLabel("Incident summary")).toBeFocused();
  await expect(page.getByLabel("Requester name")).toHaveAttribute("aria-invalid", "false");
  await expectAccessible(page, { where: "/cases/new (summary too long)" });
  await snap(page, "daily-intake-long-summary", { fullPage: false });
});

test("a draft submitted in another tab shows the server's own message, not a generic one", async ({ support: page, context }) => {
  await page.goto("/cases/new");
  await page.getByLabel("Customer account").selectOption({ label: "Acme Corporation (acme) · premium" });
  await page.getByLabel("Requester name").fill("Dana Customer");
  await page.getByLabel("Requester email").fill("dana@customer.example");
  await page.getByLabel("Incident summary").fill("A token was used from an unknown location; Audit Events does not show it.");
  const end = new Date(Date.now() - 5 * 60_000);
  await page.getByLabel(/Window from/).fill(utcInput(new Date(end.getTime() - 3 * DAY)));
  await page.getByLabel(/Window to/).fill(utcInput(end));
  await expect(page.getByTestId("save-state")).toContainText("Draft saved");
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\/edit$/);

  const other = await context.newPage();
  await other.goto(page.url());
  await other.getByRole("button", { name: "Submit for evaluation" }).click();
  await expect(other).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await other.close();

  await page.getByLabel("Requester name").fill("Dana Customer-Smith");
  await page.getByRole("button", { name: "Submit for evaluation" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("This case has been submitted; its scope is changed from the case page.");
  await expect(summary).not.toContainText("highlighted");
  await expect(summary).toBeFocused();
  await snap(page, "daily-server-message", { fullPage: false });
});
