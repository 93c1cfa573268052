import { expect, signIn, staff, test } from "./fixtures";
import type { Role } from "../../lib/auth/permissions";

const SECTIONS: Record<Role, { nav: string[]; headings: Record<string, RegExp>; hidden: string[] }> = {
  support: { nav: ["Cases", "Queue", "Updates due", "Reports", "Gap analytics", "Notifications"], headings: { "/cases": /^Cases$/, "/queue": /Support queue/, "/updates": /Updates due/, "/reports": /Reports/ }, hidden: ["/admin", "/approvals", "/activity", "/security-events"] },
  csm: { nav: ["Cases", "Updates due", "Reports", "Gap analytics", "Notifications"], headings: { "/cases": /^Cases$/, "/updates": /Updates due/, "/reports": /Reports/ }, hidden: ["/admin", "/queue", "/approvals", "/activity", "/security-events"] },
  sirt: { nav: ["Cases", "Queue", "Approvals", "Reports", "Gap analytics", "Notifications"], headings: { "/cases": /^Cases$/, "/queue": /SIRT triage queue/, "/approvals": /Approvals/, "/reports": /Reports/ }, hidden: ["/admin", "/updates", "/activity", "/security-events"] },
  legal: { nav: ["Cases", "Queue", "Approvals", "Reports", "Gap analytics", "Notifications", "Records"], headings: { "/cases": /^Cases$/, "/queue": /Legal queue/, "/approvals": /Approvals/, "/reports": /Reports/, "/activity": /^Records$/, "/security-events": /^Records$/ }, hidden: ["/admin", "/updates"] },
  admin: { nav: ["Cases", "Reports", "Gap analytics", "Notifications", "Records", "Admin"], headings: { "/cases": /^Cases$/, "/reports": /Reports/, "/activity": /^Records$/, "/security-events": /^Records$/, "/admin": /Admin · Staff/ }, hidden: ["/queue", "/updates", "/approvals"] },
};

for (const role of Object.keys(SECTIONS) as Role[]) {
  test(`${role} signs in with the printed demo credentials and sees their pages`, async ({ page }) => {
    const { nav, headings, hidden } = SECTIONS[role];
    await signIn(page, staff(role).email, staff(role).password);
    await expect(page.getByTestId("signed-in-user")).toHaveText(staff(role).name);
    const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
    await expect(links).toHaveText(nav);
    for (const [path, heading] of Object.entries(headings)) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    }
    // Pages of other roles are not there for this one.
    for (const path of hidden) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
  });
}

test("signing out ends the session", async ({ sirt: page }) => {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/queue");
  await expect(page).toHaveURL(/\/signin/);
});
