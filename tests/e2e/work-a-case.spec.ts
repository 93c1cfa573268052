import type { Page } from "@playwright/test";
import { expect, expectAccessible, signIn, staff, test } from "./fixtures";
import { tickChecklist } from "./journeys";
import { shot } from "./settings";

const DAY = 86_400_000;
const utcInput = (d: Date) => d.toISOString().slice(0, 16);
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Files an eligible case as in file-information-request.spec.ts: 3 days back goes to Support, 10 days to SIRT (extended). */
async function fileEligibleCase(page: Page, days = 3) {
  await page.goto("/cases/new");
  await page.getByLabel("Customer account").selectOption({ label: "Acme Corporation (acme) · premium" });
  await page.getByLabel("Requester name").fill("Dana Customer");
  await page.getByLabel("Requester email").fill("dana@customer.example");
  await page.getByLabel("Incident summary").fill("A token was used from an unknown location; Audit Events does not show the pushes.");
  await page.getByPlaceholder(/Filter \d+ resources/).fill("acme/infra/api");
  await page.getByRole("checkbox", { name: /acme\/infra\/api$/ }).check();
  await page.getByLabel("Event type").fill("personal_access_token_created");
  await page.getByLabel("Event type").press("Enter");
  const end = new Date(Date.now() - 5 * 60_000);
  await page.getByLabel(/Window from/).fill(utcInput(new Date(end.getTime() - days * DAY)));
  await page.getByLabel(/Window to/).fill(utcInput(end));
  await expect(page.getByTestId("save-state")).toContainText("Draft saved");
  await page.getByRole("button", { name: "Submit for evaluation" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("outcome")).toContainText(days > 7 ? "Eligible → SIRT" : "Eligible → Support");
  await tickChecklist(page); // step 5 before the log-dive
  return page.url();
}

async function addEntry(page: Page, o: { kind: string; relayable: boolean; body: string }) {
  const form = page.getByTestId("add-entry");
  await form.getByLabel("Kind").selectOption({ label: o.kind });
  await form.getByLabel(o.relayable ? "Relayable to the customer" : "Internal").check();
  await form.getByLabel("Entry (Markdown)").fill(o.body);
  await form.getByRole("button", { name: "Add to timeline" }).click();
  await expect(form.getByRole("status")).toHaveText("Added to the timeline.");
}

const HOSTILE = "Token created from **203.0.113.7**.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click me](javascript:alert(1))";

test("Support works a case: an internal finding, a relayable update relayed to the customer, and the update clock moves", async ({ support: page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await fileEligibleCase(page);
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("No entries yet");
  const dueBefore = await timeline.getByTestId("timeline-next-update-due").getAttribute("datetime");
  expect(dueBefore).toBeTruthy();
  await shot(page, "cases-support-accepted");

  // The preview renders the same safe subset the timeline does.
  const form = page.getByTestId("add-entry");
  await form.getByLabel("Entry (Markdown)").fill(HOSTILE);
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(form.getByTestId("entry-preview").locator("strong")).toHaveText("203.0.113.7");
  await expect(form.getByTestId("entry-preview")).toContainText("<script>alert(1)</script>");
  await expect(form.getByTestId("entry-preview").locator("img, script, a")).toHaveCount(0);
  await expectAccessible(page, { where: "/cases/[id] (accepted, entry preview)" });
  await form.getByRole("button", { name: "Write" }).click();

  await addEntry(page, { kind: "Finding", relayable: false, body: HOSTILE });
  const entries = timeline.getByTestId("timeline-entry");
  await expect(entries).toHaveCount(1);
  const internal = entries.first();
  await expect(internal).toContainText("Internal");
  await expect(internal).toContainText("Sam Support");
  await expect(internal.getByTestId("entry-body")).toContainText("<img src=x onerror=alert(1)>");
  await expect(internal.getByTestId("entry-body").locator("img, script, a")).toHaveCount(0);
  await expect(internal.getByRole("button", { name: "Relay to customer" })).toHaveCount(0);
  // Support's first finding starts the log-dive.
  await expect(page.getByRole("region", { name: "Case summary" })).toContainText("in progress");

  await addEntry(page, { kind: "Status update", relayable: true, body: "We are reviewing the **application logs** for the token's use." });
  await expect(entries).toHaveCount(2);
  // The form keeps the visibility (and kind) chosen for the next entry; only the text is cleared.
  await expect(form.getByLabel("Relayable to the customer")).toBeChecked();
  await expect(form.getByLabel("Kind")).toHaveValue("status_update");
  await expect(form.getByLabel("Entry (Markdown)")).toHaveValue("");
  const relayable = entries.first(); // newest first
  await expect(relayable).toHaveAttribute("data-visibility", "relayable");
  await expect(relayable.getByTestId("entry-body").locator("strong")).toHaveText("application logs");
  await expect(entries.nth(1)).toHaveAttribute("data-visibility", "internal");
  await expect(entries.nth(1).getByRole("button", { name: "Relay to customer" })).toHaveCount(0);

  await relayable.getByRole("button", { name: "Relay to customer" }).click();
  const relayForm = relayable.getByTestId("relay-form");
  await expect(relayForm.getByLabel("Text sent to the customer")).toHaveValue("We are reviewing the **application logs** for the token's use.");
  await expect(relayForm.getByLabel("Recipient")).toHaveValue("dana@customer.example");
  await expectAccessible(page, { where: "/cases/[id] (in progress, relay form open)" });
  await relayForm.getByLabel("Channel").selectOption("ticket");
  await relayForm.getByRole("button", { name: "Record relay" }).click();

  await expect(relayable.getByTestId("relay")).toContainText("Relayed by Sam Support to dana@customer.example via Support ticket");
  const due = timeline.getByTestId("timeline-next-update-due");
  // The clock restarts from the relay. (On a weekend the due time before, from acceptance, and
  // after, from the relay, can both be Monday 12:00; Support's calendar may also have been
  // changed by the calendar spec running beside this one, so its exact value is not asserted.)
  const lastRelay = timeline.getByTestId("timeline-last-relay");
  await expect(lastRelay).toHaveAttribute("datetime", /^\d{4}-/);
  const relayedAt = new Date((await lastRelay.getAttribute("datetime"))!);
  const dueAfter = new Date((await due.getAttribute("datetime"))!);
  expect(dueAfter.getTime()).toBeGreaterThan(relayedAt.getTime());
  expect(dueAfter.getTime()).toBeGreaterThanOrEqual(new Date(dueBefore!).getTime());
  await expect(timeline).not.toContainText("Last relayed to the customer: not yet");
  // The case summary's "Next customer update due" shows the restarted clock.
  const summaryDue = page.getByRole("region", { name: "Case summary" }).locator("div", { has: page.getByText("Next customer update due", { exact: true }) }).locator("dd");
  await expect(summaryDue).toHaveText(utc(dueAfter));

  // A fresh load renders the entries on the server: still no script runs.
  await page.reload();
  await expect(page.getByTestId("timeline-entry")).toHaveCount(2);
  await expect(page.getByTestId("entry-body").locator("img, script")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test("on an extended SIRT case, SIRT's update has no relay button for SIRT, and Support's first relay keeps the 7-day note", async ({ support: page, browser }) => {
  const url = await fileEligibleCase(page, 10);
  const ctx = await browser.newContext();
  const sirt = await ctx.newPage();
  await signIn(sirt, staff("sirt").email, staff("sirt").password);
  await sirt.goto(url);
  await addEntry(sirt, { kind: "Finding", relayable: true, body: "The log-dive has started on the application logs." });
  await expect(sirt.getByRole("region", { name: "Case summary" })).toContainText("in progress");
  await expect(sirt.getByTestId("timeline-entry")).toHaveCount(1);
  await expect(sirt.getByRole("button", { name: "Relay to customer" })).toHaveCount(0);
  await ctx.close();

  await page.reload();
  const entry = page.getByTestId("timeline-entry").first();
  await expect(entry).toContainText("Riley SIRT"); // staff see the author; the customer never does
  await entry.getByRole("button", { name: "Relay to customer" }).click();
  const text = entry.getByTestId("relay-form").getByLabel("Text sent to the customer");
  await expect(text).toHaveValue(/will take longer to complete\.$/);
  await text.fill("The log-dive has started on the application logs.");
  await entry.getByRole("button", { name: "Record relay" }).click();
  await expect(entry.getByTestId("relay-form").getByRole("alert")).toContainText("must keep the note that the request will take longer");
  await expectAccessible(page, { where: "/cases/[id] (relay refused beside its field)" });
  await expect(entry.getByTestId("relay")).toHaveCount(0);
  await text.fill("The log-dive has started. Because the requested log window reaches back more than 7 days from the time of the request, this request will take longer to complete.");
  await entry.getByRole("button", { name: "Record relay" }).click();
  await expect(entry.getByTestId("relay")).toContainText("Relayed by Sam Support to dana@customer.example via Email");
});
