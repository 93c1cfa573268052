import { expect, type Page } from "@playwright/test";

const DAY = 86_400_000;
const utcInput = (d: Date) => d.toISOString().slice(0, 16);

/** Fills the information_request template as a Support agent would and submits it. */
export async function fileRequest(page: Page, o: { account: string; owned?: string; other?: string; days: number; personalData?: boolean }) {
  await page.goto("/cases/new");
  await page.getByLabel("Customer account").selectOption({ label: o.account });
  await page.getByLabel("Requester name").fill("Dana Customer");
  await page.getByLabel("Requester email").fill("dana@customer.example");
  await page.getByLabel("Incident summary").fill("A token was used from an unknown location; Audit Events does not show the pushes.");
  if (o.owned) {
    await page.getByPlaceholder(/Filter \d+ resources/).fill(o.owned);
    await page.getByRole("checkbox", { name: new RegExp(`${o.owned.replace(/[/]/g, "\\/")}$`) }).check();
  }
  if (o.other) {
    await page.getByLabel("Other resource named in the request").selectOption("project");
    await page.getByLabel("Path or user name").fill(o.other);
    await page.getByRole("button", { name: "Add", exact: true }).first().click();
  }
  await page.getByLabel("Event type").fill("personal_access_token_created");
  await page.getByLabel("Event type").press("Enter");
  const end = new Date(Date.now() - 5 * 60_000);
  await page.getByLabel(/Window from/).fill(utcInput(new Date(end.getTime() - o.days * DAY)));
  await page.getByLabel(/Window to/).fill(utcInput(end));
  if (o.personalData) await page.getByLabel("Yes (goes to SIRT)").check();
  await expect(page.getByTestId("save-state")).toContainText("Draft saved");
  await page.getByRole("button", { name: "Submit for evaluation" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!;
  expect(reference).toMatch(/^IR-\d{4}-\d{4}$/);
  return { reference, url: page.url() };
}


/**
 * Step 5 before step 6: on the case page, Support or the CSM ticks every item of the verification
 * checklist, as the log-dive (the routed team's first finding, any upload) is refused until then.
 */
export async function tickChecklist(page: Page) {
  const card = page.getByTestId("verification");
  const boxes = card.getByRole("checkbox");
  const total = await boxes.count();
  expect(total).toBeGreaterThan(0);
  for (let i = 0; i < total; i++) {
    const box = boxes.nth(i);
    if (await box.isChecked()) continue;
    await expect(box).toBeEnabled();
    await box.click();
    await expect(box).toBeChecked();
  }
  await expect(card.getByRole("heading", { level: 2 })).toContainText(`${total}/${total}`);
  await expect(card.getByTestId("verification-gate")).toContainText("Complete");
}
