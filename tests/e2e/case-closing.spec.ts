import { expect, expectAccessible, test } from "./fixtures";
import { fileRequest, tickChecklist } from "./journeys";

// Issue 13, closing: a refused (ineligible) case closes with its reason, through the close form's
// choices, and is reopened with one; bad input gets a clear message and changes nothing.
const SHOTS = process.env.CLOSING_SHOTS ?? "/work/shots";

test("a refused case closes with its reason and is reopened with one", async ({ support: page }) => {
  const { reference, url } = await fileRequest(page, { account: "Initech (initech) · free", owned: "initech/tps-reports", days: 3 });
  await expect(page.getByTestId("outcome")).toHaveText("Ineligible");

  // The close form offers what Support may do now on an ineligible case, as radio buttons.
  const card = page.getByTestId("close-case");
  const form = card.getByRole("form", { name: "Close case" });
  const choices = form.getByRole("group", { name: "How the case ends" }).getByRole("radio");
  await expect(choices).toHaveCount(3);
  await expect(form.getByRole("radio", { name: /^Refused/ })).toBeVisible();
  await expect(form.getByRole("radio", { name: /^Done/ })).toHaveCount(0);

  // Bad input: a note too short, then a duplicate of a case nobody can see.
  await form.getByRole("radio", { name: /^Refused/ }).check();
  await form.getByLabel("Resolution note").fill("No.");
  await form.getByRole("button", { name: "Close case" }).click();
  await expect(card.getByTestId("error-summary")).toContainText("at least 10 characters");
  await expect(form.getByLabel("Resolution note")).toBeFocused();

  await form.getByRole("radio", { name: /^Duplicate/ }).check();
  await form.getByLabel("Duplicate of").fill("IR-2099-9999");
  await form.getByLabel("Resolution note").fill("The customer filed the same request twice.");
  await form.getByRole("button", { name: "Close case" }).click();
  await expect(card.getByTestId("error-summary")).toContainText("No case IR-2099-9999 that you can see.");
  await expect(form.getByRole("radio", { name: /^Duplicate/ })).toBeChecked();
  await expectAccessible(page, { where: "/cases/[id] (close form, an error)" });
  await card.screenshot({ path: `${SHOTS}/i13-closing-close-form.png` });

  // Refused, with the reason.
  await form.getByRole("radio", { name: /^Refused/ }).check();
  await form.getByLabel("Resolution note").fill("Initech is on the free plan: audit logs need Premium or Ultimate. The customer was told.");
  await form.getByRole("button", { name: "Close case" }).click();
  const closed = page.getByTestId("closed-case");
  await expect(closed.getByRole("heading", { name: "Closed: refused" })).toBeVisible();
  await expect(closed.getByTestId("closed-resolution-note")).toHaveText("Initech is on the free plan: audit logs need Premium or Ultimate. The customer was told.");
  await expect(closed).toContainText("By ");
  await expect(page.getByRole("region", { name: "Case summary" })).toContainText("closed · refused");
  await expect(page.getByTestId("close-case")).toHaveCount(0);
  // Closed: read-only, no form until someone who may reopen it asks for one.
  await expect(page.locator("main form")).toHaveCount(0);
  await expect(page.getByTestId("timeline")).toContainText("Closed: refused.");
  await expectAccessible(page, { where: "/cases/[id] (closed as refused)" });
  await closed.screenshot({ path: `${SHOTS}/i13-closing-closed-header.png` });
  await page.screenshot({ path: `${SHOTS}/i13-closing-closed-page.png`, fullPage: true });

  // The list says how it ended.
  await page.goto(`/cases?q=${encodeURIComponent(reference)}`);
  await expect(page.getByRole("row", { name: new RegExp(reference) })).toContainText("closed · refused");
  await page.goto(url);

  // Reopened with a reason: back to ineligible, the closing kept in the history.
  await page.getByRole("button", { name: "Reopen case…" }).click();
  const reopen = page.getByRole("form", { name: "Reopen case" });
  await expect(reopen.getByLabel("Why reopen")).toBeFocused();
  await reopen.getByRole("button", { name: "Reopen case" }).click();
  await expect(page.getByTestId("closed-case").getByTestId("error-summary")).toContainText("at least 10 characters");
  await reopen.getByLabel("Why reopen").fill("The customer signed for Premium today; Legal may grant an exception.");
  await expectAccessible(page, { where: "/cases/[id] (reopen form)" });
  await reopen.getByRole("button", { name: "Reopen case" }).click();
  await expect(page.getByTestId("closed-case")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Case summary" })).toContainText("ineligible");
  await expect(page.getByTestId("timeline")).toContainText("Reopened (back to ineligible).");
  await expect(page.getByTestId("timeline")).toContainText("Closed: refused.");
  await expect(page.getByTestId("close-case")).toBeVisible();
});

test("a case whose log-dive started asks for its Audit Events gap before it closes", async ({ support: page }) => {
  await fileRequest(page, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3 });
  await expect(page.getByTestId("outcome")).toContainText("Eligible → Support");
  // Before the log-dive: withdrawn or duplicate, no gap record needed.
  await expect(page.getByTestId("close-case").getByRole("radio")).toHaveCount(2);
  await tickChecklist(page);
  const entry = page.getByTestId("add-entry");
  await entry.getByLabel("Kind").selectOption({ label: "Finding" });
  await entry.getByLabel("Internal").check();
  await entry.getByLabel("Entry (Markdown)").fill("Started on the application logs.");
  await entry.getByRole("button", { name: "Add to timeline" }).click();
  await expect(entry.getByRole("status")).toHaveText("Added to the timeline.");
  // The log-dive started: the close card says what comes first and links it, with no form.
  const card = page.getByTestId("close-case");
  await expect(card.getByTestId("close-case-gap")).toContainText("closes only with its Audit Events gap record");
  await expect(card.getByRole("link", { name: "Record the Audit Events gap first" })).toHaveAttribute("href", "#gap");
  await expect(card.locator("form")).toHaveCount(0);
  await expectAccessible(page, { where: "/cases/[id] (close: gap record first)" });
  await card.screenshot({ path: `${SHOTS}/i13-closing-gap-first.png` });
});
