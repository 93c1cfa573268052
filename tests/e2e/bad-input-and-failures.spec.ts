import { expect, staff, test } from "./fixtures";

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(staff("legal").email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/signin$/);
});

test("a signed-out visitor is sent to sign in, without internals", async ({ page }) => {
  const res = await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin/);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Logdesk" })).toBeVisible();
});

test("an unknown route is a friendly 404", async ({ page }) => {
  const res = await page.goto("/no/such/page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/at .*\.js|Error:|stack/i);
});

test("a case id the user may not see is a 404", async ({ support: page }) => {
  const res = await page.goto("/cases/00000000-0000-4000-8000-000000000000");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("a tampered session cookie is treated as an expired session", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "next-auth.session-token", value: "tampered", url: baseURL! }]);
  await page.goto("/cases");
  await expect(page).toHaveURL(/error=SessionExpired/);
  await expect(page.getByText("Your session has expired or your access changed")).toBeVisible();
});

test("/api/health is green", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, database: { ok: true }, migrations: { ok: true, pending: [] } });
});
