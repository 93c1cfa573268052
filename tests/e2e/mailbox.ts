import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The messages the test SMTP server received (tests/e2e/server-with-mailbox.ts), oldest first. */
export function receivedMail(): string[] {
  const dir = process.env.E2E_MAIL_DIR!;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), "utf8"));
}
