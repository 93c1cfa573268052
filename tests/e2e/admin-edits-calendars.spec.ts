import { expect, expectAccessible, test } from "./fixtures";
import { snap } from "./screenshots";

test("Admin gives Support an Amsterdam calendar with a holiday and working hours, sees the preview follow, and it is kept", async ({ admin }) => {
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Calendars" }).click();
  await expect(admin.getByRole("heading", { name: "Admin · Calendars" })).toBeVisible();

  const support = admin.getByRole("region", { name: "Support", exact: true });
  await expect(admin.getByRole("region", { name: "SIRT", exact: true })).toBeVisible();
  await expect(support).toContainText("The default calendar");
  await expect(support.getByLabel("Time zone")).toHaveValue("UTC");
  for (const day of ["Mon", "Tue", "Wed", "Thu", "Fri"]) await expect(support.getByLabel(day)).toBeChecked();
  for (const day of ["Sat", "Sun"]) await expect(support.getByLabel(day)).not.toBeChecked();

  const preview = support.getByTestId("calendar-support-preview");
  await expect(preview).toContainText(/^A relay now would be due at \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
  const before = await preview.textContent();

  await support.getByLabel("Time zone").selectOption("Europe/Amsterdam");
  await support.getByLabel("Add a holiday").fill("2027-12-24");
  await support.getByRole("button", { name: "Add", exact: true }).click();
  await expect(support.getByRole("list", { name: "Holidays" })).toContainText("2027-12-24 Friday");
  await support.getByLabel("Only count working hours").check();
  await support.getByLabel("Start").fill("09:00");
  await support.getByLabel("End", { exact: true }).fill("17:00");

  // Due within Amsterdam's working day, shown in UTC with its local time beside it.
  await expect(preview).not.toHaveText(before!);
  await expect(preview).toContainText(/due at \d{4}-\d\d-\d\d \d\d:\d\d UTC \((\d{4}-\d\d-\d\d )?(09:\d\d|1[0-6]:\d\d|17:00) Europe\/Amsterdam\)\./);
  await expect(support.getByText("Unsaved changes")).toBeVisible();

  await support.getByRole("button", { name: "Save Support calendar" }).click();
  await expect(support.getByRole("status")).toContainText("Saved.");

  await admin.reload();
  await expect(support.getByLabel("Time zone")).toHaveValue("Europe/Amsterdam");
  await expect(support.getByRole("list", { name: "Holidays" })).toContainText("2027-12-24 Friday");
  await expect(support.getByLabel("Only count working hours")).toBeChecked();
  await expect(support.getByLabel("Start")).toHaveValue("09:00");
  await expect(support.getByLabel("End", { exact: true })).toHaveValue("17:00");
  await expect(support).toContainText("Last changed by");
  await expect(preview).toContainText("Europe/Amsterdam");
  await snap(support, "daily2-timestamps-calendar", { fullPage: false });
  // SIRT's calendar is untouched.
  await expect(admin.getByRole("region", { name: "SIRT", exact: true }).getByLabel("Time zone")).toHaveValue("UTC");
});

test("working hours that end before they start are refused beside the hours, and nothing is saved", async ({ admin }) => {
  await admin.goto("/admin/calendars");
  const sirt = admin.getByRole("region", { name: "SIRT", exact: true });
  await sirt.getByLabel("Only count working hours").check();
  await sirt.getByLabel("Start").fill("17:00");
  await sirt.getByLabel("End", { exact: true }).fill("09:00");
  await expect(sirt.getByText("The working hours end (09:00) must be later than their start (17:00).")).toBeVisible();
  await expect(sirt.getByTestId("calendar-sirt-preview")).toHaveText("Correct the calendar to see when a relay sent now would be due.");
  await expectAccessible(admin, { where: "/admin/calendars (hours refused)" });

  await sirt.getByRole("button", { name: "Save SIRT calendar" }).click();
  await expect(sirt.getByText("must be later than their start")).toBeVisible();
  await expect(sirt.getByText("Saved.")).toHaveCount(0);

  await admin.reload();
  await expect(sirt.getByLabel("Only count working hours")).not.toBeChecked();
  await expect(sirt).toContainText("The default calendar");
});
