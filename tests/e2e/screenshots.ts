import path from "node:path";
import type { Locator, Page } from "@playwright/test";

// Screenshots for a person to look at (not assertions): written only when E2E_SCREENSHOTS names a
// folder (E2E_SCREENSHOTS=/tmp/shots npm run test:e2e), never by a plain `npm test`.
export const screenshotFolder = process.env.E2E_SCREENSHOTS;
const folder = screenshotFolder;

/** A screenshot of a page (whole, by default) or of one part of it, named `<name>.png`. */
export async function snap(target: Page | Locator, name: string, opts: { fullPage?: boolean } = {}) {
  if (!folder) return;
  const file = path.join(folder, `${name}.png`);
  if ("goto" in target) await target.screenshot({ path: file, fullPage: opts.fullPage ?? true });
  else await target.screenshot({ path: file });
}
