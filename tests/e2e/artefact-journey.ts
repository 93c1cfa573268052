import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, Locator, Page } from "@playwright/test";
import { DEMO_GENERATOR_OPTIONS, writeLogFile } from "../../bench/log-generator";
import type { Role } from "../../lib/auth/permissions";
import { DEMO_ACCOUNTS } from "../../lib/demo/data";
import { expect, expectAccessible, signIn, staff } from "./fixtures";
import { fileRequest, tickChecklist } from "./journeys";
import { receivedMail } from "./mailbox";
import { screenshotFolder } from "./screenshots";

const run = promisify(execFile);

/** An NDJSON extract of about `bytes` for the demo account Acme, inside the case window. */
export async function acmeExtract(file: string, bytes: number, window: { from: Date; to: Date }) {
  const acme = DEMO_ACCOUNTS.find((a) => a.slug === "acme")!;
  const of = (kind: string) => acme.resources.filter((r) => r.kind === kind).map((r) => r.path);
  await fs.mkdir(path.dirname(file), { recursive: true });
  return writeLogFile(file, bytes, {
    ...DEMO_GENERATOR_OPTIONS,
    seed: 7,
    owned: { groups: of("group"), projects: ["acme/infra/api"], users: of("user"), emails: acme.resources.filter((r) => r.email).map((r) => r.email!) },
    from: window.from,
    to: window.to,
    outsideWindowShare: 0.02,
    otherProjectShare: 0.05,
  });
}

/** Runs `npm run verify-manifest` as a customer would: exit code and output. */
export async function verifyManifest(manifest: string, keyUrl: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "scripts/verify-manifest.ts", manifest, "--key", keyUrl], { cwd: process.cwd() });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

/**
 * With E2E_SCREENSHOTS=<folder>, screenshots there (for looking at, not for git): the
 * viewport, or an element in slices of 1,000 px.
 */
async function screenshot(page: Page, name: string, element?: string) {
  const folder = screenshotFolder;
  if (!folder) return;
  await fs.mkdir(folder, { recursive: true });
  if (!element) {
    await page.screenshot({ path: path.join(folder, `${name}.png`) });
    return;
  }
  // boundingBox is relative to the viewport; a full-page clip is in page coordinates.
  const box = (await page.getByTestId(element).first().boundingBox())!;
  box.y += await page.evaluate(() => window.scrollY);
  for (let y = box.y, i = 1; y < box.y + box.height; y += 1000, i++) {
    const clip = { x: Math.max(0, box.x - 8), y, width: Math.min(box.width + 16, 1280), height: Math.min(1000, box.y + box.height - y + 8) };
    await page.screenshot({ path: path.join(folder, `${name}-${i}.png`), fullPage: true, clip });
  }
}

/**
 * The CSM records the release of the case's approved artefact to the customer and downloads the
 * redacted file as handed on, into `out`.
 */
export async function releaseAndDownload(csm: Page, caseUrl: string, out: string, a11y = true) {
  await csm.goto(caseUrl);
  const share = csm.getByTestId("share-artefact");
  await expect(share).toBeVisible();
  if (a11y) await expectAccessible(csm, { where: "/cases/[id] (csm, approved artefact to share)" });
  await share.getByLabel("Sent to (email)").fill("dana@customer.example");
  await share.getByRole("button", { name: "Record the release and sign the manifest" }).click();
  const releases = csm.getByTestId("releases");
  await expect(releases).toContainText("To dana@customer.example");
  if (a11y) await expectAccessible(csm, { where: "/cases/[id] (csm, released)" });
  await fs.mkdir(out, { recursive: true });
  const [redacted] = await Promise.all([csm.waitForEvent("download"), releases.getByRole("link", { name: /\.redacted\./ }).click()]);
  const redactedPath = path.join(out, redacted.suggestedFilename());
  await redacted.saveAs(redactedPath);
  return { releases, redactedPath };
}

/** A page in a new browser context, signed in as the role's demo user. */
export async function signedInAs(browser: Browser, role: Role): Promise<Page> {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  await signIn(page, staff(role).email, staff(role).password);
  return page;
}

/** SIRT uploads `file` on the case page, and its redaction starts; returns the artefact's card. */
export async function uploadArtefact(sirt: Page, caseUrl: string, file: string, timeout: number) {
  await sirt.goto(caseUrl);
  const upload = sirt.getByTestId("upload-artefact");
  await upload.getByLabel("Log extract").setInputFiles(file);
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(upload.getByTestId("upload-message")).toContainText("Its redaction is running", { timeout });
  return sirt.getByTestId("artefact").first();
}

/** Once the artefact's redaction is done (in review), opens its review page from the card. */
export async function openReview(card: Locator, timeout: number) {
  await expect(card).toContainText("In review", { timeout });
  await card.getByRole("link", { name: "Review the redacted lines" }).click();
}

/** Legal opens the case's artefact review from Approvals. */
export async function openFromApprovals(legal: Page, reference: string) {
  await legal.goto("/approvals");
  await legal.getByTestId("approvals").getByRole("row").filter({ hasText: reference }).getByRole("link").first().click();
}

/** Security (SIRT) or Legal approves the artefact on its review page, with the residue reviewed (and a comment). */
export async function approveOnResidue(page: Page, team: "security" | "legal", comment?: string) {
  const form = page.getByTestId(`decide-${team}`);
  await form.getByLabel("Approve").check();
  if (comment) await form.getByLabel("Comment").fill(comment);
  await form.getByLabel("I have reviewed what is left in the file (the residue above)").check();
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByTestId("artefact")).toContainText(team === "security" ? "Security (SIRT): approved" : "Legal: approved");
}

/**
 * "Redact again with the new settings" in the review page's settings note, then its confirmation
 * (`Redact again with v<version>`, or any version), after checking the confirmation says `warning`.
 */
export async function redactAgain(note: Locator, o: { version?: number; warning?: string } = {}) {
  await note.getByRole("button", { name: "Redact again with the new settings" }).click();
  if (o.warning) await expect(note).toContainText(o.warning);
  await note.getByRole("button", { name: o.version ? `Redact again with v${o.version}` : /^Redact again with v\d+$/ }).click();
}

/** Reloads the review page (it does not poll) until the artefact is redacted with the settings in force (`version`, or any). */
export async function waitForRedactionInForce(page: Page, note: Locator, o: { version?: number; timeout: number }) {
  await expect(async () => {
    await page.reload();
    await expect(note).toContainText(o.version ? `Redacted with settings v${o.version} (in force)` : /Redacted with settings v\d+ \(in force\)/, { timeout: 1_000 });
  }).toPass({ timeout: o.timeout });
}

/**
 * The journey: SIRT uploads an NDJSON extract and watches its progress, the redacted
 * version appears with its summary, Legal reviews and approves, SIRT approves, the CSM shares and
 * downloads the redacted file and the signed manifest, and the verify script accepts the manifest
 * and rejects it after one byte of the file changes.
 */
export async function uploadReviewApproveShare(support: Page, browser: Browser, o: { bytes: number; dir: string; throttleUpload?: number; timeoutMs: number; a11y?: boolean }) {
  const { reference, url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  await expect(support.getByTestId("outcome")).toContainText("Eligible → SIRT");
  await tickChecklist(support); // step 5 before SIRT's log-dive
  const now = Date.now();
  const file = path.join(o.dir, `extract-${reference}.ndjson`);
  await acmeExtract(file, o.bytes, { from: new Date(now - 9 * 86_400_000), to: new Date(now - 3_600_000) });

  // SIRT uploads it from the case page and watches the upload, then the redaction.
  const sirt = await signedInAs(browser, "sirt");
  await sirt.goto(url);
  const upload = sirt.getByTestId("upload-artefact");
  await upload.getByLabel("Log extract").setInputFiles(file);
  if (o.throttleUpload) {
    const cdp = await sirt.context().newCDPSession(sirt);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: o.throttleUpload });
  }
  await upload.getByRole("button", { name: "Upload" }).click();
  const bar = upload.getByRole("progressbar", { name: /Upload/ });
  if (o.throttleUpload) {
    await expect(bar).toBeVisible();
    await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow")).valueOf(), { timeout: o.timeoutMs }).toBeGreaterThan(0);
  }
  await expect(upload.getByTestId("upload-message")).toContainText("Its redaction is running", { timeout: o.timeoutMs });
  const card = sirt.getByTestId("artefact").first();
  await expect(card.getByTestId("scope-check")).toContainText("outside the case window");
  await expect(card.getByTestId("redaction-summary")).toBeVisible({ timeout: o.timeoutMs });
  await expect(card).toContainText("In review");
  await expect(card.getByTestId("redaction-summary")).toContainText(/secret: [1-9]/);
  if (o.a11y !== false) await expectAccessible(sirt, { where: "/cases/[id] (sirt, artefact in review)" });
  const redactedSha = (await card.locator("dd[title]").nth(1).getAttribute("title"))!;
  expect(redactedSha).toMatch(/^[0-9a-f]{64}$/);

  // The notification that an artefact is ready reached the SMTP server.
  await expect.poll(() => receivedMail().some((m) => m.includes(`${reference}: artefact ready for Legal review`)), { timeout: 30_000 }).toBe(true);

  // Legal reviews from Approvals: first what is left in the file and why (the residue), then the
  // redacted lines with replacements highlighted, raw beside.
  const legal = await signedInAs(browser, "legal");
  await legal.goto("/approvals");
  await expect(legal.getByTestId("approvals").getByRole("row").filter({ hasText: reference })).toBeVisible();
  if (o.a11y !== false) await expectAccessible(legal, { where: "/approvals (legal, one waiting)" });
  await openFromApprovals(legal, reference);
  await expect(legal.getByTestId("review-lines")).toBeVisible();
  const residue = legal.getByTestId("residue");
  await expect(residue.getByRole("heading", { name: "What is left in the file" })).toBeVisible();
  await expect(residue.getByTestId("residue-summary")).toContainText(/\d+ unknown hosts?/);
  expect((await residue.boundingBox())!.y).toBeLessThan((await legal.getByTestId("review-lines").boundingBox())!.y);
  // The generator writes webhook URLs to a host nobody configured: an unknown host, first.
  const hosts = residue.getByTestId("residue-host");
  await expect(hosts.getByRole("row").nth(1)).toContainText("unknown");
  await expect(hosts.getByRole("rowheader").filter({ hasText: "hooks.example.com" })).toBeVisible();
  await screenshot(legal, "review-top");
  await screenshot(legal, "residue", "residue");
  // Its "Find in file" link searches the review lines for it.
  await hosts.getByRole("link", { name: "Find in file: “hooks.example.com” in the redacted lines" }).click();
  await expect(legal.getByRole("heading", { name: /Lines containing “hooks.example.com”: [1-9]/ })).toBeVisible({ timeout: o.timeoutMs });
  await legal.getByRole("link", { name: "Clear" }).click();
  await expect(legal.getByTestId("review-lines")).toBeVisible();
  await expect(legal.getByTestId("review-lines").locator("mark[data-marker]").first()).toBeVisible();
  await legal.getByRole("link", { name: "Show the raw line beside each" }).click();
  await expect(legal.getByRole("columnheader", { name: "Raw (internal)" })).toBeVisible({ timeout: o.timeoutMs });
  if (o.a11y !== false) await expectAccessible(legal, { where: "/cases/[id]/artefacts/[id] (legal, raw lines beside)" });
  await legal.getByLabel("Search the redacted file").fill("REDACTED:secret");
  await legal.getByRole("button", { name: "Search" }).click();
  await expect(legal.getByRole("heading", { name: /Lines containing “REDACTED:secret”: [1-9]/ })).toBeVisible({ timeout: o.timeoutMs });
  const legalForm = legal.getByTestId("decide-legal");
  await legalForm.getByLabel("Approve").check();
  await legalForm.getByLabel("Comment").fill("Reviewed: no other account's data, secrets replaced.");
  // Without the residue reviewed, the approval is refused beside the box.
  await legalForm.getByRole("button", { name: "Record decision" }).click();
  await expect(legalForm).toContainText("Tick the box once you have reviewed what is left in the file");
  if (o.a11y !== false) await expectAccessible(legal, { where: "/cases/[id]/artefacts/[id] (approval refused beside the residue box)" });
  await screenshot(legal, "decide-refused", "artefact");
  await expect(legal.getByTestId("artefact")).not.toContainText("Legal: approved");
  await legalForm.getByLabel("I have reviewed what is left in the file (the residue above)").check();
  await legalForm.getByRole("button", { name: "Record decision" }).click();
  await expect(legal.getByTestId("artefact")).toContainText("Legal: approved");
  await expect(legal.getByTestId("artefact")).toContainText("residue reviewed");
  await screenshot(legal, "decided", "artefact");

  // SIRT gives the security approval from the case page's link to the review, under the residue.
  await sirt.reload();
  await sirt.getByTestId("decide-security-link").getByRole("link", { name: "review what is left in the file and decide" }).click();
  await expect(sirt.getByTestId("residue")).toBeVisible();
  const sirtForm = sirt.getByTestId("decide-security");
  await sirtForm.getByLabel("Approve").check();
  await sirtForm.getByLabel("I have reviewed what is left in the file (the residue above)").check();
  await sirtForm.getByRole("button", { name: "Record decision" }).click();
  await expect(sirt.getByTestId("artefact").first()).toContainText("Approved");

  // The CSM shares it and downloads the redacted file and the signed manifest.
  const csm = await signedInAs(browser, "csm");
  const out = path.join(o.dir, `release-${reference}`);
  const { releases, redactedPath } = await releaseAndDownload(csm, url, out, o.a11y !== false);
  const [manifest] = await Promise.all([csm.waitForEvent("download"), releases.getByRole("link", { name: "signed manifest" }).click()]);
  const manifestPath = path.join(out, manifest.suggestedFilename());
  await manifest.saveAs(manifestPath);
  expect(JSON.parse(await fs.readFile(manifestPath, "utf8")).manifest.artefacts[0].sha256).toBe(redactedSha);

  // The customer's check: the manifest verifies against the portal's public key, until one byte changes.
  const keyUrl = new URL("/api/release-key", support.url()).toString();
  const good = await verifyManifest(manifestPath, keyUrl);
  expect(good.out).toContain("release verified");
  expect(good.code).toBe(0);
  const handle = await fs.open(redactedPath, "r+");
  const one = Buffer.alloc(1);
  await handle.read(one, 0, 1, 100);
  one[0] = one[0]! ^ 0x01;
  await handle.write(one, 0, 1, 100);
  await handle.close();
  const bad = await verifyManifest(manifestPath, keyUrl);
  expect(bad.code).toBe(1);
  expect(bad.out).toMatch(/SHA-256 differs/);

  await Promise.all([sirt.context().close(), legal.context().close(), csm.context().close()]);
  return { reference, url };
}
