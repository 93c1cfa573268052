import type { Page } from "@playwright/test";
import { expect, expectAccessible, signIn, staff, test } from "./fixtures";
import { fileRequest } from "./journeys";
import { snap } from "./screenshots";

const rowOf = (page: Page, reference: string) => page.getByTestId("queue-row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });

test("SIRT takes a new case from the top of its queue, sets P2, filters to its own, and sends another back for re-scope", async ({ support, browser }) => {
  const first = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  const second = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  const me = staff("sirt");

  const ctx = await browser.newContext();
  const sirt = await ctx.newPage();
  await signIn(sirt, me.email, me.password);
  await sirt.goto("/queue");
  await expect(sirt.getByRole("heading", { name: "SIRT triage queue" })).toBeVisible();
  await expectAccessible(sirt, { where: "/queue (sirt, with cases to triage)" });

  // Unassigned cases come first: the new case is in that top block, and so is every row above it.
  const row = rowOf(sirt, first.reference);
  await expect(row.getByLabel(`Assignee of ${first.reference}`)).toHaveValue("");
  await expect(row).toContainText("extended window");
  const assignees = await sirt.getByTestId("queue-row").getByRole("combobox", { name: /^Assignee of / }).evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
  const refs = await sirt.getByTestId("queue-row").getByRole("link").allTextContents();
  expect(assignees).toHaveLength(refs.length);
  expect(assignees.slice(0, refs.indexOf(first.reference) + 1).every((v) => v === "")).toBe(true);

  // Take it.
  await row.getByRole("button", { name: "Take" }).click();
  await expect(row.getByRole("button", { name: "Take" })).toBeHidden();
  await expect(row.getByLabel(`Assignee of ${first.reference}`).locator("option:checked")).toHaveText(`${me.name} (me)`);

  // Set P2.
  // The priority select holds its value alone until used (focus, pointer or key), then lists P1 to P4.
  await expect(row.getByLabel(`Priority of ${first.reference}`).locator("option")).toHaveText(["Not set"]);
  await row.getByLabel(`Priority of ${first.reference}`).focus();
  await expect(row.getByLabel(`Priority of ${first.reference}`).locator("option")).toHaveText(["Not set", "P1", "P2", "P3", "P4"]);
  await row.getByLabel(`Priority of ${first.reference}`).selectOption("2");
  await expect(row.getByLabel(`Priority of ${first.reference}`).locator("option")).toHaveText(["P1", "P2", "P3", "P4"]); // "Not set" is gone once stored
  await expect(row.getByLabel(`Priority of ${first.reference}`)).toHaveValue("2");

  // The row shows the incident summary (cut to one line, whole in its title) and the next update due, not yet overdue.
  const summary = "A token was used from an unknown location; Audit Events does not show the pushes.";
  await expect(row.getByTestId("queue-summary")).toHaveAttribute("title", summary);
  await expect(row.getByTestId("queue-summary")).toHaveText(/^A token was used from an unknown location; Audit Events.*…$/);
  await expect(row.getByTestId("next-update-due").locator("time")).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  await expect(row.getByTestId("next-update-due")).not.toContainText("overdue");

  // The case list shows the same columns: summary, priority, assignee, next update due.
  await sirt.goto("/cases");
  const listed = sirt.getByTestId("case-row").filter({ has: sirt.getByRole("link", { name: first.reference, exact: true }) });
  await expect(listed.getByTestId("case-summary")).toHaveAttribute("title", summary);
  await expect(listed.getByTestId("case-priority")).toHaveText("P2");
  await expect(listed.getByTestId("case-assignee")).toHaveText(me.name);
  await expect(listed.getByTestId("next-update-due").locator("time")).toHaveText(/ UTC$/);
  await expectAccessible(sirt, { where: "/cases (sirt, with summary, priority, assignee and next update due)" });
  await snap(sirt, "daily2-case-list");
  await sirt.goto("/queue");
  await snap(sirt, "daily2-queue");

  // Only my cases.
  await sirt.getByLabel("Assignee", { exact: true }).selectOption({ label: "Assigned to me" });
  await sirt.getByRole("button", { name: "Apply" }).click();
  await expect(sirt).toHaveURL(/assignee=me/);
  await expect(rowOf(sirt, first.reference)).toBeVisible();
  await expect(rowOf(sirt, second.reference)).toHaveCount(0);
  const mine = await sirt.getByTestId("queue-row").getByRole("combobox", { name: /^Assignee of / }).locator("option:checked").all();
  expect(mine.length).toBeGreaterThan(0);
  for (const select of mine) {
    await expect(select).toHaveText(`${me.name} (me)`);
  }

  // The other case: too broad in ways the numbers do not show.
  await sirt.getByRole("link", { name: "Clear" }).click();
  await expect(sirt).toHaveURL(/\/queue$/);
  const other = rowOf(sirt, second.reference);
  await other.getByRole("button", { name: "Needs re-scope" }).click();
  const reason = "The incident concerns one token; narrow the event types to what that token can do.";
  await sirt.getByLabel(`Why ${second.reference} needs re-scope`).fill(reason);
  await expectAccessible(sirt, { where: "/queue (sirt, re-scope reason open)" });
  await sirt.getByRole("button", { name: "Send back for re-scope" }).click();
  await expect(rowOf(sirt, second.reference)).toHaveCount(0);
  await ctx.close();

  // The author sees it back in re-scope, with the reason.
  await support.goto(second.url);
  await expect(support.getByLabel("Case summary")).toContainText("rescope");
  await expect(support.getByTestId("timeline-entry").first()).toContainText(`Needs re-scope: ${reason}`);
  await expect(support.getByTestId("triage-rescope")).toContainText(reason);
  await snap(support.getByTestId("triage-rescope"), "cases2-rescope-reason");
  await expect(support.getByTestId("notifications")).toContainText(`${second.reference}: needs re-scope`);
  await expect(support.getByRole("link", { name: "Narrow the scope and resubmit" })).toBeVisible();
  await expectAccessible(support, { where: "/cases/[id] (support, back for re-scope)" });
});

test("Support takes a case in its own queue; no priority or re-scope there", async ({ support }) => {
  const { reference } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3 });
  await support.goto("/queue");
  await expect(support.getByRole("heading", { name: "Support queue" })).toBeVisible();
  await expectAccessible(support, { where: "/queue (support, with cases)" });
  const row = rowOf(support, reference);
  const assignee = row.getByLabel(`Assignee of ${reference}`);
  await expect(assignee).toHaveValue("");
  // Only Support agents can be chosen (the select lists the whole team once used).
  await assignee.focus();
  await expect(assignee.locator("option")).toHaveText(["Unassigned", `${staff("support").name} (me)`]);
  await row.getByRole("button", { name: "Take" }).click();
  await expect(row.getByRole("button", { name: "Take" })).toBeHidden();
  await expect(assignee.locator("option:checked")).toHaveText(`${staff("support").name} (me)`);
  await expect(support.getByLabel("Priority", { exact: true })).toHaveCount(0);
  await expect(row.getByLabel(`Priority of ${reference}`)).toHaveCount(0);
  await expect(support.getByRole("button", { name: "Needs re-scope" })).toHaveCount(0);
});
