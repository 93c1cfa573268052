import { expect, expectAccessible, test } from "./fixtures";
import { fileRequest, tickChecklist } from "./journeys";

// Issue 13, the case report: the case page offers the PDF to the roles that read cases; it
// downloads as an attachment named after the reference and is a PDF (its text is checked by
// tests/integration/case-report.test.ts).
test("the case page offers the case report (PDF), which downloads named after the reference", async ({ support }) => {
  const { reference } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3 });
  await tickChecklist(support);
  const link = support.getByRole("link", { name: "Download case report (PDF)" });
  await expect(link).toBeVisible();
  await expect(support.getByRole("link", { name: "Case report with internal entries" })).toBeVisible();
  await expectAccessible(support);
  await support.screenshot({ path: "/work/shots/case-report-case-page.png" });
  const [download] = await Promise.all([support.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(`${reference}-case-report.pdf`);
  const res = await support.request.get(`${new URL(support.url()).pathname.replace(/^\/cases\//, "/api/cases/")}/report.pdf?internal=1`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  expect(res.headers()["content-disposition"]).toContain(`${reference}-case-report.pdf`);
  expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");
});
