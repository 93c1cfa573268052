import { approveOnResidue, openFromApprovals, openReview, redactAgain, signedInAs, uploadArtefact, waitForRedactionInForce } from "./artefact-journey";
import { expect, expectAccessible, test } from "./fixtures";
import { fileRequest, tickChecklist } from "./journeys";
import { addInternalSuffix, logExtract, openSettings, shot, unique } from "./settings";

// An artefact approved by Security and Legal, not yet shared, when Admin then adds an internal
// suffix that names a host left in it: the share form warns before release, and the case's team
// may redact it again with the new settings, warned that this voids both approvals.

test("Support sees that newer settings name a host left in an approved file, and SIRT redacts it again (voiding both approvals)", async ({ support, browser }) => {
  test.setTimeout(150_000);
  const suffix = unique();
  const host = `cache3${suffix}`;
  const { reference, url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  await tickChecklist(support);
  const file = await logExtract(`approved${suffix}.log`, [`WARN slow reply from ${host}`, "INFO retrying via vault.internal"]);

  // SIRT uploads and approves on the residue; Legal approves.
  const sirt = await signedInAs(browser, "sirt");
  await openReview(await uploadArtefact(sirt, url, file, 30_000), 30_000);
  await expect(sirt).toHaveURL(/\/artefacts\/[0-9a-f-]{36}$/);
  const review = sirt.url();
  await approveOnResidue(sirt, "security");

  const legal = await signedInAs(browser, "legal");
  await openFromApprovals(legal, reference);
  await approveOnResidue(legal, "legal");

  // Ready to share; nothing yet says our suffix (another spec may have added one of its own meanwhile).
  await support.goto(url);
  const card = support.getByTestId("artefact").first();
  await expect(card.getByTestId("share-artefact")).toBeVisible();
  await expect(card.getByTestId("release-settings-warning").filter({ hasText: suffix })).toHaveCount(0);

  // Admin adds a suffix over the host left in the file (another spec may save at the same moment).
  const admin = await signedInAs(browser, "admin");
  await openSettings(admin);
  await addInternalSuffix(admin, suffix, "Our cache nodes");

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
  await redactAgain(note, { warning: "voids the Security and Legal approvals" });
  await waitForRedactionInForce(sirt, note, { timeout: 30_000 });
  await expect(sirt.getByTestId("review-lines")).toContainText("slow reply from [REDACTED:system]");
  await expect(sirt.getByTestId("artefact")).toContainText("Security (SIRT): waiting");
  await expect(sirt.getByTestId("artefact")).toContainText("Legal: waiting");

  // Back in review: nothing to share until Security and Legal approve the new redaction.
  await support.reload();
  await expect(card).toContainText("In review");
  await expect(card.getByTestId("share-artefact")).toHaveCount(0);

  await Promise.all([sirt.context().close(), legal.context().close(), admin.context().close()]);
});
