import { expect, expectAccessible, signIn, staff, test } from "./fixtures";
import { fileRequest, tickChecklist } from "./journeys";
import { snap } from "./screenshots";

test("the account's CSM hears an update is ready to relay, and the relay recipient is checked by its channel", async ({ support: page, browser }) => {
  const { reference, url } = await fileRequest(page, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3 });
  const form = page.getByTestId("add-entry");
  await form.getByLabel("Kind").selectOption({ label: "Status update" });
  await form.getByLabel("Relayable to the customer").check();
  await form.getByLabel("Entry (Markdown)").fill("We found the token's creation event and are reviewing what it did.");
  await form.getByRole("button", { name: "Add to timeline" }).click();
  await expect(form.getByRole("status")).toHaveText("Added to the timeline.");

  // Acme's CSM (not the author, not the entry's author) is told.
  const ctx = await browser.newContext();
  const csm = await ctx.newPage();
  await signIn(csm, staff("csm").email, staff("csm").password);
  await csm.goto("/notifications");
  await expect(csm.getByTestId("notification-list")).toContainText(`${reference}: an update is ready to relay`);
  await snap(csm, "daily-csm-ready-to-relay", { fullPage: false });

  await csm.goto(url);
  const entry = csm.getByTestId("timeline-entry").filter({ hasText: "creation event" });
  await entry.getByRole("button", { name: "Relay to customer" }).click();
  const relay = entry.getByTestId("relay-form");
  await relay.getByLabel("Recipient").fill("dana at customer");
  await relay.getByRole("button", { name: "Record relay" }).click();
  const recipient = relay.getByLabel("Recipient");
  await expect(recipient).toHaveAttribute("aria-invalid", "true");
  await expect(recipient).toBeFocused();
  await expect(relay.locator("[id$='-recipient-error']")).toHaveText("Enter the email address the update was sent to, e.g. dana@customer.example.");
  await expect(relay.getByTestId("error-summary").getByRole("link", { name: /^Recipient: Enter the email address/ })).toBeVisible();
  await expectAccessible(csm, { where: "/cases/[id] (relay recipient refused)" });
  await snap(entry, "daily-relay-recipient-by-channel");

  await relay.getByLabel("Channel").selectOption({ label: "Phone" });
  await expect(relay).toContainText("The phone number the update was given on.");
  await recipient.fill("+31 20 555 0100");
  await relay.getByRole("button", { name: "Record relay" }).click();
  await expect(entry.getByRole("list", { name: "Relays of this entry" })).toContainText("+31 20 555 0100");
  await ctx.close();
});

test("a JSON lines upload is labelled JSON lines and downloads as .jsonl", async ({ support, browser }) => {
  const { url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  await tickChecklist(support);
  const ctx = await browser.newContext({ acceptDownloads: true });
  const sirt = await ctx.newPage();
  await signIn(sirt, staff("sirt").email, staff("sirt").password);
  await sirt.goto(url);
  const upload = sirt.getByTestId("upload-artefact");
  const lines = ["alice", "bob"].map((u, i) => `{"time":"${new Date(Date.now() - (i + 1) * 3_600_000).toISOString()}","meta.user":"${u}","meta.project":"acme/infra/api","message":"push"}`).join("\n");
  await upload.getByLabel("Log extract").setInputFiles({ name: "events.jsonl", mimeType: "application/octet-stream", buffer: Buffer.from(`${lines}\n`) });
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(upload.getByTestId("upload-message")).toContainText("Its redaction is running");
  const card = sirt.getByTestId("artefact").first();
  await expect(card).toContainText("JSON lines");
  await expect(card).not.toContainText(/\bText\b/);
  const download = card.getByRole("link", { name: "Download redacted" });
  await expect(download).toBeVisible({ timeout: 60_000 });
  const [file] = await Promise.all([sirt.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toBe("events.redacted.jsonl");
  await snap(card, "daily-file-type-kept");
  await ctx.close();
});

test("a refused case offers a new request from it, prefilled, saved as a new draft; others get a 404", async ({ support: page, browser }) => {
  const { url } = await fileRequest(page, { account: "Initech (initech) · free", owned: "initech/tps-reports", days: 3 });
  await expect(page.getByTestId("outcome")).toHaveText("Ineligible");
  const sourceId = url.split("/").pop()!;
  // The shared ActionForm: a too-short reason is named at the top, marked and focused.
  await page.getByLabel("Why an exception is warranted").fill("too short");
  await page.getByRole("button", { name: "Send to Legal" }).click();
  const reason = page.getByLabel("Why an exception is warranted");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toBeFocused();
  await expect(page.getByTestId("ineligible").getByTestId("error-summary").getByRole("link", { name: /^Why an exception is warranted: Explain to Legal/ })).toBeVisible();
  await expectAccessible(page, { where: "/cases/[id] (ineligible, exception reason refused)" });
  await snap(page.getByTestId("ineligible"), "daily-refused-case-actions");
  await page.getByRole("link", { name: "New request from this one" }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/new\\?from=${sourceId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New information request");
  await expect(page.getByLabel("Customer account")).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByLabel("Customer account").locator("option:checked")).toHaveText(/Initech/);
  await expect(page.getByLabel("Requester name")).toHaveValue("Dana Customer");
  await expect(page.getByLabel("Requester email")).toHaveValue("dana@customer.example");
  await expect(page.getByLabel("Incident summary")).toHaveValue(/unknown location/);
  await expect(page.getByRole("list", { name: "Selected resources" })).toContainText("initech/tps-reports");
  await expect(page.getByLabel(/Window from/)).not.toHaveValue("");
  await expect(page.getByTestId("save-state")).toContainText("Draft saved");
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\/edit$/);
  expect(page.url()).not.toContain(sourceId);
  await expectAccessible(page, { where: "/cases/new?from= (prefilled from a refused case)" });
  await snap(page, "daily-new-request-from", { fullPage: false });

  // The refused case is not visible to a CSM who does not manage Initech: the prefill is a 404 too.
  const ctx = await browser.newContext();
  const csm = await ctx.newPage();
  await signIn(csm, staff("csm").email, staff("csm").password);
  const res = await csm.goto(`/cases/new?from=${sourceId}`);
  expect(res?.status()).toBe(404);
  await ctx.close();
});
