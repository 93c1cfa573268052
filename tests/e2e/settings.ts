import path from "node:path";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

// Screenshots for a person to look at (not assertions): E2E_SCREENSHOTS=/tmp/some-folder.
const shots = process.env.E2E_SCREENSHOTS;
export async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** A suffix no other spec's data holds: the server is shared, and only hosts under it are touched. */
export const unique = () => `.b${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}.e2e.example`;

export async function openSettings(admin: Page) {
  await admin.goto("/admin");
  await admin.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Settings" }).click();
  await expect(admin.getByRole("heading", { name: "Admin · Settings" })).toBeVisible();
}
