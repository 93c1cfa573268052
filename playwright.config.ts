import { execFileSync } from "node:child_process";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// One free loopback port and one fresh data folder per run, chosen once by the
// runner and inherited by its workers through the environment.
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  "-e",
  'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})',
]).toString();
process.env.E2E_DATA_DIR ??= path.resolve("tmp", `e2e-data-${process.env.E2E_PORT}`);
// The e2e servers start without the demo history (many specs expect empty lists); every server a
// spec starts itself inherits this unless it sets LOGDESK_DEMO_HISTORY=on in that server's env.
process.env.LOGDESK_DEMO_HISTORY = "off";
process.env.E2E_MAIL_DIR ??= path.resolve("tmp", `e2e-mail-${process.env.E2E_PORT}`);
process.env.E2E_TRACKER_DIR ??= path.resolve("tmp", `e2e-tracker-${process.env.E2E_PORT}`);
// The shared server's output, kept for the secret scan of global-teardown.ts, and the secrets the specs saw (cookies, tokens).
process.env.E2E_LOG_FILE ??= path.resolve("tmp", `e2e-server-${process.env.E2E_PORT}.log`);
process.env.E2E_STDERR_FILE ??= path.resolve("tmp", `e2e-server-${process.env.E2E_PORT}.stderr`);
process.env.E2E_SECRETS_FILE ??= path.resolve("tmp", `e2e-secrets-${process.env.E2E_PORT}.txt`);
// The output of the servers specs start themselves (tests/e2e/spec-server-output.ts), scanned the same way.
process.env.E2E_SPEC_LOG_DIR ??= path.resolve("tmp", `e2e-spec-logs-${process.env.E2E_PORT}`);

const port = Number(process.env.E2E_PORT);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  // After the run: the server's log is JSON lines and holds no secret (demo passwords, tokens, session cookies).
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  // npm test also asks for a JSON report (PLAYWRIGHT_JSON_OUTPUT_NAME) for its closing count.
  reporter: [["list"], ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["json"] as ["json"]] : []), ...(process.env.CI ? [] : [["html", { open: "never" }] as ["html", { open: "never" }]])],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's chromium (Playwright cannot download its own browsers here); override with PLAYWRIGHT_CHROMIUM_PATH.
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    // Empty states first, on the fresh server, before any journey fills them.
    { name: "empty-states", use: { browserName: "chromium" }, testMatch: /empty-sections-explain-themselves/ },
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: /admin-edits-calendars|readme-demo-flow|empty-sections-explain-themselves|access-matrix|many-accounts/, dependencies: ["empty-states"] },
    // Every identity against every action, route and page over HTTP (no browser); it invites and
    // deactivates a staff member of its own, which the staff specs must not see mid-run.
    { name: "access-matrix", testMatch: /access-matrix/, fullyParallel: false, dependencies: ["chromium"] },
    // The README's demo flow adds an internal suffix to the shared server's settings (and opens a
    // host proposal for a moment), which specs looking at the demo defaults must not see.
    { name: "settings-change", use: { browserName: "chromium" }, testMatch: /readme-demo-flow/, dependencies: ["chromium"] },
    // Changing a team's calendar moves every due time on the shared server, so it runs after the rest.
    { name: "calendars", use: { browserName: "chromium" }, testMatch: /admin-edits-calendars/, dependencies: ["chromium"] },
    // Past 200 accounts the intake form searches instead of listing: after every spec that picks from the list.
    { name: "many-accounts", use: { browserName: "chromium" }, testMatch: /many-accounts/, dependencies: ["access-matrix", "settings-change", "calendars"] },
  ],
  webServer: {
    // The production build (scripts/test-e2e.sh builds it) on its own embedded database, sending
    // notifications to a real SMTP server that files what it receives in E2E_MAIL_DIR.
    command: `rm -rf "${process.env.E2E_DATA_DIR}" "${process.env.E2E_MAIL_DIR}" "${process.env.E2E_TRACKER_DIR}" "${process.env.E2E_LOG_FILE}" "${process.env.E2E_STDERR_FILE}" "${process.env.E2E_SECRETS_FILE}" "${process.env.E2E_SPEC_LOG_DIR}" && node --import tsx --import ./scripts/register.mjs tests/e2e/server-with-mailbox.ts`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOGDESK_DATA_DIR: process.env.E2E_DATA_DIR,
      E2E_MAIL_DIR: process.env.E2E_MAIL_DIR,
      E2E_TRACKER_DIR: process.env.E2E_TRACKER_DIR,
      E2E_LOG_FILE: process.env.E2E_LOG_FILE,
      E2E_STDERR_FILE: process.env.E2E_STDERR_FILE,
      NEXTAUTH_URL: baseURL,
      LOGDESK_DEMO_HISTORY: process.env.LOGDESK_DEMO_HISTORY,
    },
  },
});
