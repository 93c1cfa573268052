import { openReview, redactAgain, signedInAs, uploadArtefact, waitForRedactionInForce } from "./artefact-journey";
import { expect, test } from "./fixtures";
import { fileRequest, tickChecklist } from "./journeys";
import { addInternalSuffix, logExtract, openSettings, shot, unique } from "./settings";

// Named after the SIRT journey it is (and so run among the other artefact journeys, after the
// specs that look at SIRT's empty approvals list).

test("Admin adds an internal suffix and SIRT redacts an artefact in review again with it", async ({ support, browser }) => {
  test.setTimeout(120_000);
  const suffix = unique();
  const host = `db7${suffix}`;
  const { reference, url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  await tickChecklist(support);
  const file = await logExtract(`extract${suffix}.log`, [`ERROR connection to ${host} refused`, "INFO retrying via vault.internal"]);

  const sirt = await signedInAs(browser, "sirt");
  await openReview(await uploadArtefact(sirt, url, file, 30_000), 30_000);
  const note = sirt.getByTestId("settings-version");
  await expect(note).toContainText(/Redacted with settings v\d+ \(in force\)/);
  const used = Number(/v(\d+)/.exec((await note.textContent())!)![1]);
  await expect(sirt.getByTestId("review-lines")).toContainText(host);
  await expect(note.getByRole("button", { name: "Redact again with the new settings" })).toHaveCount(0);

  // "Treat as internal…" on the unknown host: the form says Admin reads the reason; Escape closes
  // it and puts the focus back on the button that opened it. Nothing is proposed.
  const row = sirt.getByTestId("residue-host").getByRole("row").filter({ has: sirt.getByRole("rowheader", { name: host, exact: true }) });
  const treat = row.getByRole("button", { name: `Treat as internal: ${host}` });
  await treat.click();
  await expect(row.getByLabel("Host or suffix")).toBeFocused();
  await expect(row.getByLabel("Host or suffix")).toHaveValue(host);
  await expect(row.getByRole("button", { name: `Use “${suffix}” (every host under it)` })).toBeVisible();
  await expect(row).toContainText("Admin reads this, and Admin never sees case contents");
  await shot(sirt, "artefact-0-treat-as-internal-form");
  await sirt.keyboard.press("Escape");
  await expect(row.getByLabel("Host or suffix")).toHaveCount(0);
  await expect(treat).toBeFocused();

  const admin = await signedInAs(browser, "admin");
  await openSettings(admin);
  // The preview: a 14-day standard window would bring this 10-day case from SIRT to Support.
  await admin.getByLabel("Standard window").fill("14");
  const preview = admin.getByTestId("policy-preview");
  await expect(preview.getByTestId("preview-rows").getByRole("row").filter({ hasText: reference })).toContainText(/eligible, SIRT\s*eligible, Support/);
  await expect(preview.getByTestId("preview-summary")).toContainText(/\d+ of \d+ open cases? would get another outcome or route/);
  // Only the one-line summary is announced; the table is outside the live region. Its column says
  // whose values it shows: the version in force, not what each case holds.
  await expect(preview.getByTestId("preview-summary")).toHaveAttribute("aria-live", "polite");
  await expect(preview.locator("[aria-live] table")).toHaveCount(0);
  await expect(preview.getByRole("columnheader", { name: /^With version \d+ \(in force\)$/ })).toBeVisible();
  await shot(admin, "settings-5-preview-rows");
  await admin.getByLabel("Standard window").fill("7");
  await expect(preview).toContainText("Change a policy value to see which open cases");
  // Another spec may save settings at the same moment: a stale form is refused, so load and retry.
  await addInternalSuffix(admin, suffix, "The new database hosts are ours");
  await admin.reload();
  const saved = Number(/version (\d+)/.exec((await admin.getByTestId("settings-in-force").textContent())!)![1]);
  expect(saved).toBeGreaterThan(used);

  await sirt.reload();
  await expect(note).toContainText(`Redacted with settings v${used}; version ${saved} is in force.`);
  await expect(note).toContainText(`Internal host suffixes: added ${suffix}`);
  await shot(sirt, "artefact-1-newer-settings");
  await redactAgain(note, { version: saved });
  await expect(note).toContainText(/Redacting again with settings v\d+|Redacting with the settings in force/);
  await waitForRedactionInForce(sirt, note, { version: saved, timeout: 30_000 });
  await expect(sirt.getByTestId("review-lines")).not.toContainText(host);
  await expect(sirt.getByTestId("review-lines")).toContainText("connection to [REDACTED:system] refused");
  await shot(sirt, "artefact-2-redacted-again");
});
