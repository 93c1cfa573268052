import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { LabelsFile } from "../../bench/leak-corpus";
import { expect, staff, test } from "./fixtures";
import { approveOnResidue, openFromApprovals, openReview, redactAgain, releaseAndDownload, signedInAs, uploadArtefact, waitForRedactionInForce } from "./artefact-journey";
import { fileRequest, tickChecklist } from "./journeys";
import { openSettings, shot } from "./settings";

// Issue 10's "Done when", as a new user following the README: the sample extract (npm run
// sample-extract, with its ground truth) goes through upload, redaction and the residue review;
// a host of our own systems that no setting names yet shows there as unknown, SIRT proposes it,
// Admin accepts it in Settings, SIRT redacts again with the new settings; Legal and SIRT approve
// on the residue, the CSM releases, and the released file holds none of the identifiers planted
// to go and every one planted to stay.
//
// It runs in its own project after the others (playwright.config.ts): it adds an internal
// suffix to the shared server's settings and has a proposal open for a moment, which specs that
// look at the demo defaults or an empty proposals list must not see.

const run = promisify(execFile);

test("the README's demo flow: sample extract to release, with the residue review, releases nothing planted to go and keeps everything planted to stay", async ({ support, browser }) => {
  test.setTimeout(240_000);
  const dir = path.resolve("tmp", "e2e-readme-flow");
  await fs.mkdir(dir, { recursive: true });

  // "File a request for Acme's acme/infra/api covering the last 10 days (it goes to SIRT)".
  const { reference, url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  await expect(support.getByTestId("outcome")).toContainText("Eligible → SIRT");
  // "Tick the verification checklist (step 5)": the log-dive waits for it.
  await tickChecklist(support);

  // "npm run sample-extract -- extract.ndjson", with the ground truth beside it.
  const file = path.join(dir, `extract-${reference}.ndjson`);
  const labelsPath = path.join(dir, `labels-${reference}.json`);
  await run(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "scripts/sample-extract.ts", file, "--mb", "2", "--labels", labelsPath], { cwd: process.cwd() });
  const labels = JSON.parse(await fs.readFile(labelsPath, "utf8")) as LabelsFile;
  const unconfigured = labels.unconfiguredInternal!;
  expect(unconfigured.hosts.length).toBeGreaterThan(0);

  // SIRT uploads it on the case page (dropping lines outside the window and the scope, the default).
  const sirt = await signedInAs(browser, "sirt");
  const card = await uploadArtefact(sirt, url, file, 60_000);
  await expect(card.getByTestId("scope-check")).toContainText("outside the case");

  // The review page starts with the residue: our own host, which no setting names, is unknown.
  await openReview(card, 60_000);
  const residue = sirt.getByTestId("residue");
  await expect(residue.getByRole("heading", { name: "What is left in the file" })).toBeVisible();
  const hosts = residue.getByTestId("residue-host");
  const showAll = hosts.getByText(/^Show all/);
  // Our host may be past the first rows: open "Show all" (again after each reload).
  const openAll = async () => {
    await expect(hosts).toBeVisible();
    if (await showAll.count()) await showAll.click();
  };
  await openAll();
  const ours = hosts.getByRole("row").filter({ has: sirt.getByRole("rowheader", { name: unconfigured.hosts[0], exact: true }) });
  await expect(ours).toContainText("unknown");
  await shot(sirt, "readme-flow-1-residue");

  // The residue is long: keyboard users can skip past it, to the decision form or to the lines.
  const skips = residue.getByRole("navigation", { name: "Skip the residue" });
  await expect(skips.getByRole("link", { name: "Skip to the decision form" })).toHaveAttribute("href", "#decision-form");
  await skips.getByRole("link", { name: "Skip to the redacted lines" }).click();
  await expect(sirt.locator("#lines-heading")).toBeFocused();

  // SIRT proposes the suffix over it ("Treat as internal…" suggests it).
  await ours.getByRole("button", { name: `Treat as internal: ${unconfigured.hosts[0]}` }).click();
  await ours.getByRole("button", { name: `Use “${unconfigured.suffix}” (every host under it)` }).click();
  await expect(ours.getByLabel("Host or suffix")).toHaveValue(unconfigured.suffix);
  await expect(ours).toContainText("Admin reads this, and Admin never sees case contents");
  await ours.getByLabel("Why (for Admin)").fill("Our nodes");
  await ours.getByRole("button", { name: "Propose to Admin" }).click();
  await expect(ours.getByRole("status")).toContainText(`Proposed “${unconfigured.suffix}”: waiting for Admin`);
  await shot(sirt, "readme-flow-2-proposed");

  // Admin declines it, asking which nodes: SIRT is told why, beside the host and in a notification.
  const admin = await signedInAs(browser, "admin");
  await openSettings(admin);
  let proposal = admin.getByTestId(`host-proposal-${unconfigured.suffix}`);
  await expect(proposal).toContainText(`Proposed by ${staff("sirt").name}`);
  await expect(proposal).toContainText(reference);
  await proposal.getByRole("button", { name: "Decline" }).click();
  await expect(proposal).toContainText(`${staff("sirt").name} is notified with this reason and may propose the host again.`);
  const why = "Which nodes? Name the network they are in and propose it again.";
  await proposal.getByLabel("Why it is declined (SIRT sees this)").fill(why);
  await proposal.getByRole("button", { name: "Decline" }).click();
  await expect(admin.getByText("No open proposals")).toBeVisible();

  await sirt.reload();
  await openAll();
  await expect(ours).toContainText(`“${unconfigured.suffix}” declined by ${staff("admin").name} on `);
  await expect(ours).toContainText(`Reason: “${why}”`);
  const listed = sirt.getByTestId("host-proposals").getByTestId(`artefact-host-proposal-${unconfigured.suffix}`);
  await expect(listed).toContainText("Why: “Our nodes”");
  await expect(listed).toContainText(`Declined by ${staff("admin").name}`);
  await expect(listed).toContainText(why);
  await shot(sirt, "readme-flow-2b-declined");
  const review = sirt.url();
  await sirt.goto("/notifications");
  const declined = sirt.getByTestId("notification-list").getByRole("listitem").filter({ hasText: `${reference}: “${unconfigured.suffix}” was not added to the internal hosts` });
  await expect(declined).toContainText(`${staff("admin").name} (Admin) declined your proposal to treat “${unconfigured.suffix}” as internal; the settings did not change.`);
  await expect(declined).toContainText(`Reason: ${why}`);

  // SIRT proposes it again, with the answer.
  await sirt.goto(review);
  await openAll();
  await ours.getByRole("button", { name: `Propose again: ${unconfigured.suffix} as internal` }).click();
  await expect(ours.getByLabel("Host or suffix")).toHaveValue(unconfigured.suffix);
  await ours.getByLabel("Why (for Admin)").fill("Our Gitaly, Redis and web nodes in the ops network");
  await ours.getByRole("button", { name: "Propose to Admin" }).click();
  await expect(ours.getByRole("status")).toContainText(`Proposed “${unconfigured.suffix}”: waiting for Admin`);

  // Admin accepts it in Settings: a new version with the suffix.
  await admin.reload();
  proposal = admin.getByTestId(`host-proposal-${unconfigured.suffix}`);
  await expect(proposal).toContainText("Our Gitaly, Redis and web nodes in the ops network");
  await proposal.getByRole("button", { name: "Accept" }).click();
  await proposal.getByRole("button", { name: "Accept and save a new version" }).click();
  await expect(admin.getByTestId("settings-history")).toContainText(`Internal host suffixes: added ${unconfigured.suffix}`);
  await shot(admin, "readme-flow-3-accepted");

  // SIRT is told, with a link to the artefact page, where it redacts again with the new settings.
  await sirt.goto("/notifications");
  const accepted = sirt.getByTestId("notification-list").getByRole("listitem").filter({ hasText: `${reference}: “${unconfigured.suffix}” is now treated as internal` });
  await expect(accepted).toContainText(`${staff("admin").name} (Admin) accepted your proposal to treat “${unconfigured.suffix}” as internal: it joined the internal host suffixes in settings version`);
  await expect(accepted).toContainText("again with the new settings");
  await shot(sirt, "readme-flow-3b-notifications");
  const link = /(https?:\/\/\S+\/cases\/[0-9a-f-]{36}\/artefacts\/[0-9a-f-]{36})/.exec((await accepted.textContent())!)![1]!;
  expect(new URL(link).pathname).toBe(new URL(review).pathname);
  await sirt.goto(link);
  await openAll();
  await expect(ours).toContainText(`“${unconfigured.suffix}” accepted by ${staff("admin").name}`);
  const note = sirt.getByTestId("settings-version");
  await expect(note).toContainText(`Internal host suffixes: added ${unconfigured.suffix}`);
  await redactAgain(note);
  await waitForRedactionInForce(sirt, note, { timeout: 90_000 });
  // The new residue no longer holds our hosts; the lines now show them redacted.
  for (const host of unconfigured.hosts) await expect(residue).not.toContainText(host);
  await sirt.getByLabel("Search the redacted file").fill("Sidekiq::Client retrying push");
  await sirt.getByRole("button", { name: "Search" }).click();
  await expect(sirt.getByTestId("review-lines")).toContainText("retrying push to [REDACTED:system]");

  // SIRT's security approval, on the residue.
  await approveOnResidue(sirt, "security");

  // Legal's review, on the residue.
  const legal = await signedInAs(browser, "legal");
  await openFromApprovals(legal, reference);
  await expect(legal.getByTestId("residue")).toBeVisible();
  await approveOnResidue(legal, "legal", "Reviewed what is left: the account's own data, product routes and public hosts.");

  // The CSM releases it and downloads the redacted file as handed on.
  const csm = await signedInAs(browser, "csm");
  const { redactedPath: releasedPath } = await releaseAndDownload(csm, url, path.join(dir, `release-${reference}`));
  const released = await fs.readFile(releasedPath, "utf8");

  // The released file against the ground truth (personal data not disclosed; lines outside the
  // scope dropped, so what was planted to stay only on those lines is not expected).
  const expected = labels.expect["disclosePersonalData=false"];
  const leaked = expected.mustGo.filter((id) => released.includes(id));
  const lost = expected.mustStayWhenOutsideScopeDropped.filter((id) => !released.includes(id));
  const ownHosts = unconfigured.hosts.filter((h) => released.includes(h));
  console.log(`released ${reference}: ${expected.mustGo.length - leaked.length}/${expected.mustGo.length} planted to go are gone, ${expected.mustStayWhenOutsideScopeDropped.length - lost.length}/${expected.mustStayWhenOutsideScopeDropped.length} planted to stay are kept`);
  expect(leaked, "identifiers planted to go that are in the released file").toEqual([]);
  expect(lost, "identifiers planted to stay that are missing from the released file").toEqual([]);
  expect(ownHosts, "our own hosts in the released file").toEqual([]);
  expect(expected.mustGo.length).toBeGreaterThan(100);
  expect(expected.mustStayWhenOutsideScopeDropped.length).toBeGreaterThan(50);

  await Promise.all([sirt.context().close(), legal.context().close(), csm.context().close(), admin.context().close()]);
});
