import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

// The server under test holds E2E_DATA_DIR; a second start on the same folder must refuse, clearly.
test("a second start on the same data folder is refused with a clear message", async ({ request }) => {
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: "39999", LOGDESK_DATA_DIR: process.env.E2E_DATA_DIR },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code).toBe(1);
  expect(output).toContain("Logdesk is already running");
  expect(output).toContain(process.env.E2E_DATA_DIR!);
  // And the running one is unharmed.
  expect((await request.get("/api/health")).status()).toBe(200);
});
