import { readFile } from "node:fs/promises";
import { expect, expectAccessible, test } from "./fixtures";
import { fileRequest } from "./journeys";

// Issue 13, exports: the case list downloads as CSV with its current filters (every page), and the
// Updates due board as CSV with its scope.
test("the case list and the Updates due board download as CSV, with the filters shown", async ({ csm: page }) => {
  const { reference } = await fileRequest(page, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3 });

  await page.goto(`/cases?status=accepted&q=${encodeURIComponent(reference)}`);
  const link = page.getByRole("link", { name: "Export CSV (filtered)" });
  await expect(link).toHaveAttribute("href", `/api/cases/export?status=accepted&q=${encodeURIComponent(reference)}`);
  await expectAccessible(page, { where: "/cases with the export link" });
  await page.screenshot({ path: "/work/shots/i13-exports-cases.png" });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^cases-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const rows = csv.split("\r\n").filter(Boolean);
  expect(rows[0]).toMatch(/^reference,status,resolution,team,account,summary,/);
  expect(rows).toHaveLength(2);
  expect(rows[1]).toMatch(new RegExp(`^${reference},accepted,,support,Acme Corporation,`));

  await page.goto("/updates");
  const board = page.getByRole("link", { name: "Export CSV" });
  await expect(board).toHaveAttribute("href", "/api/updates/export?scope=mine");
  const [boardDownload] = await Promise.all([page.waitForEvent("download"), board.click()]);
  const boardCsv = await readFile((await boardDownload.path())!, "utf8");
  expect(boardCsv.split("\r\n")[0]).toBe("group,reference,status,team,account,due_at_utc,team_time_zone,due_in_words,extended,last_relay_at,update_waiting_to_relay");
  expect(boardCsv).toContain(`,${reference},accepted,support,Acme Corporation,`);
});

test("a case list export with no case gives the header only; SIRT has no board export", async ({ sirt: page }) => {
  const res = await page.request.get("/api/cases/export?q=no-such-case-anywhere");
  expect(res.status()).toBe(200);
  expect((await res.text()).split("\r\n").filter(Boolean)).toHaveLength(1);
  expect((await page.request.get("/api/updates/export")).status()).toBe(403);
});
