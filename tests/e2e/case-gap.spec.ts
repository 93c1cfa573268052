import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, expectAccessible, signIn, staff, test } from "./fixtures";
import { uploadReviewApproveShare } from "./artefact-journey";
import { fileRequest, tickChecklist } from "./journeys";

// Step 10 in the browser: SIRT records the Audit Events gap of a shared case (two missing event
// types, one picked from the catalogue, one typed), the portal's job files exactly one issue in the
// test tracker that tests/e2e/server-with-mailbox.ts runs beside the server (with both labels and
// nothing confidential), the case shows the issue link, and the gap analytics count it.

const dir = () => path.join(process.env.E2E_DATA_DIR ?? os.tmpdir(), "..", `e2e-files-${process.env.E2E_PORT ?? "x"}`);

/** What reached the test tracker: one JSON file per request (tests/e2e/server-with-mailbox.ts). */
function trackerRequests(): { method: string; url: string; body: string }[] {
  const d = process.env.E2E_TRACKER_DIR!;
  if (!existsSync(d)) return [];
  return readdirSync(d)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(d, f), "utf8")) as { method: string; url: string; body: string });
}

test("SIRT records two missing event types on a shared case; the tracker gets exactly one issue", async ({ support, browser }) => {
  test.setTimeout(180_000);
  const { reference, url } = await uploadReviewApproveShare(support, browser, { bytes: 64 * 1024, dir: dir(), timeoutMs: 60_000, a11y: false });

  const ctx = await browser.newContext();
  const sirt = await ctx.newPage();
  await signIn(sirt, staff("sirt").email, staff("sirt").password);
  await sirt.goto(url);
  // SIRT goes to close the released case and is asked for its gap first (step 10).
  const closeCard = sirt.getByTestId("close-case");
  await expect(closeCard.getByTestId("close-case-gap")).toContainText("closes only with its Audit Events gap record");
  await closeCard.getByRole("link", { name: "Record the Audit Events gap first" }).click();
  await expect(sirt).toHaveURL(/#gap$/);
  const section = sirt.getByRole("region", { name: "Audit Events gap" });
  await expect(section).toBeVisible();
  await expect(section).toContainText("Not recorded yet.");
  const form = section.getByTestId("gap-form");

  // Refused with a clear message: no events and no reason.
  await form.getByRole("button", { name: "Record the gap" }).click();
  await expect(form.getByTestId("error-summary")).toContainText('Name at least one missing event type (with what the customer needed it for), or tick "No gap" and say why.');

  // One from the catalogue (keyboard: type, Enter), one typed; a bad name refused beside the field.
  const picker = form.getByLabel("Missing event types");
  await picker.fill("user_email_address_updated");
  await picker.press("Enter");
  await picker.fill("Jane Doe");
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await expect(form).toContainText("lower-case letters, digits and underscores");
  await picker.fill("project_archive_downloaded");
  await picker.press("Enter");
  const chips = form.getByTestId("gap-chips");
  await expect(chips.getByRole("listitem")).toHaveCount(2);
  await expect(chips.getByRole("listitem").filter({ hasText: "project_archive_downloaded" })).toContainText("(typed)");
  await expect(chips.getByRole("listitem").filter({ hasText: "user_email_address_updated" })).not.toContainText("(typed)");
  await picker.fill("to_be_removed");
  await picker.press("Enter");
  await chips.getByRole("button", { name: "Remove to_be_removed" }).click();
  await expect(chips.getByRole("listitem")).toHaveCount(2);
  await form.getByLabel("What the customer needed them for").fill("Dana Customer needed to know who downloaded acme/infra/api's archive.");
  await expectAccessible(sirt, { where: "/cases/[id] (sirt, gap form)" });
  await section.screenshot({ path: "/work/shots/i13-gaps-form.png" });
  await form.getByRole("button", { name: "Record the gap" }).click();

  // The job files it; the case shows the state and the returned link.
  const state = section.getByTestId("gap-filing-state");
  await expect(async () => {
    await sirt.reload();
    await expect(state).toContainText("Filed as issue #", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(section.getByRole("link", { name: /Open issue #\d+/ })).toHaveAttribute("href", /\/security\/audit-events\/-\/issues\/\d+$/);
  await expect(section.getByTestId("gap-record")).toContainText("user_email_address_updated");
  await expect(section.getByTestId("gap-record")).toContainText("project_archive_downloaded");
  await expectAccessible(sirt, { where: "/cases/[id] (sirt, gap filed)" });
  await section.screenshot({ path: "/work/shots/i13-gaps-filed.png" });

  // Exactly one issue for this case, with both labels, and nothing confidential in anything sent.
  const mine = trackerRequests().filter((r) => r.method === "POST" && r.body.includes(reference));
  expect(mine).toHaveLength(1);
  const issue = JSON.parse(mine[0]!.body) as { title: string; description: string; labels: string };
  expect(issue.labels.split(",")).toEqual(["Category:Audit Events", "Enterprise Edition"]);
  expect(issue.description).toContain("user_email_address_updated");
  expect(issue.description).toContain("project_archive_downloaded");
  const everything = trackerRequests().map((r) => `${r.url}\n${r.body}`).join("\n").toLowerCase();
  for (const secret of ["Acme Corporation", "acme/infra", "Dana Customer", "dana@customer.example", "downloaded acme"]) expect(everything).not.toContain(secret.toLowerCase());

  // Filed: the record can no longer be amended.
  await expect(section.getByText("Amend the gap record")).toHaveCount(0);

  // With its gap recorded, SIRT closes the released case as done, with the resolution note.
  const closeForm = closeCard.getByRole("form", { name: "Close case" });
  await closeForm.getByRole("radio", { name: /^Done/ }).check();
  await closeForm.getByLabel("Resolution note").fill("Extract released; the customer confirmed the archive downloads were their own CI.");
  await closeForm.getByRole("button", { name: "Close case" }).click();
  const closed = sirt.getByTestId("closed-case");
  await expect(closed.getByRole("heading", { name: "Closed: done" })).toBeVisible();
  await expect(sirt.getByRole("region", { name: "Case summary" })).toContainText("closed · done");
  await expect(sirt.getByRole("region", { name: "Case summary" })).toContainText("none: the case is closed");
  await expect(sirt.getByTestId("timeline-next-update-due")).toHaveCount(0);
  // Closed: read-only, and still one issue in the tracker.
  await expect(sirt.getByTestId("close-case")).toHaveCount(0);
  await expect(section.getByTestId("gap-form")).toHaveCount(0);
  expect(trackerRequests().filter((r) => r.method === "POST" && r.body.includes(reference))).toHaveLength(1);
  await expectAccessible(sirt, { where: "/cases/[id] (sirt, closed as done)" });
  await sirt.screenshot({ path: "/work/shots/i13-done-closed-as-done.png", fullPage: true });

  // The gap analytics count it, and link the case and its issue.
  await sirt.goto("/reports/gaps");
  await expect(sirt.getByRole("heading", { level: 1, name: "Audit Events gap analytics" })).toBeVisible();
  const cases = sirt.getByRole("region", { name: "Each event type's cases and issues" });
  await expect(cases.getByRole("listitem").filter({ hasText: "project_archive_downloaded" }).first()).toContainText(reference);
  await expect(cases.getByRole("link", { name: reference }).first()).toBeVisible();
  // The chart counts it: the figures behind "Missing events asked for most" list both types.
  const chart = sirt.getByRole("region", { name: "Missing events asked for most" });
  await chart.getByText("Show the figures as a table").click();
  const chartTable = chart.getByRole("table", { name: "Missing events asked for most" });
  for (const name of ["user_email_address_updated", "project_archive_downloaded"]) {
    await expect(chartTable.getByRole("row").filter({ hasText: name })).toHaveCount(1);
  }
  await expectAccessible(sirt, { where: "/reports/gaps (sirt)" });
  await sirt.screenshot({ path: "/work/shots/i13-gaps-analytics.png", fullPage: true });

  // The export has it too.
  const csv = await (await sirt.request.get("/api/gaps/export.csv")).text();
  expect(csv.split("\r\n")[0]).toBe("reference,recorded_at,plan,team,no_gap,missing_events,needed_for,no_gap_reason,filing_state,issue_iid,issue_url");
  expect(csv).toContain(reference);
  const json = (await (await sirt.request.get("/api/gaps/export.json")).json()) as { reference: string; filingState: string }[];
  expect(json.find((r) => r.reference === reference)?.filingState).toBe("filed");
  await ctx.close();
});

test("the gap analytics refuse a range that ends before it starts or spans more than five years", async ({ csm }) => {
  await csm.goto("/reports/gaps?from=2026-05-01&to=2026-04-01");
  await expect(csm.getByText("The end date comes before the start date.", { exact: false })).toBeVisible();
  await csm.goto("/reports/gaps?from=2019-01-01&to=2026-04-01");
  await expect(csm.getByText("The range spans more than 5 years.", { exact: false })).toBeVisible();
  await expectAccessible(csm, { where: "/reports/gaps (csm, range refused)" });
  // The CSM sees the aggregates, not the export.
  await expect(csm.getByRole("link", { name: "Export gaps (CSV)" })).toHaveCount(0);
  expect((await csm.request.get("/api/gaps/export.csv")).status()).toBe(403);
});

test("Support records no gap on its case, with the reason; nothing is filed", async ({ support }) => {
  const { reference } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3 });
  await tickChecklist(support);
  // Before the log-dive there is no gap section.
  await expect(support.getByRole("region", { name: "Audit Events gap" })).toHaveCount(0);
  const entry = support.getByTestId("add-entry");
  await entry.getByLabel("Kind").selectOption({ label: "Finding" });
  await entry.getByLabel("Internal").check();
  await entry.getByLabel("Entry (Markdown)").fill("Every push is in the audit events.");
  await entry.getByRole("button", { name: "Add to timeline" }).click();
  await expect(entry.getByRole("status")).toHaveText("Added to the timeline.");
  const section = support.getByRole("region", { name: "Audit Events gap" });
  await expect(section).toBeVisible();
  const form = section.getByTestId("gap-form");
  await form.getByLabel("No gap").check();
  await form.getByLabel("Why there is no gap").fill("short");
  await form.getByRole("button", { name: "Record the gap" }).click();
  await expect(form.getByLabel("Why there is no gap")).toHaveAccessibleDescription(/at least 10 characters/);
  await form.getByLabel("Why there is no gap").fill("Audit Events held every push and token event the customer asked about.");
  await form.getByRole("button", { name: "Record the gap" }).click();
  await expect(section.getByTestId("gap-filing-state")).toContainText("No gap: nothing to file.");
  await expect(section.getByTestId("gap-record")).toContainText("Audit Events held every push");
  await expectAccessible(support, { where: "/cases/[id] (support, no gap)" });
  await section.screenshot({ path: "/work/shots/i13-gaps-no-gap.png" });
  expect(trackerRequests().filter((r) => r.body.includes(reference) || r.url.includes(reference))).toEqual([]);
});
