import { appendFileSync } from "node:fs";
import type { BrowserContext } from "@playwright/test";

/**
 * The secrets the specs saw (session cookie values, API tokens), one a line in E2E_SECRETS_FILE,
 * for the scan of the server's log after the run (global-teardown.ts).
 */
export function rememberSecret(value: string): void {
  const file = process.env.E2E_SECRETS_FILE;
  if (file && value) appendFileSync(file, value + "\n");
}

/** The session and CSRF cookies of a signed-in context (not the callback URL, which is an address, not a secret). */
export async function rememberSessionCookies(context: BrowserContext): Promise<void> {
  for (const c of await context.cookies()) {
    if (/session-token|csrf-token/.test(c.name)) rememberSecret(c.value);
  }
}
