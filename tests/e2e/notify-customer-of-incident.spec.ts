import { expect, expectAccessible, test } from "./fixtures";
import { fileRequest } from "./journeys";

test("Support records that the incident affects Acme, sees the 24-hour deadline and records the notice as sent", async ({ support: page }) => {
  const { reference } = await fileRequest(page, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3 });
  const card = page.getByTestId("incident-notice");
  await expect(card).toContainText("Their agreement asks to be told within 24 hours");
  await card.getByRole("button", { name: "The incident affects their resources" }).click();
  await expect(card).toContainText(/Notice due by .* UTC: 2[34] h \d+ min left/);
  await expectAccessible(page, { where: "/cases/[id] (incident notice due)" });
  // The boards show it until it is sent.
  const caseUrl = page.url();
  await page.goto("/updates?scope=team");
  await expect(page.getByTestId("incident-notices")).toContainText(reference);
  await expectAccessible(page, { where: "/updates?scope=team (incident notice due)" });
  await page.goto(caseUrl);
  const text = card.getByLabel("The notice as sent to the customer");
  await expect(text).toHaveValue(new RegExp(reference));
  await text.fill("We had an incident. Please rotate your tokens.");
  await card.getByRole("button", { name: "Record the notice as sent" }).click();
  // Beside the field (its description) and named in the summary at the top of the form.
  await expect(text).toHaveAttribute("aria-invalid", "true");
  await expect(text).toHaveAccessibleDescription(new RegExp(`Include the case reference ${reference}`));
  await expect(card.getByTestId("error-summary").getByRole("link", { name: new RegExp(`Include the case reference ${reference}`) })).toBeVisible();
  await text.fill(`We had an incident affecting your projects. Please rotate your tokens. Track it with ${reference} via your CSM.`);
  await card.getByRole("button", { name: "Record the notice as sent" }).click();
  await expect(card).toContainText("Notice sent");
  await page.goto("/updates?scope=team");
  await expect(page.getByRole("link", { name: reference }).first()).toBeVisible();
  await expect(page.getByTestId("incident-notices").getByRole("link", { name: reference })).toHaveCount(0);
});
