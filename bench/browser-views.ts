// What a page costs as a browser meets it (issue 15: "pages are measured as users meet them"):
// autocannon asks for the page alone, but a browser's view of it also asks for whatever the page
// makes it fetch (a prefetch per <Link> on screen, until components/ui/app-link.tsx turned those
// off: the case list was 15 requests to the server, now one). For each page:
// VIEWS views in Chromium (Debian's; scripts/ensure-chromium.sh) with a warm cache, as a user
// moving around the portal has: the requests the server answered per view, the prefetches among
// them, and the server's CPU for the median view, beside the median of the page fetched alone at
// the same pace.
import { chromium, type Browser } from "playwright-core";
import { percentile, processCpuMs } from "./support";

export interface ViewCost {
  /** Requests the server answered per view (the browser's cache answers the build's static files). */
  requests: number;
  /** Of those, prefetches (a Next-Router-Prefetch header). */
  prefetches: number;
  /** The portal process's CPU per view, ms: the median view's (the server's own jobs and upkeep, which come in bursts, land in a few views). */
  cpuPerView: number;
  /** The page fetched alone at the same pace (no browser), ms of CPU: the median fetch's. */
  cpuAlone: number;
  /** The paths of what else the views made the server answer, once each ("/favicon.ico"). */
  others: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

export async function openBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

/** `views` views of `path` signed in with `cookie` (name=value), after two that fill the cache; then as many plain fetches at the same pace. */
export async function viewCost(browser: Browser, base: string, path: string, cookie: string | undefined, pid: number, views = 10, paceMs = 1500): Promise<ViewCost> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    if (cookie) {
      const [name, ...value] = cookie.split("=");
      await ctx.addCookies([{ name: name!, value: value.join("="), url: base }]);
    }
    let requests = 0;
    let prefetches = 0;
    const cpu: number[] = [];
    const others = new Set<string>();
    for (let i = 0; i < views + 2; i++) {
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send("Network.enable");
      let answered = 0;
      let prefetched = 0;
      const target = new URL(path, base);
      cdp.on("Network.responseReceived", (e) => {
        if (e.response.fromDiskCache || e.response.fromPrefetchCache || !e.response.url.startsWith(base)) return;
        answered++;
        const u = new URL(e.response.url);
        if (i >= 2 && u.pathname + u.search !== target.pathname + target.search) others.add(`${u.pathname}`);
      });
      page.on("request", (r) => {
        if (r.headers()["next-router-prefetch"]) prefetched++;
      });
      const c0 = processCpuMs(pid);
      const t0 = Date.now();
      await page.goto(base + path, { waitUntil: "networkidle" });
      await sleep(Math.max(0, paceMs - (Date.now() - t0)));
      const c1 = processCpuMs(pid);
      await page.close();
      if (i < 2) continue;
      requests += answered;
      prefetches += prefetched;
      cpu.push(c1 - c0);
    }
    // The page alone, at the same pace (so the server's idle upkeep counts the same in both).
    const alone: number[] = [];
    const headers = cookie ? { cookie } : undefined;
    for (let i = 0; i < views + 2; i++) {
      const c0 = processCpuMs(pid);
      const t0 = Date.now();
      await (await fetch(base + path, { headers })).arrayBuffer();
      await sleep(Math.max(0, paceMs - (Date.now() - t0)));
      if (i >= 2) alone.push(processCpuMs(pid) - c0);
    }
    return { requests: requests / views, prefetches: prefetches / views, cpuPerView: median(cpu), cpuAlone: median(alone), others: [...others] };
  } finally {
    await ctx.close();
  }
}
