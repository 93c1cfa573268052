import { expect, test } from "./fixtures";

// public/: served by Next without a session, to anyone (no page of the portal is).
test("robots.txt disallows everything, the favicon is served, and pages ask not to be indexed", async ({ request, page }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(robots.headers()["content-type"]).toMatch(/^text\/plain/);
  const rules = (await robots.text()).split("\n").filter((l) => l && !l.startsWith("#"));
  expect(rules).toEqual(["User-agent: *", "Disallow: /"]);

  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  expect((await ico.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0])); // an ICO header
  const svg = await request.get("/favicon.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  // Kept by the browser for a day, so a page view does not ask for them again (next.config.mjs).
  for (const icon of [ico, svg]) expect(icon.headers()["cache-control"]).toBe("public, max-age=86400");
  expect((await request.get("/robots.txt")).headers()["cache-control"]).toBe("public, max-age=0");

  await page.goto("/signin");
  await expect(page.locator('head link[rel="icon"][href="/favicon.svg"]')).toHaveCount(1);
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute("content", "noindex, nofollow");
  const icon = await page.request.get(new URL("/favicon.svg", page.url()).toString());
  expect(await icon.text()).toContain("<svg");
});
