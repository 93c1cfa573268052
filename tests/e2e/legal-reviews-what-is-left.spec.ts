import { expect, expectAccessible, signIn, staff, test } from "./fixtures";
import { fileRequest, tickChecklist } from "./journeys";
import { snap } from "./screenshots";


// Issue 10's residue review: what the redaction left in the file comes first on the review page,
// unknown hosts first (then by count); an approval needs the box ticked and records the residue's hash.
test("Legal reviews what is left in the file, finds an unknown host in it, and approves only with the residue reviewed", async ({ support, browser }) => {
  const { url } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 10 });
  await expect(support.getByTestId("outcome")).toContainText("Eligible → SIRT");
  await tickChecklist(support); // step 5 before SIRT's log-dive
  const at = (minute: number) => new Date(Date.now() - 2 * 86_400_000 + minute * 60_000).toISOString();
  const leaky = [
    JSON.stringify({ time: at(1), "meta.user": "alice", "meta.project": "acme/infra/api", message: "webhook to https://hooks.partner.example/notify failed" }),
    `${at(2)} INFO login for bob.smith from 203.0.113.5.`,
    `${at(2)} WARN retrying https://hooks.partner.example/notify`,
    ...Array.from({ length: 14 }, (_, i) => `${at(3 + i)} WARN upstream cache-${i + 1}.edge.example timed out`),
    `${at(20)} WARN key hint ghx7Kq2LmP9sT4vW8yZ1bN3c seen`,
  ];
  const clean = [JSON.stringify({ time: at(30), severity: "INFO", message: "nightly export finished" })];

  const sirtContext = await browser.newContext();
  const sirt = await sirtContext.newPage();
  await signIn(sirt, staff("sirt").email, staff("sirt").password);
  await sirt.goto(url);
  const upload = sirt.getByTestId("upload-artefact");
  const send = async (name: string, lines: string[]) => {
    await upload.getByLabel("Log extract").setInputFiles({ name, mimeType: "application/octet-stream", buffer: Buffer.from(`${lines.join("\n")}\n`) });
    await upload.getByRole("button", { name: "Upload" }).click();
    await expect(upload.getByTestId("upload-message")).toContainText("Its redaction is running");
  };
  await send("leaky.ndjson", leaky);
  // Once the case has an artefact, the upload form is folded away.
  await expect(sirt.getByRole("article", { name: "Artefact leaky.ndjson" })).toBeVisible();
  await sirt.getByText("Upload an artefact").click();
  await expect(upload.getByRole("button", { name: "Upload" })).toBeVisible();
  await send("clean.ndjson", clean);
  for (const name of ["leaky.ndjson", "clean.ndjson"]) {
    await expect(sirt.getByRole("article", { name: `Artefact ${name}` }).getByTestId("redaction-summary")).toBeVisible({ timeout: 30_000 });
  }
  // Decisions are taken under the residue: the case page links there.
  await expect(sirt.getByRole("article", { name: "Artefact leaky.ndjson" }).getByTestId("decide-security-link")).toBeVisible();
  await expectAccessible(sirt, { where: "/cases/[id] (sirt, two artefacts in review)" });
  await sirtContext.close();

  const legalContext = await browser.newContext();
  const legal = await legalContext.newPage();
  await signIn(legal, staff("legal").email, staff("legal").password);
  await legal.goto(url);
  await legal.getByRole("article", { name: "Artefact leaky.ndjson" }).getByRole("link", { name: "Review the redacted lines" }).click();

  // The residue comes first, with a summary, then the hosts, unknown ones first.
  const residue = legal.getByTestId("residue");
  await expect(residue.getByRole("heading", { level: 2, name: "What is left in the file" })).toBeVisible();
  expect((await residue.boundingBox())!.y).toBeLessThan((await legal.getByTestId("review-lines").boundingBox())!.y);
  await expect(residue.getByTestId("residue-summary")).toContainText("15 unknown hosts, 0 IP-shaped, 0 email-shaped");
  await expect(residue.getByTestId("residue-summary")).toContainText("1 random-looking string");
  const hosts = residue.getByTestId("residue-host");
  await expect(hosts.getByRole("heading", { level: 3 })).toHaveText("Hosts (15, 15 unknown)");
  const first = hosts.getByRole("table", { name: /Hosts: the first 10/ });
  await expect(first.getByRole("row")).toHaveCount(11);
  await expect(first.getByRole("columnheader")).toHaveText(["Value", "Count", "Why it stayed", "Sample line", "Search"]);
  const hook = first.getByRole("row").filter({ has: legal.getByRole("rowheader", { name: "hooks.partner.example" }) });
  await expect(hook).toContainText("unknown");
  await expect(hook.locator("mark").filter({ hasText: "hooks.partner.example" })).toBeVisible();
  // The address that ends a sentence is redacted (contract section 2), so no IP is left.
  await expect(residue).not.toContainText("203.0.113.5");
  await expect(residue.getByTestId("residue-name")).toContainText("owned by the account");
  await snap(legal.getByTestId("residue").first(), "spec-residue");

  // The rest of a long list opens from the keyboard.
  const more = hosts.getByText("Show all 15");
  await more.focus();
  await legal.keyboard.press("Enter");
  await expect(hosts.getByRole("table", { name: /Hosts: the other 5/ }).getByRole("row")).toHaveCount(6);
  await expectAccessible(legal, { where: "/cases/[id]/artefacts/[id] (legal, residue with all hosts open)" });

  // "Find in file" searches the review lines for the value.
  await hook.getByRole("link", { name: "Find in file: “hooks.partner.example” in the redacted lines" }).click();
  await expect(legal.getByRole("heading", { name: "Lines containing “hooks.partner.example”: 2" })).toBeVisible();

  // An approval needs the residue reviewed; once given, it names the residue's hash.
  const form = legal.getByTestId("decide-legal");
  await form.getByLabel("Approve").check();
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(form.getByText("Tick the box once you have reviewed what is left in the file")).toBeVisible();
  await snap(legal.getByTestId("artefact").first(), "spec-refused");
  await form.getByLabel("I have reviewed what is left in the file (the residue above)").check();
  await form.getByRole("button", { name: "Record decision" }).click();
  const card = legal.getByTestId("artefact");
  await expect(card).toContainText("Legal: approved");
  const hash = (await residue.locator("code[title]").first().getAttribute("title"))!;
  await expect(card.getByRole("list", { name: "Approvals" }).getByRole("listitem").filter({ hasText: "Legal: approved" }).locator(`code[title="${hash}"]`)).toBeVisible();

  // A file with nothing left says so.
  await legal.goto(url);
  await legal.getByRole("article", { name: "Artefact clean.ndjson" }).getByRole("link", { name: "Review the redacted lines" }).click();
  await expect(legal.getByTestId("residue-empty")).toContainText("Nothing that looks like an identifier is left in the redacted file");
  await expectAccessible(legal, { where: "/cases/[id]/artefacts/[id] (nothing left in the file)" });
  await snap(legal.getByTestId("residue").first(), "spec-empty");
  await legalContext.close();
});
