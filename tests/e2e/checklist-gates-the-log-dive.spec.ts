import { expect, expectAccessible, signIn, staff, test } from "./fixtures";
import { fileRequest } from "./journeys";
import { snap } from "./screenshots";

const MISSING = "Complete the verification checklist (step 5) first: 2 of 6 items are not ticked: Audit Events checked first, customer not added. A team lead may override it with a reason.";

// Issue 11: step 5 comes before step 6. The routed team's first finding and any upload wait for the
// checklist; a team lead (a flag Admin sets) may override it with a reason; taking the case to
// "in progress" assigns it to whoever started it.
test("the log-dive waits for the checklist; a SIRT team lead overrides it with a reason; the case in progress is assigned", async ({ support, browser }) => {
  test.setTimeout(120_000);
  const { url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  await expect(support.getByTestId("outcome")).toContainText("Eligible → SIRT");
  // Support ticks four of the six items.
  const checklist = support.getByTestId("verification");
  for (let i = 0; i < 4; i++) {
    const box = checklist.getByRole("checkbox").nth(i);
    await expect(box).toBeEnabled();
    await box.click();
    await expect(box).toBeChecked();
  }
  await expect(checklist.getByRole("heading", { level: 2 })).toContainText("4/6");
  await expect(checklist.getByTestId("verification-gate")).toContainText("Tick every item before the log-dive (step 6)");

  // SIRT's first finding is refused with the server's message, and so is an upload; the case stays accepted and unassigned.
  const sirtCtx = await browser.newContext();
  const sirt = await sirtCtx.newPage();
  await signIn(sirt, staff("sirt").email, staff("sirt").password);
  await sirt.goto(url);
  await expect(sirt.getByTestId("verification-override-form")).toHaveCount(0); // not a team lead
  await expect(sirt.getByTestId("verification-gate")).toContainText("Support or the CSM ticks every item before the log-dive (step 6)");
  const form = sirt.getByTestId("add-entry");
  await form.getByLabel("Kind").selectOption({ label: "Finding" });
  await form.getByLabel("Internal").check();
  await form.getByLabel("Entry (Markdown)").fill("Token used from **203.0.113.7**.");
  await form.getByRole("button", { name: "Add to timeline" }).click();
  await expect(form.getByRole("alert")).toHaveText(MISSING);
  const summary = sirt.getByRole("region", { name: "Case summary" });
  await expect(summary).toContainText("accepted");
  await expect(summary).toContainText("unassigned");
  await expect(sirt.getByTestId("timeline-entry")).toHaveCount(0);
  await expectAccessible(sirt, { where: "/cases/[id] (sirt, finding refused: checklist incomplete)" });
  await snap(sirt, "checklist-refusal");
  const upload = sirt.getByTestId("upload-artefact");
  const line = `{"time":"${new Date(Date.now() - 86_400_000).toISOString()}","meta.user":"alice","meta.project":"acme/infra/api","message":"push"}\n`;
  await upload.getByLabel("Log extract").setInputFiles({ name: "early.ndjson", mimeType: "application/octet-stream", buffer: Buffer.from(line) });
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(upload.getByRole("alert")).toHaveText(MISSING);
  await expect(sirt.getByTestId("artefact")).toHaveCount(0);
  await upload.scrollIntoViewIfNeeded();
  await snap(sirt, "checklist-upload-refused");

  // Admin invites a SIRT member and makes her team lead, on the Staff page.
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signIn(admin, staff("admin").email, staff("admin").password);
  const email = `lena.lead.${Date.now()}@corp.example`;
  await admin.goto("/admin");
  await admin.getByLabel("Name").fill("Lena Lead");
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Role", { exact: true }).selectOption("sirt");
  await admin.getByRole("button", { name: "Send invitation" }).click();
  const link = (await admin.getByTestId("invite-link").textContent())!;
  await admin.goto(`/admin?q=${encodeURIComponent(email)}`);
  const row = admin.getByTestId(`staff-${email}`);
  await expect(admin.getByTestId("staff-csm@logdesk.test")).toHaveCount(0);
  await row.getByRole("checkbox", { name: "Team lead (Lena Lead)" }).click();
  await expect(row.getByRole("checkbox", { name: "Team lead (Lena Lead)" })).toBeChecked();
  await expect(row).toContainText("team lead");
  await admin.goto("/admin?q=logdesk.test");
  await expect(admin.getByTestId("staff-csm@logdesk.test").getByRole("checkbox", { name: /Team lead/ })).toHaveCount(0); // CSMs are never team leads
  await admin.goto(`/admin?q=${encodeURIComponent(email)}`);
  await expectAccessible(admin, { where: "/admin (a team lead)" });
  await snap(admin, "checklist-staff-team-lead");
  await adminCtx.close();

  const leadCtx = await browser.newContext();
  const lead = await leadCtx.newPage();
  await lead.goto(link);
  await lead.getByLabel("New password").fill("correct horse battery");
  await lead.getByLabel("Repeat it").fill("correct horse battery");
  await lead.getByRole("button", { name: "Set password" }).click();
  await expect(lead.getByRole("status")).toContainText("Your password is set");
  await signIn(lead, email, "correct horse battery");

  // The team lead overrides the incomplete checklist with a reason; the override shows on the card.
  await lead.goto(url);
  const overrideForm = lead.getByTestId("verification-override-form");
  await expect(overrideForm).toContainText("Lets the log-dive start with 2 items unticked");
  const reason = "The CSM confirmed Audit Events on a call; the customer is not on the case. Starting now for the 24-hour notice.";
  const reasonField = overrideForm.getByLabel("Why the log-dive may start now");
  await reasonField.fill(reason);
  await overrideForm.scrollIntoViewIfNeeded();
  await expectAccessible(lead, { where: "/cases/[id] (team lead, override form)" });
  await snap(lead, "checklist-override-form");
  // A reason is required.
  await reasonField.fill("   ");
  await overrideForm.getByRole("button", { name: "Override the checklist" }).click();
  await expect(overrideForm.locator("#override-verification-reason-error")).toContainText(/at least 10 characters/);
  await expect(lead.getByTestId("verification-override")).toHaveCount(0);
  await reasonField.fill(reason);
  await overrideForm.getByRole("button", { name: "Override the checklist" }).click();
  const record = lead.getByTestId("verification-override");
  await expect(record).toContainText(/Checklist overridden by Lena Lead at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  await expect(record).toContainText(`Reason: ${reason}`);
  await expect(lead.getByTestId("verification-override-form")).toHaveCount(0);
  await expect(lead.getByTestId("verification-gate")).toContainText("overridden by a team lead");
  await leadCtx.close();

  // Now SIRT's finding starts the log-dive, and the case is assigned to whoever started it.
  await sirt.reload();
  await expect(sirt.getByTestId("verification-override")).toContainText("Checklist overridden by Lena Lead");
  await form.getByLabel("Kind").selectOption({ label: "Finding" });
  await form.getByLabel("Internal").check();
  await form.getByLabel("Entry (Markdown)").fill("Token used from **203.0.113.7**.");
  await form.getByRole("button", { name: "Add to timeline" }).click();
  await expect(form.getByRole("status")).toHaveText("Added to the timeline.");
  await expect(summary).toContainText("in progress");
  await expect(summary).toContainText(staff("sirt").name);
  await expectAccessible(sirt, { where: "/cases/[id] (sirt, checklist overridden, in progress)" });
  await sirt.getByTestId("verification").scrollIntoViewIfNeeded();
  await snap(sirt, "checklist-override-record");
  await sirtCtx.close();
});
