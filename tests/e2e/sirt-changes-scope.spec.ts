// Issue 12, finding 10: the intake form's account facts need case.create now, so SIRT, which changes
// the scope of its cases but opens none, gets the case's own account from the page: the form shows
// the account, its resources and the live check as before, with no "not found" beside the account.
import { signedInAs } from "./artefact-journey";
import { expect, expectAccessible, test } from "./fixtures";
import { fileRequest } from "./journeys";
import { snap } from "./screenshots";

test("SIRT changes the scope of its case with the case's account shown, and loads no other account", async ({ support, browser }) => {
  const { reference, url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3, personalData: true });
  const sirt = await signedInAs(browser, "sirt");
  await sirt.goto(`${url}/edit`);
  await expect(sirt.getByRole("heading", { level: 1 })).toHaveText(`${reference}: change scope`);
  await expect(sirt.getByLabel("Customer account")).toBeDisabled();
  await expect(sirt.getByLabel("Customer account").locator("option:checked")).toHaveText(/Acme Corporation/);
  // Only the case's account is offered; no other account's plan reaches SIRT.
  await expect(sirt.getByLabel("Customer account").locator('option:not([value=""])')).toHaveCount(1);
  await expect(sirt.getByText("Live check")).toBeVisible();
  await expect(sirt.getByText(/customer account was not found|You do not have permission/)).toHaveCount(0);
  await expectAccessible(sirt, { where: "/cases/[id]/edit as SIRT (change scope)" });
  await snap(sirt, "sirt-change-scope");
  await sirt.screenshot({ path: "/work/shots/authz-sirt-change-scope.png", fullPage: true }).catch(() => {});
  await sirt.context().close();
});
