import type { Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { fileRequest } from "./journeys";

// Lists render their rows' case links as plain anchors with one click handler (useInAppLinks): a
// click opens the case inside the app, as Next's <Link> does, but the list no longer asks the
// server for a prefetch of every row's case page while it is on screen (issue 15: 25 more requests
// per view of a 25-row list). The other links (the navigation bar, a list's Next) are <Link>s
// without a prefetch (components/ui/app-link.tsx): a view of a page is one request to the server.
const prefetchesOf = (page: Page) => {
  const seen: string[] = [];
  const on = (r: Request) => {
    if (r.headers()["next-router-prefetch"]) seen.push(r.url());
  };
  page.on("request", on);
  return seen;
};

const sameDocument = {
  mark: (page: Page) => page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true)),
  kept: (page: Page) => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
};

for (const [list, path, testId] of [
  ["the case list", "/cases", "case-row"],
  ["the team queue", "/queue", "queue-row"],
  ["the Updates board", "/updates", "due-row"],
] as const) {
  test(`${list}: a row's link opens the case in the app, and the rows are not prefetched`, async ({ support }) => {
    const { reference } = await fileRequest(support, { account: "Acme Corporation (acme) · premium", owned: "acme/infra/api", days: 3 });
    const prefetches = prefetchesOf(support);
    await support.goto(path);
    const link = support.getByTestId(testId).getByRole("link", { name: reference, exact: true });
    await expect(link).toBeVisible();
    await support.waitForLoadState("networkidle");
    expect(prefetches).toEqual([]);

    // The same document after the click: navigated by the app's router, not by a page load.
    await sameDocument.mark(support);
    await link.click();
    await expect(support).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(support.getByRole("heading", { name: reference })).toBeVisible();
    expect(await sameDocument.kept(support)).toBe(true);

    // Back to the list, then Ctrl+click is the browser's again (a new tab), not the router's.
    await support.goBack();
    await expect(link).toBeVisible();
    const [tab] = await Promise.all([support.context().waitForEvent("page"), link.click({ modifiers: ["Control"] })]);
    await expect(tab).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    await tab.close();
    await expect(support).toHaveURL(new RegExp(`${path.replace("/", "\\/")}$`));
  });
}

test("the navigation bar and a page's links are not prefetched, and still navigate in the app", async ({ support }) => {
  const prefetches = prefetchesOf(support);
  const pageRequests: string[] = [];
  support.on("request", (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith("/_next/static/") && r.resourceType() !== "image") pageRequests.push(`${r.method()} ${url.pathname}`);
  });
  await support.goto("/cases");
  const nav = support.getByRole("navigation", { name: "Main" });
  const updatesDue = nav.getByRole("link", { name: "Updates due" });
  const newRequest = support.getByRole("link", { name: "New information request" });
  await expect(updatesDue).toBeVisible();
  await expect(newRequest).toBeVisible();
  await support.waitForLoadState("networkidle");
  // A pointer resting on a link does not ask for it either.
  await updatesDue.hover();
  await newRequest.hover();
  await support.waitForTimeout(500);
  await support.waitForLoadState("networkidle");
  expect(prefetches).toEqual([]);
  expect(pageRequests).toEqual(["GET /cases"]);

  // A click navigates in the app (the same document), with one request for the page.
  await sameDocument.mark(support);
  await updatesDue.click();
  await expect(support).toHaveURL(/\/updates$/);
  await expect(support.getByRole("heading", { name: "Updates due", level: 1 })).toBeVisible();
  await nav.getByRole("link", { name: "Cases" }).click();
  await expect(support).toHaveURL(/\/cases$/);
  await expect(newRequest).toBeVisible();
  expect(await sameDocument.kept(support)).toBe(true);
  expect(prefetches).toEqual([]);
  expect(pageRequests.slice(1).every((r) => r === "GET /updates" || r === "GET /cases")).toBe(true);
});
