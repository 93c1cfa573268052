import fs from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, staff, test } from "./fixtures";
import { fileRequest } from "./journeys";

// Both journeys save settings: one after the other, so neither's form goes stale under the other.
test.describe.configure({ mode: "serial" });

// Screenshots for a person to look at (not assertions): E2E_SCREENSHOTS=/tmp/some-folder.
const shots = process.env.E2E_SCREENSHOTS;
async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** A suffix no other spec's data holds: the server is shared, and only hosts under it are touched. */
const unique = () => `.b${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}.e2e.example`;

async function openSettings(admin: Page) {
  await admin.goto("/admin");
  await admin.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Settings" }).click();
  await expect(admin.getByRole("heading", { name: "Admin · Settings" })).toBeVisible();
}

test("Admin sees the demo defaults, a bad suffix is refused beside the field with nothing saved, and a good change becomes a new version", async ({ admin }) => {
  await openSettings(admin);
  const suffixes = admin.getByRole("textbox", { name: /^Suffixes/ });
  const products = admin.getByRole("textbox", { name: /^Host names/ });
  const history = admin.getByTestId("settings-history");
  // The demo defaults: the suffixes and product host the demo data and sample extract are written for.
  await expect(suffixes).toHaveValue(/^\.internal$/m);
  await expect(suffixes).toHaveValue(/^\.corp\.example$/m);
  await expect(products).toHaveValue(/^gitlab\.example\.com$/m);
  await expect(history).toContainText("Demo defaults");
  await expect(history).toContainText("First defaults");
  await expect(admin.getByText("No open proposals")).toBeVisible();
  await shot(admin, "settings-1-defaults");

  const inForce = await admin.getByTestId("settings-in-force").textContent();
  const version = Number(/version (\d+)/.exec(inForce!)![1]);
  const before = await suffixes.inputValue();

  // A URL with a port is not a suffix: refused beside the field, nothing saved.
  await suffixes.fill(`${before}\nhttps://build.e2e.example:8443`);
  await admin.getByLabel("Note", { exact: true }).fill("Build farm");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByTestId("internal-hosts-error")).toContainText("Write the suffix without a scheme: “build.e2e.example”");
  await expect(suffixes).toHaveAttribute("aria-invalid", "true");
  await expect(admin.getByTestId("settings-save-status")).toContainText("nothing was saved");
  await shot(admin, "settings-2-bad-suffix");
  await admin.reload();
  await expect(suffixes).toHaveValue(before);
  await expect(admin.getByTestId("settings-in-force")).toContainText(`version ${version},`);

  // A policy value out of range is refused beside it, live; a valid draft shows its effect on open cases.
  const supportMax = admin.getByLabel("Most resources for Support");
  await supportMax.fill("500");
  await expect(admin.getByText("Enter 1 to 100 resources; 500 is out of range.")).toBeVisible();
  await supportMax.fill("1");
  await expect(admin.getByTestId("preview-summary")).toContainText(/open cases? (would get another outcome or route|checked)|No open case would get another outcome or route/);
  await shot(admin, "settings-3-preview");
  await supportMax.fill("5");
  await expect(admin.getByTestId("policy-preview")).toContainText("Change a policy value to see which open cases");

  // A good suffix: saved as the next version, shown in the history with the note and what changed.
  const suffix = unique();
  await suffixes.fill(`${before}\n${suffix}`);
  await admin.getByLabel("Note", { exact: true }).fill("Build farm hosts");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `Saved as version ${version + 1}` })).toBeVisible();
  const row = admin.getByTestId(`settings-version-${version + 1}`);
  await expect(row).toContainText("Build farm hosts");
  await expect(row).toContainText(`Internal host suffixes: added ${suffix}`);
  await expect(row).toContainText(staff("admin").name);
  await expect(row).toContainText("in force");
  await expect(admin.getByTestId("settings-in-force")).toContainText(`version ${version + 1},`);
  await admin.reload();
  await expect(suffixes).toHaveValue(new RegExp(`^${suffix.replace(/\./g, "\\.")}$`, "m"));
  await shot(admin, "settings-4-saved");
});

test("only Admin opens Settings", async ({ sirt }) => {
  const res = await sirt.goto("/admin/settings");
  expect(res?.status()).toBe(404);
});

async function as(browser: Browser, role: "sirt" | "admin"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, staff(role).email, staff(role).password);
  return page;
}

test("Admin adds an internal suffix and SIRT redacts an artefact in review again with it", async ({ support, browser }) => {
  test.setTimeout(120_000);
  const suffix = unique();
  const host = `db7${suffix}`;
  const { reference, url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const dir = path.resolve("tmp", "e2e-settings");
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `extract${suffix}.log`);
  await fs.writeFile(file, `${at} ERROR connection to ${host} refused\n${at} INFO retrying via vault.internal\n`);

  const sirt = await as(browser, "sirt");
  await sirt.goto(url);
  const upload = sirt.getByTestId("upload-artefact");
  await upload.getByLabel("Log extract").setInputFiles(file);
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(upload.getByTestId("upload-message")).toContainText("Its redaction is running", { timeout: 30_000 });
  const card = sirt.getByTestId("artefact").first();
  await expect(card).toContainText("In review", { timeout: 30_000 });
  await card.getByRole("link", { name: "Review the redacted lines" }).click();
  const note = sirt.getByTestId("settings-version");
  await expect(note).toContainText(/Redacted with settings v\d+ \(in force\)/);
  const used = Number(/v(\d+)/.exec((await note.textContent())!)![1]);
  await expect(sirt.getByTestId("review-lines")).toContainText(host);
  await expect(note.getByRole("button", { name: "Redact again with the new settings" })).toHaveCount(0);

  const admin = await as(browser, "admin");
  await openSettings(admin);
  // The preview: a 14-day standard window would bring this 10-day case from SIRT to Support.
  await admin.getByLabel("Standard window").fill("14");
  const preview = admin.getByTestId("policy-preview");
  await expect(preview.getByTestId("preview-rows").getByRole("row").filter({ hasText: reference })).toContainText(/eligible, SIRT\s*eligible, Support/);
  await expect(preview.getByTestId("preview-summary")).toContainText(/\d+ of \d+ open cases? would get another outcome or route/);
  await shot(admin, "settings-5-preview-rows");
  await admin.getByLabel("Standard window").fill("7");
  await expect(preview).toContainText("Change a policy value to see which open cases");
  const suffixes = admin.getByRole("textbox", { name: /^Suffixes/ });
  await suffixes.fill(`${await suffixes.inputValue()}\n${suffix}`);
  await admin.getByLabel("Note", { exact: true }).fill("The new database hosts are ours");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved as version" })).toBeVisible();
  const saved = Number(/Saved as version (\d+)/.exec((await admin.getByRole("status").filter({ hasText: "Saved as version" }).textContent())!)![1]);
  expect(saved).toBeGreaterThan(used);

  await sirt.reload();
  await expect(note).toContainText(`Redacted with settings v${used}; version ${saved} is in force.`);
  await expect(note).toContainText(`Internal host suffixes: added ${suffix}`);
  await shot(sirt, "artefact-1-newer-settings");
  await note.getByRole("button", { name: "Redact again with the new settings" }).click();
  await note.getByRole("button", { name: `Redact again with v${saved}` }).click();
  await expect(note).toContainText(/Redacting again with settings v\d+|Redacting with the settings in force/);
  // The review page does not poll: look again until the job is done.
  await expect(async () => {
    await sirt.reload();
    await expect(note).toContainText(`Redacted with settings v${saved} (in force)`, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(sirt.getByTestId("review-lines")).not.toContainText(host);
  await expect(sirt.getByTestId("review-lines")).toContainText("connection to [REDACTED:system] refused");
  await shot(sirt, "artefact-2-redacted-again");
});
