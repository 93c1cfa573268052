import { expect, expectAccessible, signIn, staff, test } from "./fixtures";
import { snap } from "./screenshots";

// Runs last (its own project, playwright.config.ts): past INTAKE_ACCOUNTS_LISTED accounts the intake
// form searches the accounts instead of listing them, which would change every other spec's form.
const HEADER = "slug,name,plan,deployment,paying,support_plan,incident_notification,notification_contact,groups,projects,users,csm_emails";
const MANY = 230;

test("past 200 accounts the intake form searches them: typed, chosen by keyboard, saved and shown again", async ({ support: page, browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, staff("admin").email, staff("admin").password);
  const stamp = Date.now().toString(36);
  const rows = Array.from({ length: MANY }, (_, i) => `many-${stamp}-${String(i).padStart(3, "0")},Many ${stamp} ${String(i).padStart(3, "0")},premium,saas,yes,,,,many-${stamp}-${String(i).padStart(3, "0")},,,`);
  await admin.goto("/admin/accounts/import");
  await admin.getByLabel("…or paste them here").fill([HEADER, ...rows].join("\n"));
  await admin.getByRole("button", { name: "Preview" }).click();
  await expect(admin.getByTestId("import-summary")).toHaveText(`${MANY} to create · 0 to update · 0 unchanged · 0 with errors`);
  await admin.getByRole("button", { name: `Import ${MANY} accounts` }).click();
  await expect(admin.getByRole("status").filter({ hasText: `Imported: ${MANY} created, 0 updated.` })).toBeVisible();
  await adminContext.close();

  const searches: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/accounts/search") searches.push(new URL(r.url()).searchParams.get("q") ?? "");
  });
  const res = await page.goto("/cases/new");
  // The page carries no list of accounts: the box searches them.
  expect((await res!.text()).includes(`Many ${stamp} 229`)).toBe(false);
  const box = page.getByRole("combobox", { name: "Customer account" });
  await expect(box).toHaveValue("");
  await expect(page.locator("#accountId option")).toHaveCount(0);

  // On focus: the first accounts by name, and a word that there are more.
  await box.focus();
  await expect(page.getByRole("listbox", { name: "Matching accounts" }).getByRole("option")).toHaveCount(20);
  await expect(page.getByTestId("account-search-status")).toContainText("the first 20 by name");

  // Typing narrows; ↓ moves, Enter chooses (and submits nothing).
  await box.pressSequentially(`${stamp} 12`);
  const options = page.getByRole("listbox", { name: "Matching accounts" }).getByRole("option");
  await expect(options).toHaveCount(10);
  await expect(options.first()).toHaveText(`Many ${stamp} 120 (many-${stamp}-120) · premium`);
  await expect(page.getByTestId("account-search-status")).toHaveText("10 accounts.");
  await expect(box).toHaveAttribute("aria-activedescendant", /accountId-option-/);
  await expectAccessible(page, { where: "/cases/new (account search open)" });
  await snap(page, "intake-account-search");
  await box.press("ArrowDown");
  await box.press("ArrowDown");
  await expect(options.nth(2)).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(page.getByRole("listbox")).toHaveCount(0);
  await expect(box).toHaveValue(`Many ${stamp} 122 (many-${stamp}-122) · premium`);
  // The chosen account loads for the checks, and the draft saves with it.
  await expect(page.getByTestId("outcome")).toBeVisible();
  await expect(page.getByTestId("save-state")).toContainText("Draft saved");
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\/edit$/);

  // Escape, or leaving the box, keeps the account chosen before.
  await box.focus();
  await box.fill("nothing like this");
  await expect(page.getByTestId("account-search-status")).toHaveText("No account you may open cases for matches “nothing like this”.");
  await box.press("Escape");
  await expect(box).toHaveValue(`Many ${stamp} 122 (many-${stamp}-122) · premium`);

  // Reloaded, the draft names its account in the box.
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Customer account" })).toHaveValue(`Many ${stamp} 122 (many-${stamp}-122) · premium`);
  // A pause in typing is one search, not one per key.
  expect(searches.filter((q) => q.startsWith(`${stamp} 1`)).length).toBeLessThanOrEqual(3);

  // A failed search says what the server said, not a code.
  await page.route("**/api/accounts/search*", (r) => r.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "INTERNAL", message: "Something went wrong. If it happens again, quote reference ERR-TEST." } }) }));
  const again = page.getByRole("combobox", { name: "Customer account" });
  await again.focus();
  await again.pressSequentially("zz");
  await expect(page.getByTestId("account-search-status")).toHaveText("Something went wrong. If it happens again, quote reference ERR-TEST.");
  await again.press("Escape");
  await page.unroute("**/api/accounts/search*");

  // The search answers only those who open cases, and refuses a search too long.
  expect((await page.request.get(`/api/accounts/search?q=${"x".repeat(101)}`)).status()).toBe(400);
  const found = await (await page.request.get(`/api/accounts/search?q=${stamp}%20229`)).json();
  expect(found).toEqual({ accounts: [expect.objectContaining({ name: `Many ${stamp} 229`, slug: `many-${stamp}-229` })], more: false });
});
