import type { Page } from "@playwright/test";
import type { Role } from "../../lib/auth/permissions";
import { expectAccessible } from "./accessibility";
import { expect, signIn, staff, test } from "./fixtures";

// axe-core on every page of the portal, as each role sees it: no serious or critical violation.
// Soft assertions, so one run names every page that has one. The pages of one case (the case page,
// its draft, an artefact's review) are checked where the journeys reach each state, with
// expectAccessible: a case accepted, worked, sent back for re-scope, refused, waiting for a Legal
// exception or a subpoena referral; an artefact in review, its residue, approved, released; the
// forms with errors beside their fields (grep expectAccessible in tests/e2e for the list).

/**
 * The pages of lib/nav and the forms they lead to, each as the first role that has it, then again
 * only where another role gets another page (each team's queue, the CSM's scoped case list,
 * Admin's case list without contents). Reports, notifications, Updates due and the intake form are
 * one template for every role.
 */
const PAGES: Record<Role, string[]> = {
  support: ["/cases", "/cases/new", "/queue", "/updates", "/reports", "/reports/gaps", "/notifications"],
  csm: ["/cases"],
  sirt: ["/queue", "/approvals"],
  legal: ["/queue", "/activity", "/security-events"],
  admin: ["/activity", "/security-events", "/admin", "/admin/accounts", "/admin/accounts/new", "/admin/accounts/import", "/admin/calendars", "/admin/settings", "/admin/tokens", "/cases"],
};

async function visit(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, { soft: true });
}

for (const role of Object.keys(PAGES) as Role[]) {
  test(`every page ${role} opens passes axe`, async ({ page }) => {
    await signIn(page, staff(role).email, staff(role).password);
    for (const path of PAGES[role]) await visit(page, path);
    if (role === "admin") {
      await page.goto("/admin/accounts");
      await page.getByRole("link", { name: "Acme Corporation", exact: true }).click();
      await expect(page).toHaveURL(/\/admin\/accounts\/[0-9a-f-]{36}$/);
      await expectAccessible(page, { where: "/admin/accounts/[id]", soft: true });
    }
    // Not found, signed in: a page of another role, and a page that is not there.
    if (role === "support") for (const path of ["/admin", "/no-such-page"]) await visit(page, path);
  });
}

test("the signed-out pages pass axe: sign-in, its error, an expired invitation, 404", async ({ page }) => {
  await visit(page, "/signin");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // The form's own alert: Next's route announcer is an (empty) alert too once the page has navigated.
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expectAccessible(page, { where: "/signin (wrong password)", soft: true });
  await visit(page, "/invite/an-invitation-that-does-not-exist");
  await visit(page, "/no-such-page");
});
