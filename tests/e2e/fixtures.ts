import { test as base, expect, type Page } from "@playwright/test";
import { DEMO_STAFF } from "../../lib/demo/data";
import type { Role } from "../../lib/auth/permissions";
import { rememberSessionCookies } from "./secrets-seen";

export const staff = (role: Role) => DEMO_STAFF.find((s) => s.role === role)!;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  await rememberSessionCookies(page.context());
}

/**
 * One fixture per role, each a page signed in as that role's demo user. Every spec's `page` also
 * fails its test when the browser reports a Content-Security-Policy violation (issue 12: the portal
 * must hydrate and work under the policy, not merely render).
 */
export const test = base.extend<{ support: Page; csm: Page; sirt: Page; legal: Page; admin: Page }>({
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (m.text().includes("Content Security Policy")) violations.push(`${page.url()}: ${m.text()}`);
    });
    await use(page);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
  support: async ({ page }, use) => { await signIn(page, staff("support").email, staff("support").password); await use(page); },
  csm: async ({ page }, use) => { await signIn(page, staff("csm").email, staff("csm").password); await use(page); },
  sirt: async ({ page }, use) => { await signIn(page, staff("sirt").email, staff("sirt").password); await use(page); },
  legal: async ({ page }, use) => { await signIn(page, staff("legal").email, staff("legal").password); await use(page); },
  admin: async ({ page }, use) => { await signIn(page, staff("admin").email, staff("admin").password); await use(page); },
});

export { expect };
export { expectAccessible } from "./accessibility";
