import { DEFAULT_CALENDAR, nextUpdateDue } from "../../lib/cadence";
import { expect, signIn, staff, test } from "./fixtures";
import { shot } from "./settings";
import { fileRequest, tickChecklist } from "./journeys";
import { receivedMail } from "./mailbox";

// The journey: SIRT takes a case from its queue and records two findings, one
// internal and one relayable; the CSM sees the update due, relays the relayable one, and the
// next due time moves by 12 business hours; the SIRT tag reached the SMTP server.
test("SIRT records findings, the CSM relays the relayable one, the clock moves 12 business hours, mail is delivered", async ({ support, browser }) => {
  const { reference, url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  await expect(support.getByTestId("outcome")).toContainText("Eligible → SIRT");
  await tickChecklist(support); // step 5 before SIRT's log-dive

  // The SIRT tag went out through the outbox to a real SMTP server.
  await expect.poll(() => receivedMail().filter((m) => m.includes(`${reference} routed to SIRT`)).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const tag = receivedMail().find((m) => m.includes(`${reference} routed to SIRT`))!;
  expect(tag).toMatch(/^Message-ID: <[0-9a-f-]{36}@logdesk>/im);
  expect(tag).toContain(staff("sirt").email);

  const sirtCtx = await browser.newContext();
  const sirt = await sirtCtx.newPage();
  await signIn(sirt, staff("sirt").email, staff("sirt").password);
  await sirt.goto("/queue");
  const row = sirt.getByTestId("queue-row").filter({ has: sirt.getByRole("link", { name: reference, exact: true }) });
  await row.getByRole("button", { name: "Take" }).click();
  await expect(row).toContainText(staff("sirt").name);
  await sirt.goto(url);
  const form = sirt.getByTestId("add-entry");
  await form.getByLabel("Kind").selectOption({ label: "Finding" });
  await form.getByLabel("Internal").check();
  await form.getByLabel("Entry (Markdown)").fill("Token `glpat-…` used from **203.0.113.7**; correlating with Sidekiq logs.");
  await form.getByRole("button", { name: "Add to timeline" }).click();
  await expect(sirt.getByTestId("timeline-entry")).toHaveCount(1);
  await form.getByLabel("Kind").selectOption({ label: "Finding" });
  await form.getByLabel("Relayable to the customer").check();
  await form.getByLabel("Entry (Markdown)").fill("We found the pushes in the application logs and are preparing the extract.");
  await form.getByRole("button", { name: "Add to timeline" }).click();
  await expect(sirt.getByTestId("timeline-entry")).toHaveCount(2);
  await expect(sirt.getByRole("button", { name: "Relay to customer" })).toHaveCount(0); // SIRT never relays
  await expect(sirt.getByRole("region", { name: "Case summary" })).toContainText("in progress");
  await shot(sirt, "cases-sirt-in-progress");
  await sirtCtx.close();

  const csmCtx = await browser.newContext();
  const csm = await csmCtx.newPage();
  await signIn(csm, staff("csm").email, staff("csm").password);
  await csm.goto("/updates");
  await expect(csm.getByRole("link", { name: reference })).toBeVisible();
  await csm.getByRole("link", { name: reference }).click();
  const timeline = csm.getByTestId("timeline");
  const dueBefore = await timeline.getByTestId("timeline-next-update-due").getAttribute("datetime");
  const relayable = timeline.getByTestId("timeline-entry").filter({ hasText: "preparing the extract" });
  const internal = timeline.getByTestId("timeline-entry").filter({ hasText: "Sidekiq" });
  await expect(internal.getByRole("button", { name: "Relay to customer" })).toHaveCount(0);
  await relayable.getByRole("button", { name: "Relay to customer" }).click();
  const relayForm = relayable.getByTestId("relay-form");
  await expect(relayForm.getByLabel("Text sent to the customer")).toHaveValue(/take longer/); // the extended case's first relay
  await relayForm.getByRole("button", { name: "Record relay" }).click();
  await expect(relayable.getByTestId("relay")).toContainText(`Relayed by ${staff("csm").name}`);

  const relayedAt = new Date((await timeline.getByTestId("timeline-last-relay").getAttribute("datetime"))!);
  const dueAfter = new Date((await timeline.getByTestId("timeline-next-update-due").getAttribute("datetime"))!);
  // The clock restarts from the relay. On a weekend the due time before (from acceptance) and
  // after (from the relay) can both be Monday 12:00; on a workday the relay moves it.
  expect(dueAfter.toISOString()).toBe(nextUpdateDue(relayedAt, DEFAULT_CALENDAR, 12).toISOString());
  expect(dueAfter.getTime()).toBeGreaterThanOrEqual(new Date(dueBefore!).getTime());
  await csmCtx.close();
});
