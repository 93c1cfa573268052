import { expect, expectAccessible, test } from "./fixtures";
import { fileRequest } from "./journeys";

// Issue 13, the Reports page: aggregates over a date range (default the last 90 days), each chart
// with its table for screen readers and its CSV; a range that ends before it starts is refused in
// words beside the field. Open to every staff role, Admin included.
const SHOTS = "/work/shots";

test("a lead sees charts and tables for the last 90 days, downloads a chart's CSV, and is told when the range ends before it starts", async ({ support }) => {
  await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3 });
  await support.goto("/reports");
  await expect(support.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  const today = new Date().toISOString().slice(0, 10);
  await expect(support.getByLabel("To (UTC day, included)")).toHaveValue(today);
  await expect(support.getByText("Cases requested", { exact: true })).toBeVisible();

  const outcomes = support.getByTestId("report-outcomes");
  await expect(outcomes.getByRole("heading", { name: "Cases by outcome and resolution" })).toBeVisible();
  await expect(outcomes.locator(".recharts-wrapper > svg").first()).toBeVisible();
  await expect(support.getByTestId("report-cases-per-week").locator(".recharts-wrapper > svg").first()).toBeVisible();
  await expect(support.getByTestId("report-routes").locator(".recharts-bar-rectangle").first()).toBeVisible();

  // The figures as a table, opened from the keyboard.
  await outcomes.getByText("Show the figures as a table").focus();
  await support.keyboard.press("Enter");
  const table = outcomes.getByRole("table", { name: "Cases by outcome and resolution" });
  await expect(table).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Eligible", exact: true })).toBeVisible();
  await expectAccessible(support);
  await support.setViewportSize({ width: 1400, height: 900 });
  await support.screenshot({ path: `${SHOTS}/i13-reports-page.png`, fullPage: true });
  await outcomes.screenshot({ path: `${SHOTS}/i13-reports-outcomes-chart.png` });

  // A chart's CSV: the same columns as its table.
  const [download] = await Promise.all([support.waitForEvent("download"), outcomes.getByRole("link", { name: "Download CSV: Cases by outcome and resolution" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^logdesk-outcomes-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const res = await support.request.get(`/api/reports/routes.csv?from=${yearAgo}&to=${today}`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const lines = (await res.text()).trim().split("\r\n");
  expect(lines[0]).toBe("Route,Open,Closed");
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["Support", "SIRT", "Not routed"]);
  expect(lines.slice(1).reduce((s, l) => s + Number(l.split(",")[1]) + Number(l.split(",")[2]), 0)).toBeGreaterThan(0);
  expect((await support.request.get("/api/reports/routes.csv?from=2026-03-02&to=2026-03-01")).status()).toBe(400);
  expect((await support.request.get(`/api/reports/routes.csv?from=2000-01-01&to=${today}`)).status()).toBe(400); // more than five years
  expect((await support.request.get("/api/reports/nothing.csv")).status()).toBe(404);

  // End before start: refused in words beside the field, nothing charted.
  await support.getByLabel("From (UTC day)").fill("2026-03-02");
  await support.getByLabel("To (UTC day, included)").fill("2026-03-01");
  await support.getByRole("button", { name: "Apply" }).click();
  await expect(support).toHaveURL(/from=2026-03-02&to=2026-03-01/);
  await expect(support.getByText("The end date comes before the start date.", { exact: false })).toBeVisible();
  await expect(support.getByLabel("To (UTC day, included)")).toHaveAttribute("aria-invalid", "true");
  await expect(support.locator("svg.recharts-surface")).toHaveCount(0);
  await expectAccessible(support);
  await support.screenshot({ path: `${SHOTS}/i13-reports-range-error.png`, fullPage: true });

  // A range with nothing in it says so in words.
  await support.goto("/reports?from=2001-01-01&to=2001-01-31");
  await expect(support.getByRole("heading", { name: "Nothing happened in this range" })).toBeVisible();
  await expect(support.getByText("No case was requested in this range.").first()).toBeVisible();
  await expectAccessible(support);
});

test("Admin reads the reports too", async ({ admin }) => {
  await admin.goto("/reports");
  await expect(admin.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(admin.getByTestId("report-outcomes")).toBeVisible();
  expect((await admin.request.get("/api/reports/outcomes.csv")).status()).toBe(200);
});
