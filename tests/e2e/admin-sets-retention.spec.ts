import { expect, expectAccessible, test } from "./fixtures";
import { openSettings } from "./settings";

// Issue 14 (retention): Admin sets how long a closed case's raw and superseded redacted files are
// kept, in Settings, checked live like the other values; a retention change asks for no preview
// of open cases (it changes no outcome) but says how many files of closed cases it would delete.
// Nothing is saved here: the server is shared.
test("Admin sees the retention period in Settings, 90 days by default, and a value out of range is refused beside it", async ({ admin }) => {
  await openSettings(admin);
  const section = admin.getByRole("region", { name: "Retention" });
  await expect(section).toContainText("Released redacted files are kept; nothing is deleted while a case is open");
  const days = section.getByLabel("Keep raw files after closing");
  await expect(section).toContainText(/Now \d+\./);
  await days.fill("0");
  await expect(section.getByText("Enter 1 to 3650 days; 0 is out of range.")).toBeVisible();
  await expectAccessible(admin, { where: "/admin/settings (retention out of range)" });
  await days.fill("120");
  await expect(section.getByText("Enter 1 to 3650 days")).toHaveCount(0);
  // Only the eligibility values ask for the preview of open cases; retention has its own: what it would delete.
  await expect(admin.getByTestId("policy-preview")).toContainText("Change a policy value to see which open cases");
  await expect(section.getByTestId("retention-preview")).toContainText(/^With 120 days, \d+ files? of closed cases are due \(under the \d+ days in force: \d+\): nothing more is deleted than now\.$/);
  await days.fill("1");
  await expect(section.getByTestId("retention-preview")).toContainText(/^With 1 day, \d+ files? (of \d+ closed cases? would be deleted within the hour after you save|of closed cases are due)/);
  await expectAccessible(admin, { where: "/admin/settings (retention preview)" });
  await section.screenshot({ path: "/work/shots/i14-retention-preview.png" }).catch(() => {});
  await section.screenshot({ path: "/work/shots/i14-retention-settings.png" }).catch(() => {});
});
