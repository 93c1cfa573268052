import { expect, expectAccessible, staff, test } from "./fixtures";
import { addInternalSuffix, openSettings, shot, unique } from "./settings";

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
  await expectAccessible(admin, { where: "/admin/settings (a suffix refused beside its field)" });

  // A single word would redact the word itself ("Internal Server Error"): it needs its dot.
  await suffixes.fill(`${before}\ninternal`);
  await suffixes.blur();
  await expect(admin.getByTestId("internal-hosts-error")).toContainText("“internal” is a single word");
  await expect(admin.getByTestId("internal-hosts-error")).toContainText("Write “.internal” to cover the hosts under it.");
  // A suffix over the product host would redact the product's own URLs: refused naming it.
  await suffixes.fill(`${before}\nexample.com`);
  await expect(admin.getByTestId("internal-hosts-error")).toContainText("“example.com” covers the product host gitlab.example.com");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByTestId("settings-save-status")).toContainText("nothing was saved");
  await expect(admin.getByTestId("internal-hosts-error")).toContainText("covers the product host gitlab.example.com");
  await shot(admin, "settings-2b-suffix-over-product-host");
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
  await expectAccessible(admin, { where: "/admin/settings (preview of a draft)" });
  await supportMax.fill("5");
  await expect(admin.getByTestId("policy-preview")).toContainText("Change a policy value to see which open cases");

  // A good suffix: saved as the next version, shown in the history with the note and what changed
  // (retried on a form another spec made stale: the server is shared).
  const suffix = unique();
  const saved = await addInternalSuffix(admin, suffix, "Build farm hosts");
  expect(saved).toBeGreaterThan(version);
  const row = admin.getByTestId(`settings-version-${saved}`);
  await expect(row).toContainText("Build farm hosts");
  await expect(row).toContainText(`Internal host suffixes: added ${suffix}`);
  await expect(row).toContainText(staff("admin").name);
  await admin.reload();
  await expect(suffixes).toHaveValue(new RegExp(`^${suffix.replace(/\./g, "\\.")}$`, "m"));
  await shot(admin, "settings-4-saved");
});

test("only Admin opens Settings", async ({ sirt }) => {
  const res = await sirt.goto("/admin/settings");
  expect(res?.status()).toBe(404);
});
