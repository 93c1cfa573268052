import fs from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, signIn, staff, test } from "./fixtures";
import { fileRequest } from "./journeys";
import { openSettings, shot, unique } from "./settings";

// An artefact approved by Security and Legal, not yet shared, when Admin then adds an internal
// suffix that names a host left in it: the share form warns before release, and the case's team
// may redact it again with the new settings, warned that this voids both approvals.

async function as(browser: Browser, role: "sirt" | "legal" | "admin"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, staff(role).email, staff(role).password);
  return page;
}

test("Support sees that newer settings name a host left in an approved file, and SIRT redacts it again (voiding both approvals)", async ({ support, browser }) => {
  test.setTimeout(150_000);
  const suffix = unique();
  const host = `cache3${suffix}`;
  const { reference, url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const dir = path.resolve("tmp", "e2e-settings");
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `approved${suffix}.log`);
  await fs.writeFile(file, `${at} WARN slow reply from ${host}\n${at} INFO retrying via vault.internal\n`);

  // SIRT uploads and approves on the residue; Legal approves.
  const sirt = await as(browser, "sirt");
  await sirt.goto(url);
  const upload = sirt.getByTestId("upload-artefact");
  await upload.getByLabel("Log extract").setInputFiles(file);
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(upload.getByTestId("upload-message")).toContainText("Its redaction is running", { timeout: 30_000 });
  await expect(sirt.getByTestId("artefact").first()).toContainText("In review", { timeout: 30_000 });
  await sirt.getByTestId("artefact").first().getByRole("link", { name: "Review the redacted lines" }).click();
  await expect(sirt).toHaveURL(/\/artefacts\/[0-9a-f-]{36}$/);
  const review = sirt.url();
  const sirtForm = sirt.getByTestId("decide-security");
  await sirtForm.getByLabel("Approve").check();
  await sirtForm.getByLabel("I have reviewed what is left in the file (the residue above)").check();
  await sirtForm.getByRole("button", { name: "Record decision" }).click();
  await expect(sirt.getByTestId("artefact")).toContainText("Security (SIRT): approved");

  const legal = await as(browser, "legal");
  await legal.goto("/approvals");
  await legal.getByTestId("approvals").getByRole("row").filter({ hasText: reference }).getByRole("link").first().click();
  const legalForm = legal.getByTestId("decide-legal");
  await legalForm.getByLabel("Approve").check();
  await legalForm.getByLabel("I have reviewed what is left in the file (the residue above)").check();
  await legalForm.getByRole("button", { name: "Record decision" }).click();
  await expect(legal.getByTestId("artefact")).toContainText("Legal: approved");

  // Ready to share; nothing yet says our suffix (another spec may have added one of its own meanwhile).
  await support.goto(url);
  const card = support.getByTestId("artefact").first();
  await expect(card.getByTestId("share-artefact")).toBeVisible();
  await expect(card.getByTestId("release-settings-warning").filter({ hasText: suffix })).toHaveCount(0);

  // Admin adds a suffix over the host left in the file (another spec may save at the same moment).
  const admin = await as(browser, "admin");
  await openSettings(admin);
  const suffixes = admin.getByRole("textbox", { name: /^Suffixes/ });
  await expect(async () => {
    await admin.reload();
    const value = await suffixes.inputValue();
    if (value.split("\n").includes(suffix)) return;
    await suffixes.fill(`${value}\n${suffix}`);
    await admin.getByLabel("Note", { exact: true }).fill("Our cache nodes");
    await admin.getByRole("button", { name: "Save settings" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Saved as version" })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });

  // The share form says so before release.
  await support.reload();
  const warning = card.getByTestId("release-settings-warning");
  await expect(warning).toContainText(new RegExp(`^Redacted with settings v\\d+; v\\d+ \\(in force\\) added (\\S+, )*${suffix.replace(/\./g, "\\.")}(, \\S+)*: consider redacting again before release\\.`));
  await expect(warning).toContainText("that voids both approvals");
  await expectAccessible(support, { where: "/cases/[id] (support, newer settings warning before release)" });
  await shot(support, "case-1-share-warning");

  // SIRT, the case's team, is warned that redacting again voids both approvals, and does it.
  await sirt.goto(review);
  const note = sirt.getByTestId("settings-version");
  await expect(note.getByTestId("redact-again-voids-approvals")).toContainText("Redacting it again voids both approvals");
  await expect(note.getByRole("list", { name: "Changed since" })).toContainText(suffix);
  await expectAccessible(sirt, { where: "/cases/[id]/artefacts/[id] (sirt, redact again with newer settings)" });
  await shot(sirt, "artefact-3-approved-newer-settings");
  await note.getByRole("button", { name: "Redact again with the new settings" }).click();
  await expect(note).toContainText("voids the Security and Legal approvals");
  await note.getByRole("button", { name: /^Redact again with v\d+$/ }).click();
  await expect(async () => {
    await sirt.reload();
    await expect(note).toContainText(/Redacted with settings v\d+ \(in force\)/, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(sirt.getByTestId("review-lines")).toContainText("slow reply from [REDACTED:system]");
  await expect(sirt.getByTestId("artefact")).toContainText("Security (SIRT): waiting");
  await expect(sirt.getByTestId("artefact")).toContainText("Legal: waiting");

  // Back in review: nothing to share until Security and Legal approve the new redaction.
  await support.reload();
  await expect(card).toContainText("In review");
  await expect(card.getByTestId("share-artefact")).toHaveCount(0);

  await Promise.all([sirt.context().close(), legal.context().close(), admin.context().close()]);
});
