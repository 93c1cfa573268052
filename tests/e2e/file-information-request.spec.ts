import { expect, expectAccessible, signIn, staff, test } from "./fixtures";
import { shot } from "./settings";
import { fileRequest } from "./journeys";

test("a premium SaaS case for an owned project over the last 3 days lands in the Support queue", async ({ support: page }) => {
  const { reference } = await fileRequest(page, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3 });
  await expect(page.getByTestId("outcome")).toHaveText("Eligible → Support");
  await page.goto("/queue");
  await expect(page.getByRole("link", { name: reference })).toBeVisible();
});

for (const [what, opts] of [
  ["a window of the last 10 days", { days: 10 }],
  ["personal data", { days: 3, personalData: true }],
] as const) {
  test(`${what} goes to the SIRT queue, with SIRT notified`, async ({ support: page, browser }) => {
    const { reference, url } = await fileRequest(page, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", ...opts });
    await expect(page.getByTestId("outcome")).toContainText("Eligible → SIRT");
    await expect(page.getByTestId("notifications")).toContainText(`${reference} routed to SIRT`);
    const ctx = await browser.newContext();
    const sirt = await ctx.newPage();
    await signIn(sirt, staff("sirt").email, staff("sirt").password);
    await sirt.goto("/queue");
    await expect(sirt.getByRole("link", { name: reference })).toBeVisible();
    await sirt.goto("/notifications");
    await expect(sirt.getByTestId("notification-list")).toContainText(`${reference} routed to SIRT`);
    await sirt.goto(url);
    await expect(sirt.getByRole("heading", { level: 1 })).toHaveText(reference);
    await ctx.close();
  });
}

for (const [account, reason] of [
  ["Initech (initech) · free", /free plan|Premium or Ultimate/i],
  ["Stark Industries (self-managed) (stark) · ultimate · self-managed", /self-managed/i],
] as const) {
  test(`${account.split(" (")[0]} is refused with the reason`, async ({ support: page }) => {
    await fileRequest(page, { account, owned: account.startsWith("Initech") ? "initech/tps-reports" : "stark/jarvis", days: 3 });
    await expect(page.getByTestId("outcome")).toHaveText("Ineligible");
    await expect(page.getByTestId("ineligible")).toContainText(reason);
  });
}

test("a trial account's case goes to Legal as an exception and, once granted, proceeds", async ({ support: page, browser }) => {
  const { reference, url } = await fileRequest(page, { account: "Umbrella Labs (umbrella) · trial", owned: "umbrella/research/t-virus", days: 3 });
  await expect(page.getByTestId("outcome")).toHaveText("Ineligible");
  await page.getByLabel("Why an exception is warranted").fill("Active account takeover; the customer is signing for Ultimate this week.");
  await page.getByRole("button", { name: "Send to Legal" }).click();
  await expect(page.getByTestId("exceptions")).toContainText("requested");
  await expectAccessible(page, { where: "/cases/[id] (ineligible, exception requested)" });

  const ctx = await browser.newContext();
  const legal = await ctx.newPage();
  await signIn(legal, staff("legal").email, staff("legal").password);
  await legal.goto("/queue");
  await legal.getByRole("link", { name: reference }).click();
  await legal.getByLabel("Grant", { exact: true }).check();
  await expectAccessible(legal, { where: "/cases/[id] (legal, deciding an exception)" });
  await shot(legal, "cases-legal-exception");
  await legal.getByLabel("Rationale").fill("Exceptional circumstances; approved by counsel.");
  await legal.getByRole("button", { name: "Record decision" }).click();
  await expect(legal.getByTestId("exceptions")).toContainText("granted");
  await ctx.close();

  await page.goto(url);
  await expect(page.getByTestId("outcome")).toHaveText("Eligible → Support");
  await expect(page.getByTestId("check-plan")).toContainText(/waived by a Legal exception/i);
});

test("a project the account does not own shows the subpoena referral in Legal's queue", async ({ support: page, browser }) => {
  const { reference } = await fileRequest(page, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", other: "globex/platform/api", days: 3 });
  await expect(page.getByTestId("check-ownership")).toContainText("globex/platform/api");
  await expect(page.getByTestId("referrals")).toContainText("legal subpoena is required");
  const ctx = await browser.newContext();
  const legal = await ctx.newPage();
  await signIn(legal, staff("legal").email, staff("legal").password);
  await legal.goto("/queue");
  await expect(legal.getByRole("heading", { name: /Subpoena referrals/ })).toBeVisible();
  await expectAccessible(legal, { where: "/queue (legal, subpoena referral)" });
  await legal.getByRole("link", { name: reference }).click();
  await legal.getByLabel("What Legal did").fill("Told the customer a subpoena is needed for globex resources.");
  await legal.getByRole("button", { name: "Record and close the referral" }).click();
  await expect(legal.getByTestId("referrals")).toContainText("Closed by Lee Legal");
  await expectAccessible(legal, { where: "/cases/[id] (legal, referral closed)" });
  await ctx.close();
});

test("a window reaching 40 days back is refused with how to narrow it", async ({ support: page }) => {
  await fileRequest(page, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 40 });
  await expect(page.getByTestId("outcome")).toHaveText("Ineligible");
  await expect(page.getByTestId("check-window")).toHaveAttribute("data-result", "fail");
  await expect(page.getByTestId("check-window")).toContainText(/earliest/i);
  await expectAccessible(page, { where: "/cases/[id] (refused: window too far back)" });
});

test("the live check shows every condition while the template is filled in", async ({ support: page }) => {
  await page.goto("/cases/new");
  await page.getByLabel("Customer account").selectOption({ label: "Acme Corporation (acme) · premium" });
  await expect(page.getByTestId("outcome")).toBeVisible();
  await expect(page.locator("[data-testid^=check-]")).toHaveCount(7);
  await page.getByLabel("HTTP access logs (not searchable)").check();
  await expect(page.getByTestId("check-log-source")).toHaveAttribute("data-result", "fail");
});

test("a draft survives a reload", async ({ support: page }) => {
  await page.goto("/cases/new");
  await page.getByLabel("Customer account").selectOption({ label: "Globex Corporation (globex) · ultimate" });
  await page.getByLabel("Requester name").fill("Hank Globex");
  await expect(page.getByTestId("save-state")).toContainText("Draft saved");
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\/edit$/);
  await page.reload();
  await expect(page.getByLabel("Requester name")).toHaveValue("Hank Globex");
});

test("submitting an incomplete template shows what is missing beside each field", async ({ support: page }) => {
  await page.goto("/cases/new");
  await page.getByLabel("Customer account").selectOption({ label: "Globex Corporation (globex) · ultimate" });
  await expect(page.getByTestId("save-state")).toContainText("Draft saved");
  await page.getByRole("button", { name: "Submit for evaluation" }).click();
  await expect(page.locator("#requesterName-error")).toHaveText("Enter who at the customer asked.");
  await expect(page.locator("#windowFrom-error")).toHaveText("Enter when the log window starts.");
  await expectAccessible(page, { where: "/cases/[id]/edit (errors beside the fields)" });
  await expect(page).toHaveURL(/\/edit$/);
});

test("the event type field loads the catalogue's suggestions when first focused and tells catalogued names from free entries", async ({ support: page }) => {
  const asked: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/event-types") asked.push(r.url());
  });
  await page.goto("/cases/new");
  // The intake's page carries none of the catalogue's ~500 entries: they come when the field is used.
  await expect(page.locator("#event-type-catalogue option")).toHaveCount(0);
  const field = page.getByLabel("Event type", { exact: true });
  await expect(field).toHaveAttribute("placeholder", "Type to search the audit event types, or enter your own");
  await page.getByLabel("Customer account").selectOption({ label: "Acme Corporation (acme) · premium" });
  await field.focus();
  await expect.poll(() => page.locator("#event-type-catalogue option").count()).toBeGreaterThan(100);
  await expect(field).toHaveAttribute("placeholder", /^Type to search \d+ audit event types, or enter your own$/);
  expect(asked).toHaveLength(1);
  for (const name of ["personal_access_token_created", "made_up_event_name"]) {
    await field.fill(name);
    await field.press("Enter");
  }
  const chips = page.getByRole("list", { name: "Selected event types" });
  await expect(chips.getByRole("listitem").filter({ hasText: "personal_access_token_created" })).not.toContainText("free entry");
  await expect(chips.getByRole("listitem").filter({ hasText: "made_up_event_name" })).toContainText("free entry");
  await expect(page.getByTestId("save-state")).toContainText("Draft saved");

  // The saved draft, opened again: its names are told apart before the catalogue is asked for.
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\/edit$/);
  // "Draft saved" may still be the first name's save while the second's is on its way (seen on a
  // loaded machine): wait until the stored draft holds both before reloading.
  await expect.poll(async () => (await page.request.get(page.url())).text(), { timeout: 15_000 }).toContain("made_up_event_name");
  asked.length = 0;
  await page.reload();
  const again = page.getByRole("list", { name: "Selected event types" });
  await expect(again.getByRole("listitem").filter({ hasText: "made_up_event_name" })).toContainText("free entry");
  await expect(again.getByRole("listitem").filter({ hasText: "personal_access_token_created" })).not.toContainText("free entry");
  expect(asked).toHaveLength(0);
});
