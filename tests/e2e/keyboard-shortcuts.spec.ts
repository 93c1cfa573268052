import { expect, expectAccessible, test } from "./fixtures";
import { fileRequest } from "./journeys";
import { snap } from "./screenshots";

test("a Support agent finds, files and moves around with the keyboard: / search, c new case, g q queue, ? help", async ({ support: page }) => {
  // A case, so the list (and its search box) is there.
  await fileRequest(page, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3 });
  await page.goto("/cases");
  await expect(page.getByRole("heading", { name: "Cases", level: 1 })).toBeVisible();

  // "/" focuses the list's search box; typing there (even "c" or "g") is just typing.
  await page.keyboard.press("/");
  const search = page.getByRole("search", { name: "Filter cases" }).getByRole("textbox").first();
  await expect(search).toBeFocused();
  await page.keyboard.type("gc token");
  await expect(search).toHaveValue("gc token");
  await expect(page).toHaveURL(/\/cases$/);

  // With a modifier, keys belong to the browser.
  await search.blur();
  await page.keyboard.press("Control+c");
  await expect(page).toHaveURL(/\/cases$/);

  // "?" opens the help, which lists what this role may use; Esc closes it.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.getByRole("row")).toHaveText([/Keys\s*What they do/, /\/\s*Focus the search/, /c\s*New information request/, /g\s*then\s*q\s*Go to your queue/, /g\s*then\s*c\s*Go to cases/, /g\s*then\s*u\s*Go to updates due/, /\?\s*Show these keyboard shortcuts/]);
  // Support has no Approvals page, so no "g a".
  await expect(help).not.toContainText("approvals");
  await expect(help.getByRole("button", { name: "Close" })).toBeFocused();
  await expectAccessible(page, { where: "/cases (keyboard shortcuts help open)" });
  await snap(page, "daily2-help-dialog", { fullPage: false });
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // The footer's button opens the same help for those who do not know the key.
  await page.getByRole("button", { name: /Keyboard shortcuts/ }).click();
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toBeHidden();

  // "g" then "q": the queue. "c": a new information request.
  await page.keyboard.press("g");
  await page.keyboard.press("q");
  await expect(page).toHaveURL(/\/queue$/);
  await expect(page.getByRole("heading", { name: "Support queue" })).toBeVisible();
  await page.keyboard.press("c");
  await expect(page).toHaveURL(/\/cases\/new$/);
  await expect(page.getByLabel("Customer account")).toBeVisible();
  // Typing into the template never jumps away.
  await page.getByLabel("Requester name").fill("");
  await page.getByLabel("Requester name").pressSequentially("g q c ?");
  await expect(page).toHaveURL(/\/cases\/new$/);
  await expect(help).toBeHidden();

  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("g");
  await page.keyboard.press("c");
  await expect(page).toHaveURL(/\/cases$/);
});

test("SIRT has no new-case key; g q and / work on its queue", async ({ sirt: page }) => {
  await page.goto("/cases");
  await expect(page.getByRole("heading", { name: "Cases", level: 1 })).toBeVisible();
  await page.keyboard.press("c");
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).not.toContainText("New information request");
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/cases$/);

  await page.keyboard.press("g");
  await page.keyboard.press("q");
  await expect(page).toHaveURL(/\/queue$/);
  await expect(page.getByRole("heading", { name: "SIRT triage queue" })).toBeVisible();
});
