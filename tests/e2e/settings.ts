import fs from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import { snap } from "./screenshots";

/** A whole-page screenshot for a person to look at (E2E_SCREENSHOTS; screenshots.ts). */
export const shot = (page: Page, name: string) => snap(page, name);

/** A suffix no other spec's data holds: the server is shared, and only hosts under it are touched. */
export const unique = () => `.b${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}.e2e.example`;

export async function openSettings(admin: Page) {
  await admin.goto("/admin");
  await admin.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Settings" }).click();
  await expect(admin.getByRole("heading", { name: "Admin · Settings" })).toBeVisible();
}

/**
 * Admin adds `suffix` to the internal host suffixes and saves, with `note`. Other specs on the
 * shared server save settings too: a form they made stale is refused with a message and nothing
 * saved, so it loads the form again and retries, as an Admin would. Returns the version the save's
 * own message names (0 when an earlier attempt had saved it already).
 */
export async function addInternalSuffix(admin: Page, suffix: string, note: string): Promise<number> {
  const suffixes = admin.getByRole("textbox", { name: /^Suffixes/ });
  let saved = 0;
  await expect(async () => {
    await admin.reload();
    const current = await suffixes.inputValue();
    if (current.split("\n").includes(suffix)) return; // an earlier attempt saved it
    await suffixes.fill(`${current}\n${suffix}`);
    await admin.getByLabel("Note", { exact: true }).fill(note);
    await admin.getByRole("button", { name: "Save settings" }).click();
    const status = admin.getByRole("status").filter({ hasText: "Saved as version" });
    await expect(status).toBeVisible({ timeout: 5_000 });
    saved = Number(/Saved as version (\d+)/.exec((await status.textContent())!)![1]);
  }).toPass({ timeout: 30_000 });
  return saved;
}

/** A log extract `name` in tmp/e2e-settings: each line stamped a day ago (inside a 10-day case window). */
export async function logExtract(name: string, lines: string[]): Promise<string> {
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const dir = path.resolve("tmp", "e2e-settings");
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await fs.writeFile(file, lines.map((line) => `${at} ${line}\n`).join(""));
  return file;
}
