import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, expectAccessible, signIn, staff, test } from "./fixtures";
import { specServerStdio } from "./spec-server-output";

/** Signs in over HTTP as next-auth's form does; returns the error code, or "ok". */
async function postSignIn(api: APIRequestContext, email: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await api.post("/api/auth/callback/credentials", { form: { email, password, csrfToken, json: "true" }, headers, maxRedirects: 0 });
  const url = new URL(((await res.json()) as { url: string }).url);
  return url.searchParams.get("error") ?? "ok";
}

// Finding 1 needs an address that gets blocked: its own server and data folder, so no other spec is slowed down.
test.describe("sign-in throttling on a server of its own (finding 1)", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });
  const port = 39_000 + (process.pid % 900);
  const baseURL = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let dataDir: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "logdesk-throttle-"));
    child = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], {
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", LOGDESK_DATA_DIR: dataDir, NEXTAUTH_URL: baseURL, LOGDESK_WORKER: "0", TRUSTED_PROXY_HOPS: "0", SMTP_URL: "" },
      stdio: specServerStdio("sign-in-throttle", port),
    });
    for (let i = 0; i < 640; i++) {
      const up = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
      if (up) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error("the second server did not start");
  });

  test.afterAll(async () => {
    child?.kill("SIGTERM");
    await new Promise((r) => child?.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("five wrong passwords for made-up emails, sent without X-Forwarded-For, do not block the real CSM", async () => {
    const api = await playwrightRequest.newContext({ baseURL });
    for (let i = 0; i < 5; i++) expect(await postSignIn(api, `made-up-${i}@example.com`, "guess")).toBe("CredentialsSignin");
    const csm = await playwrightRequest.newContext({ baseURL });
    expect(await postSignIn(csm, staff("csm").email, staff("csm").password)).toBe("ok");
    await api.dispose();
    await csm.dispose();
  });

  test("a client blocked for guessing many accounts is not let through by a new X-Forwarded-For value", async () => {
    const api = await playwrightRequest.newContext({ baseURL });
    let last = "";
    for (let i = 0; i < 31 && last !== "RateLimited"; i++) {
      last = await postSignIn(api, `spray-${i}@example.com`, "guess", { "X-Forwarded-For": `198.51.100.${i + 1}` });
    }
    expect(await postSignIn(api, `spray-new@example.com`, "guess", { "X-Forwarded-For": "203.0.113.250" })).toBe("RateLimited");
    expect(await postSignIn(api, staff("legal").email, staff("legal").password, { "X-Forwarded-For": "203.0.113.251" })).toBe("RateLimited");
    await api.dispose();
  });
});

test("a cookie kept from before sign-out opens nothing afterwards (finding 2)", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, staff("csm").email, staff("csm").password);
  const kept = (await context.cookies()).filter((c) => c.name.includes("next-auth.session-token"));
  expect(kept).toHaveLength(1);

  // Another browser of the same person stays signed in when this one signs out.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, staff("csm").email, staff("csm").password);

  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const out = await page.request.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
  expect(out.ok()).toBe(true);

  const replay = await browser.newContext();
  await replay.addCookies(kept.map((c) => ({ ...c })));
  const replayPage = await replay.newPage();
  await replayPage.goto("/cases");
  await expect(replayPage).toHaveURL(/\/signin/);
  expect((await replayPage.request.get("/api/auth/session")).ok()).toBe(true);

  await otherPage.goto("/cases");
  await expect(otherPage).toHaveURL(new RegExp(`${baseURL}/cases`));
  await Promise.all([context.close(), other.close(), replay.close()]);
});

test("a session cookie changed by one character, or split into next-auth's chunks, is read as next-auth reads it", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, staff("support").email, staff("support").password);
  const [cookie] = (await context.cookies()).filter((c) => c.name === "next-auth.session-token");
  expect(cookie).toBeTruthy();
  const value = cookie!.value;

  // Chunks (a token longer than a cookie may be): the same session.
  const chunked = await browser.newContext();
  const half = Math.floor(value.length / 2);
  await chunked.addCookies([
    { ...cookie!, name: "next-auth.session-token.1", value: value.slice(half) },
    { ...cookie!, name: "next-auth.session-token.0", value: value.slice(0, half) },
  ]);
  const chunkedPage = await chunked.newPage();
  await chunkedPage.goto("/cases");
  await expect(chunkedPage).toHaveURL(/\/cases$/);

  // One character changed: signed out, told the session expired.
  const tampered = await browser.newContext();
  const flipped = value.slice(0, half) + (value[half] === "A" ? "B" : "A") + value.slice(half + 1);
  await tampered.addCookies([{ ...cookie!, value: flipped }]);
  const tamperedPage = await tampered.newPage();
  await tamperedPage.goto("/cases");
  await expect(tamperedPage).toHaveURL(/\/signin\?error=SessionExpired/);
  await Promise.all([context.close(), chunked.close(), tampered.close()]);
});

test("an Admin revokes a colleague's sessions on Admin -> Staff, and the colleague signs out everywhere (finding 2)", async ({ admin, browser }) => {
  mkdirSync("/work/shots", { recursive: true });
  const legalContext = await browser.newContext();
  const legal = await legalContext.newPage();
  await signIn(legal, staff("legal").email, staff("legal").password);
  await expect(legal.getByRole("button", { name: "Sign out everywhere" })).toBeVisible();
  await expectAccessible(legal);
  await legal.locator("header").screenshot({ path: "/work/shots/signin-sessions-sign-out-everywhere.png" });

  await admin.goto("/admin");
  admin.once("dialog", (d) => void d.accept());
  const row = admin.getByRole("row").filter({ hasText: staff("legal").email });
  await row.getByRole("button", { name: /Revoke sessions/ }).click();
  await expect(row.getByText(/was signed out everywhere/)).toBeVisible();
  await expectAccessible(admin);
  await admin.screenshot({ path: "/work/shots/signin-sessions-admin-revoke-sessions.png", fullPage: true });

  await legal.goto("/queue");
  await expect(legal).toHaveURL(/\/signin/);

  // Signed in again, "Sign out everywhere" ends this browser and any other.
  const second = await browser.newContext();
  const secondPage = await second.newPage();
  await signIn(secondPage, staff("legal").email, staff("legal").password);
  await signIn(legal, staff("legal").email, staff("legal").password);
  await legal.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(legal).toHaveURL(/\/signin/);
  await secondPage.goto("/queue");
  await expect(secondPage).toHaveURL(/\/signin/);
  await Promise.all([legalContext.close(), second.close()]);
});
