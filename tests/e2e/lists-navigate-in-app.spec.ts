import type { Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { fileRequest } from "./journeys";

// Lists render their rows' case links as plain anchors with one click handler (useInAppLinks): a
// click opens the case inside the app, as Next's <Link> does, but the list no longer asks the
// server for a prefetch of every row's case page while it is on screen (issue 15: 25 more requests
// per view of a 25-row list).
const casePrefetches = (page: Page) => {
  const seen: string[] = [];
  const on = (r: Request) => {
    const h = r.headers();
    if (h["next-router-prefetch"] && /\/cases\/[0-9a-f-]{36}(\?|$)/.test(new URL(r.url()).pathname + "?")) seen.push(r.url());
  };
  page.on("request", on);
  return seen;
};

for (const [list, path, testId] of [
  ["the case list", "/cases", "case-row"],
  ["the team queue", "/queue", "queue-row"],
  ["the Updates board", "/updates", "due-row"],
] as const) {
  test(`${list}: a row's link opens the case in the app, and the rows are not prefetched`, async ({ support }) => {
    const { reference } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3 });
    const prefetches = casePrefetches(support);
    await support.goto(path);
    const link = support.getByTestId(testId).getByRole("link", { name: reference, exact: true });
    await expect(link).toBeVisible();
    await support.waitForLoadState("networkidle");
    expect(prefetches).toEqual([]);

    // The same document after the click: navigated by the app's router, not by a page load.
    await support.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await link.click();
    await expect(support).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(support.getByRole("heading", { name: reference })).toBeVisible();
    expect(await support.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // Back to the list, then Ctrl+click is the browser's again (a new tab), not the router's.
    await support.goBack();
    await expect(link).toBeVisible();
    const [tab] = await Promise.all([support.context().waitForEvent("page"), link.click({ modifiers: ["Control"] })]);
    await expect(tab).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    await tab.close();
    await expect(support).toHaveURL(new RegExp(`${path.replace("/", "\\/")}$`));
  });
}
