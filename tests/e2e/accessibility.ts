import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/** Impacts that fail a test; moderate and minor findings are attached to the report only. */
const FAILING = new Set(["serious", "critical"]);

/**
 * Runs axe-core on the page as it is now (call it after navigating and waiting for what the test
 * looks at) and fails on serious or critical violations, naming each rule, its help text and the
 * first elements it found. Every rule axe runs by default is on (WCAG 2.0-2.2 A/AA and best
 * practices). `soft` records the failure and lets the test go on (for a spec that visits many pages).
 */
export async function expectAccessible(page: Page, o: { where?: string; soft?: boolean } = {}) {
  const where = o.where ?? new URL(page.url()).pathname;
  // After a server action the page refreshes, and Next streams the new <title> with it: a check
  // that ran in between saw no title (a flaky "document-title"). Wait until the title is back.
  await expect.poll(() => page.title(), { message: `a <title> on ${where}` }).not.toBe("");
  // Legacy mode runs axe in the page itself: the portal has no frames, and the default mode opens a
  // blank page per check to merge frames' results, which made each check 3-4 times slower here.
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const describe = (v: (typeof violations)[number]) =>
    `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×) ${v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(" "))
      .join(" | ")}`;
  const others = violations.filter((v) => !FAILING.has(v.impact ?? ""));
  if (others.length) test.info().annotations.push({ type: "axe (moderate/minor)", description: `${where}: ${others.map(describe).join("; ")}` });
  const failing = violations.filter((v) => FAILING.has(v.impact ?? "")).map(describe);
  (o.soft ? expect.soft : expect)(failing, `serious or critical axe violations on ${where}`).toEqual([]);
}
